// The site's evidence table renders the committed lab-evidence.json: one row per configuration,
// column headers in the page's language. Rendered with Astro's container API (no site build):
// npx vitest run --config lab/vitest.site.config.ts
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parse } from 'node-html-parser';
import { describe, expect, test } from 'vitest';
import LabEvidence from '../../src/components/LabEvidence.astro';
import { readEvidence } from '../evidence.ts';

const evidence = readEvidence();

async function render(locale: string) {
  const container = await AstroContainer.create();
  const html = await container.renderToString(LabEvidence, {
    locals: { starlightRoute: { id: `${locale}/cpanel-backup-freeze`, locale } } as never,
  });
  return parse(html);
}
const headers = (doc: ReturnType<typeof parse>) => doc.querySelectorAll('thead th').map((th) => th.text.trim());

describe.skipIf(!evidence)('LabEvidence', () => {
  test("one row per configuration, with its outcome, under the run's kernel", async () => {
    const doc = await render('en');
    const rows = doc
      .querySelectorAll('tr[data-config]')
      .map((tr) => `${tr.getAttribute('data-config')}:${tr.getAttribute('data-outcome')}`);
    expect(rows.sort()).toEqual(evidence!.configurations.map((c) => `${c.id}:${c.outcome}`).sort());
    expect(headers(doc)).toContain('Diagnosis');
    // Whether the diagnosis was right is said in its cell, under the diagnosis itself.
    for (const tr of doc.querySelectorAll('tr[data-config]'))
      expect(tr.querySelector('td:last-child')!.text).toContain('Diagnosis right: yes');
    expect(doc.querySelector('caption')!.text).toContain(evidence!.kernel);
  });

  test('folded in a closed <details> whose summary counts what the lab did', async () => {
    const doc = await render('en');
    const details = doc.querySelector('details.rg-lab')!;
    expect(details.hasAttribute('open')).toBe(false);
    expect(details.querySelector('summary')!.text.trim()).toBe(
      `What the lab showed: ${evidence!.configurations.length} configurations frozen for real, ${evidence!.fixes.length} fixes tested`,
    );
    // Polish plural forms: 12 takes the genitive plural, 4 the nominative.
    const pl = (await render('pl')).querySelector('summary')!.text;
    if (evidence!.configurations.length === 12) expect(pl).toContain('12 naprawdę zamrożonych konfiguracji');
    if (evidence!.fixes.length === 4) expect(pl).toContain('4 przetestowane poprawki');
  });

  test('headers in the page language (Polish, European Portuguese)', async () => {
    expect(headers(await render('pl'))).toContain('Zamrożenie');
    expect(headers(await render('pt-pt'))).toContain('Congelamento');
  });
});
