// "Download report" in a real chromium against the real runner, whose shell lives in a mount
// namespace where secrets are planted where the checks print them (helpers/planted.ts): after
// "Run all checks", the HTML and the Markdown files downloaded hold every check with its whole
// output, redacted, and no planted secret. The HTML one opens from disk with the network cut
// (no request leaves it) and passes axe.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diagnosisSteps } from '../../core/render.ts';
import { runbooks } from '../../runbooks/index.ts';
import { seriousViolations } from '../helpers/browser.ts';
import { PLANTED_PASSWD, PLANTED_SECRETS, plantSecrets } from '../helpers/planted.ts';
import { htmlReport, markdownProblems } from '../helpers/report.ts';
import { launchBrowser, runbookUrl, startRunner, type Runner } from '../helpers/ui-harness.ts';

const checks = diagnosisSteps(runbooks['cpanel-backup-freeze']!);
let dir: string;
let runner: Runner;
let browser: Browser;
let page: Page;
const files: Record<'html' | 'md', string> = { html: '', md: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'runguide-ui-report-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'passwd'), PLANTED_PASSWD);
  // The runner's login shell: bash in a mount namespace of its own, the secrets planted there.
  writeFileSync(join(dir, 'ns.sh'), `set -e\n${plantSecrets(join(dir, 'passwd'))}exec /bin/bash "$@"\n`);
  writeFileSync(join(dir, 'shell'), `#!/bin/bash\nexec unshare --mount --propagation private /bin/bash ${join(dir, 'ns.sh')} "$@"\n`, {
    mode: 0o755,
  });
  runner = await startRunner({ env: { SHELL: join(dir, 'shell') } });
  browser = await launchBrowser();
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.goto(runbookUrl(runner.server));
  await page.locator('.rg-open').waitFor({ state: 'visible' });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await runner?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.getuid?.() !== 0)('Download report', () => {
  test('appears with the verdict card once "Run all checks" is done, and gives both files', async () => {
    expect(await page.locator('.rg-report-actions').isHidden()).toBe(true);
    await page.locator('.rg-assessment .rg-run-all').click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.rg-assessment .rg-card-checks li[data-verdict]:not([data-verdict="none"])').length === n,
      checks.length,
      { timeout: 240_000 },
    );
    for (const format of ['html', 'md'] as const) {
      const button = page.locator(`.rg-report[data-format="${format}"]`);
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^cpanel-backup-freeze-report-en-\\d{4}-\\d\\d-\\d\\d\\.${format}$`));
      const path = join(dir, `report.${format}`);
      await download.saveAs(path);
      files[format] = readFileSync(path, 'utf8');
      await page.waitForFunction(
        (name) => document.querySelector('.rg-report-status')?.textContent === `Downloaded ${name}.`,
        download.suggestedFilename(),
      );
    }
  }, 300_000);

  test.each(['html', 'md'] as const)('%s: every check with its whole output, redacted; no planted secret', (format) => {
    const file = files[format];
    for (const secret of PLANTED_SECRETS) expect(file).not.toContain(secret);
    // virtfs-users' whole output, not only its last line: each planted account, redacted.
    expect(file).toContain('password=[redacted] (jailshell)');
    expect(file).toContain('mysql -p[redacted] (jailshell)');
    expect(file).toContain('Bearer [redacted] (jailshell)');
    expect(file).toContain('/tmp: Authorization: [redacted]');
    expect(file).toContain('6 user(s) for whom cPanel mounts VirtFS');
    // Each check's command too (HTML writes its quotes as &#39;).
    expect(file.replaceAll('&#39;', "'")).toContain("awk -F: '$7 == ");
    if (format === 'md') expect(markdownProblems(file)).toEqual([]);
    else {
      const { problems, texts } = htmlReport(file);
      expect(problems).toEqual([]);
      expect(texts('h3')).toHaveLength(checks.length);
      expect(texts('h2')).toEqual(['this machine']);
    }
  });

  test('the HTML report opens from disk with the network cut, asks for nothing, and passes axe', async () => {
    const context = await browser.newContext({ offline: true });
    const offline = await context.newPage();
    const requests: string[] = [];
    offline.on('request', (r) => requests.push(r.url()));
    const path = join(dir, 'report.html');
    await offline.goto(`file://${path}`);
    await offline.locator('h1').waitFor();
    expect(requests).toEqual([`file://${path}`]);
    expect(await offline.locator('html').getAttribute('lang')).toBe('en');
    expect(await seriousViolations(offline)).toEqual([]);
    await context.close();
  });
});
