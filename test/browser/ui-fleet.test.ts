// "Check several servers" in a real browser: the real runner runs the diagnosis playbook with the real
// ansible-playbook over real sshd hosts, each in a server state of its own (test/helpers/state-sshd.ts),
// and one host nobody answers on. The table fills as the events come, its verdicts agree with the
// page's own Run all checks, and what it exports is accepted by ansible-playbook.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FleetEvent, FleetEventSchema } from '../../core/fleet.ts';
import { assess, findStep, renderCommand } from '../../core/render.ts';
import { freePort } from '../../server/free-port.ts';
import { generate, runbook } from '../helpers/export-common.ts';
import { seriousViolations } from '../helpers/browser.ts';
import { holdLoopLock } from '../helpers/loop-tmp.ts';
import { type StateHost, startStateSshd } from '../helpers/state-sshd.ts';
import { launchBrowser, runbookUrl, type Runner, startRunner } from '../helpers/ui-harness.ts';

/** Each host's state (server-state.ts's words) and the verdict the runbook gives it. */
const STATES = {
  risky: ['account alice jailshell; agent; virtfs alice', 'at-risk'],
  latent: ['account alice jailshell; agent', 'at-risk-latent'],
  safe: ['account alice jailshell; package "install ok installed" 1:10.0.2+ds-2; virtfs alice', 'not-at-risk'],
} as const;
const EXPECTED = { risky: 'at-risk', latent: 'at-risk-latent', safe: 'not-at-risk', gone: 'unreachable' };
const HOSTS = Object.keys(EXPECTED);

let release: () => Promise<void>;
let hosts: StateHost[] = [];
let runner: Runner;
let browser: Browser;
let page: Page;
let events: FleetEvent[] = [];
const dir = mkdtempSync(join(tmpdir(), 'runguide-ui-fleet-'));

const rowOf = (host: string) => page.locator(`.rg-fleet-table tr[data-host="${host}"]`);
const cell = (host: string, step: string) => rowOf(host).locator(`td[data-step="${step}"] .rg-badge`);
const active = (l: Locator) => l.evaluate((el) => el === document.activeElement);
const tableHosts = () => page.locator('.rg-fleet-table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.host));
const finished = () =>
  page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('.rg-fleet-start')?.disabled, null, { timeout: 240_000 });

describe.skipIf(process.getuid?.() !== 0)('the fleet view against real sshd hosts', () => {
  beforeAll(async () => {
    release = await holdLoopLock();
    hosts = await Promise.all(Object.entries(STATES).map(([id, [state]]) => startStateSshd(id, state)));
    const nobody = { id: 'gone', host: '127.0.0.1', port: await freePort(), user: 'root' };
    runner = await startRunner({ hosts: [...hosts.map((h) => h.entry), nobody] });
    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 860 } })).newPage();
    await page.goto(runbookUrl(runner.server));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await runner?.close();
    await Promise.all(hosts.map((h) => h.stop()));
    await release?.();
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  test('the table fills live from ansible-playbook, with each host’s verdict', async () => {
    await page.locator('.rg-fleet-open').click();
    const dialog = page.getByRole('dialog', { name: 'Check several servers' });
    for (const id of HOSTS) await dialog.locator(`input[name=host][value="${id}"]`).check();
    // What the table looked like at each change: cells filled, hosts with a verdict.
    await page.evaluate(() => {
      const seen: { cells: number; decided: number }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() =>
        seen.push({
          cells: document.querySelectorAll('.rg-fleet-table td[data-step] .rg-badge').length,
          decided: document.querySelectorAll('.rg-fleet-table tbody tr:not([data-verdict="pending"])').length,
        }),
      ).observe(document.querySelector('.rg-fleet-results')!, { subtree: true, childList: true, characterData: true });
    });
    const started = page.waitForResponse((r) => r.url().endsWith('/api/fleet') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Start' }).click();
    const run = ((await (await started).json()) as { run: string }).run;
    await finished();
    expect(await dialog.locator('.rg-fleet-progress').textContent()).toBe('4 of 4 hosts done');
    for (const [host, verdict] of Object.entries(EXPECTED)) expect(await rowOf(host).getAttribute('data-verdict'), host).toBe(verdict);

    // The events as the runner tells them, replayed for a late reader: the table shows them.
    const res = await fetch(`${runner.server.origin}/api/fleet/${run}/events`, {
      headers: { authorization: `Bearer ${runner.server.token}` },
    });
    events = (await res.text())
      .trim()
      .split('\n')
      .map((l) => FleetEventSchema.parse(JSON.parse(l)));
    const start = events[0]!;
    if (start.type !== 'start') throw new Error('no start event');
    expect(await dialog.locator('.rg-fleet-command code').textContent()).toBe(start.command);
    expect(await dialog.locator('thead th[data-step]').allTextContents()).toEqual(start.checks.map((c) => c.title));
    for (const e of events) {
      if (e.type !== 'check') continue;
      const badge = rowOf(e.host).locator(`td[data-step="${e.step}"] .rg-badge`);
      expect(await badge.getAttribute('data-verdict'), `${e.host} ${e.step}`).toBe(e.verdict);
      if (e.output) expect(await badge.getAttribute('title')).toBe(e.output);
    }
    // Each reachable host's verdict is the runbook's own assessment of its checks.
    for (const host of Object.keys(STATES)) {
      const verdicts = Object.fromEntries(events.flatMap((e) => (e.type === 'check' && e.host === host ? [[e.step, e.verdict]] : [])));
      expect(assess(runbook, verdicts).outcome, host).toBe(EXPECTED[host as keyof typeof EXPECTED]);
    }
    // Live: checks were on screen while no reachable host had its verdict yet.
    const seen = await page.evaluate(() => (window as unknown as { seen: { cells: number; decided: number }[] }).seen);
    expect(
      seen.some((x) => x.cells > 0 && x.cells < 3 * start.checks.length && x.decided <= 1),
      JSON.stringify(seen.slice(0, 40)),
    ).toBe(true);
    expect(await seriousViolations(page, '.rg-fleet')).toEqual([]);
  }, 300_000);

  test('a check’s output line shows on hover (title) and on keyboard focus (a described tooltip)', async () => {
    const e = events.find((x) => x.type === 'check' && x.host === 'risky' && x.step === 'freeze-order' && x.output);
    if (e?.type !== 'check') throw new Error('no freeze-order output for risky');
    const badge = cell('risky', 'freeze-order');
    await cell('risky', 'virtfs-mounts').focus();
    await page.keyboard.press('ArrowRight');
    expect(await active(badge)).toBe(true);
    const tip = page.locator(`#${await badge.getAttribute('aria-describedby')}`);
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toBe(e.output);
    expect(await tip.getAttribute('role')).toBe('tooltip');
    await page.keyboard.press('Tab');
    expect(await tip.isVisible()).toBe(false);
    // The unreachable host says why, the same way.
    const gone = rowOf('gone').locator('.rg-fleet-verdict .rg-badge');
    expect(await gone.textContent()).toBe('Unreachable');
    expect(await gone.getAttribute('title')).toMatch(/ssh|connect|refused|unreachable/i);
  });

  test('the cells are one Tab stop: the arrow keys move between them, Tab leaves the table', async () => {
    await cell('risky', 'freeze-order').focus();
    // Rows in host order: gone (no check ran), latent, risky, safe.
    await page.keyboard.press('ArrowDown');
    expect(await active(cell('safe', 'freeze-order'))).toBe(true);
    for (const key of ['ArrowUp', 'ArrowUp']) await page.keyboard.press(key);
    expect(await active(cell('latent', 'freeze-order'))).toBe(true);
    await page.keyboard.press('Home');
    expect(await active(rowOf('latent').locator('td .rg-badge').first())).toBe(true);
    await page.keyboard.press('End');
    expect(await active(rowOf('latent').locator('.rg-fleet-fix a'))).toBe(true);
    // One Tab stop in the whole table: the cell visited last.
    expect(await page.locator('.rg-fleet-table tbody [tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.rg-fleet-table'))).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await active(rowOf('latent').locator('.rg-fleet-fix a'))).toBe(true);
  });

  test('sorting by verdict (worst first, then reversed) and by host, said by aria-sort', async () => {
    const byVerdict = page.locator('th[data-sort="verdict"]');
    await byVerdict.getByRole('button').click();
    expect(await byVerdict.getAttribute('aria-sort')).toBe('ascending');
    expect(await tableHosts()).toEqual(['risky', 'latent', 'gone', 'safe']);
    await byVerdict.getByRole('button').press('Enter');
    expect(await byVerdict.getAttribute('aria-sort')).toBe('descending');
    expect(await tableHosts()).toEqual(['safe', 'gone', 'latent', 'risky']);
    await page.locator('th[data-sort="host"]').getByRole('button').click();
    expect(await page.locator('th[data-sort="host"]').getAttribute('aria-sort')).toBe('ascending');
    expect(await byVerdict.getAttribute('aria-sort')).toBeNull();
    expect(await tableHosts()).toEqual(['gone', 'latent', 'risky', 'safe']);
  });

  test('the CSV and the at-risk inventory download; ansible-playbook lists exactly the hosts at risk', async () => {
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csvFile = join(dir, (await csvDownload).suggestedFilename());
    await (await csvDownload).saveAs(csvFile);
    const parse = 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))))';
    const csv = JSON.parse(execFileSync('python3', ['-c', parse, csvFile], { encoding: 'utf8' })) as string[][];
    expect(csv[0]).toEqual([
      'Host',
      ...(await page.locator('thead th[data-step]').allTextContents()),
      'Verdict',
      'Recommended fix',
      'Message',
    ]);
    const byHost = Object.fromEntries(csv.slice(1).map((r) => [r[0], r]));
    expect(Object.keys(byHost).sort()).toEqual([...HOSTS].sort());
    expect(byHost.risky!.at(-3)).toBe('At risk');
    expect(byHost.latent!.at(-3)).toBe('At risk once VirtFS mounts');
    expect(byHost.gone!.at(-3)).toBe('Unreachable');
    expect(byHost.risky!.at(-2)).toMatch(/^Fix \d — /);
    expect(byHost.risky![1 + 7]).toBe('Risk factor found'); // freeze-order, the 8th check

    const invDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the inventory of servers at risk' }).click();
    expect((await invDownload).suggestedFilename()).toBe('runguide-at-risk.yml');
    await (await invDownload).saveAs(join(dir, 'runguide-at-risk.yml'));
    // The command the page shows, run as shown next to the exported fix playbook, listing only.
    const command = (await page.locator('.rg-fleet-next code').allTextContents()).join('\n');
    const fix = generate({ lang: 'en', format: 'ansible', fix: runbook.recommend as 'agent' });
    expect(command).toBe(`ansible-playbook -i runguide-at-risk.yml ${fix.name} --limit runguide_at_risk`);
    writeFileSync(join(dir, fix.name), fix.content);
    const listed = execFileSync('bash', ['-c', `${command} --list-hosts`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_HOME: dir },
    });
    const names = [...listed.matchAll(/^ {6}(\S+)$/gm)].map((m) => m[1]).sort();
    expect(names, listed).toEqual(['latent', 'risky']);
    // Its hosts keep their inventory variables: the fix reaches them as the diagnosis did.
    expect(readFileSync(join(dir, 'runguide-at-risk.yml'), 'utf8')).toContain(`"ansible_port": "${hosts[0]!.port}"`);
  });

  test('the report of the fleet: each host, its assessment, each check with the command it ran', async () => {
    const download = page.waitForEvent('download');
    await page.locator('.rg-fleet').getByRole('button', { name: 'Download the report (Markdown)' }).click();
    const md = readFileSync(await (await download).path(), 'utf8');
    expect(md).toMatch(/^## risky\n\n\*\*Assessment:\*\* AT RISK: /m);
    expect(md).toMatch(/^## safe\n\n\*\*Assessment:\*\* Not at risk/m);
    // The dead port: not "undecided" with every check "not run", but unreachable, in ssh's words.
    expect(md).toMatch(
      /^## gone\n\n\*\*Assessment:\*\* Unreachable\n\nThis server could not be reached.*\n\n```+\n.*(ssh|connect|refused)/im,
    );
    expect(md).toContain(`\n${renderCommand(findStep(runbook, 'freeze-order')!, 'run', 'ubuntu')}\n`);
  });

  test('a host’s verdict is the one the page’s own Run all checks gives it', async () => {
    await page.keyboard.press('Escape');
    expect(await page.locator('.rg-fleet').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    await page.locator('.rg-open').click();
    await page.locator('.rg-host-select').selectOption('latent');
    const label = await page.locator('.rg-host-select option[value="latent"]').textContent();
    await page.waitForFunction((l) => document.querySelector('.rg-state')?.textContent === `Connected to ${l}`, label, { timeout: 60_000 });
    await page.locator('#rg-assessment .rg-run-all').click();
    const ran = () =>
      document.querySelector('#rg-assessment')?.getAttribute('data-state') !== 'empty' && !document.querySelector('.rg-run-all:disabled');
    await page.waitForFunction(ran, null, { timeout: 240_000 });
    expect(await page.locator('#rg-assessment').getAttribute('data-state')).toBe('at-risk-latent');
    for (const e of events)
      if (e.type === 'check' && e.host === 'latent')
        expect(await page.locator(`.rg-step[data-step="${e.step}"] .rg-badge`).getAttribute('data-verdict'), e.step).toBe(e.verdict);
  }, 300_000);

  test('Stop ends a run: the hosts not done keep no verdict', async () => {
    await page.locator('.rg-fleet-open').click();
    const started = page.waitForResponse((r) => r.url().endsWith('/api/fleet') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Start' }).click();
    await started;
    await page.getByRole('button', { name: 'Stop' }).click();
    await finished();
    expect(await page.locator('.rg-fleet-progress').textContent()).toMatch(/^\d of 4 hosts done Stopped: /);
    expect(await page.locator('.rg-fleet-table tr[data-verdict="pending"]').count()).toBeGreaterThan(0);
  }, 120_000);
});
