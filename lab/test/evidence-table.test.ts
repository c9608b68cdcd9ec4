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
  test('one row per configuration, with its outcome, under the run\'s kernel', async () => {
    const doc = await render('en');
    const rows = doc.querySelectorAll('tr[data-config]').map((tr) => `${tr.getAttribute('data-config')}:${tr.getAttribute('data-outcome')}`);
    expect(rows.sort()).toEqual(evidence!.configurations.map((c) => `${c.id}:${c.outcome}`).sort());
    expect(headers(doc)).toContain('Diagnosis right');
    expect(doc.querySelector('caption')!.text).toContain(evidence!.kernel);
  });

  test('headers in the page language (Polish, European Portuguese)', async () => {
    expect(headers(await render('pl'))).toContain('Zamrożenie');
    expect(headers(await render('pt-pt'))).toContain('Congelamento');
  });
});
