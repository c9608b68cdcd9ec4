// The report template's JavaScript back end (the page's): adversarial outputs stay text, in both
// formats; the Markdown's fences and headings balance; the HTML is one document with one h1,
// headings in order, captioned tables, nothing loaded from elsewhere; secrets planted in outputs
// and values the user marked secret never reach the file; N hosts make N sections.
import { describe, expect, test } from 'vitest';
import { REDACTED } from '../../core/redact.ts';
import type { ReportData, ReportHost } from '../../export/report/model.ts';
import { renderReport } from '../../export/report/render.ts';
import { badTableRows, htmlReport, markdownProblems } from '../helpers/report.ts';

const NASTY = [
  '```',
  '# not a heading',
  '| a | b |',
  '</code></pre><script>alert(1)</script>',
  '````` five backticks `` two',
  '&amp; <b>bold</b> *star* _under_ [link](http://x)',
].join('\n');

const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAplantedkeymaterial', '-----END RSA PRIVATE KEY-----'].join('\n');
const SECRETS = ['hunter2-db', 'S3cr3tpass', 'tok-abc123def', 'MIIEowIBAAKCAQEAplantedkeymaterial', 'AuthTok3n9', 'marcel-prod'];
const PLANTED = `mysql -u root -phunter2-db\npassword=S3cr3tpass\nBearer tok-abc123def\n${PEM}\nAuthorization: Basic AuthTok3n9\nuser marcel-prod`;

const host = (name: string, output: string, outcome: ReportHost['outcome'] = 'at-risk'): ReportHost => ({
  name,
  outcome,
  reason: '',
  checks: [
    {
      id: 'agent-running',
      title: 'Is the agent `running`?',
      command: "grep -c ' /home/virtfs/' /proc/self/mounts",
      output,
      verdict: 'fail',
    },
    { id: 'tmp-loop', title: 'Is /tmp | on a loop?', command: 'echo ```', output: '', verdict: 'error' },
    { id: 'past-hang', title: 'Past hang', command: 'true', output: 'ok\n\n', verdict: 'none' },
  ],
});

const data = (hosts: ReportHost[]): ReportData => ({
  lang: 'en',
  slug: 'cpanel-backup-freeze',
  title: 'A cPanel VPS hangs <during> backup',
  url: 'http://127.0.0.1:4321/en/cpanel-backup-freeze/',
  version: '0.1.0',
  date: '2025-01-02 03:04 UTC',
  recommend: 'agent',
  source: 'https://help.ovhcloud.com/csm/en-vps-automatic-backup-kernel-panic-cpanel',
  hosts,
});

describe('the report, rendered by the page', () => {
  test('Markdown: fences and headings balance, tables keep their columns, whatever the output holds', () => {
    const md = renderReport(data([host('web|1 <x>', NASTY), host('web2', '````````')]), 'md');
    expect(markdownProblems(md)).toEqual([]);
    expect(badTableRows(md)).toEqual([]);
    // The output comes through verbatim inside its fence, one backtick longer than its longest run.
    expect(md).toContain(`\n\`\`\`\`\`\`\n${NASTY}\n\`\`\`\`\`\`\n`);
    expect(md).toContain('## web\\|1 \\<x\\>\n');
  });

  test('HTML: one document, one h1, headings in order, captioned tables, output as text', () => {
    const html = renderReport(data([host('web<1>', NASTY)]), 'html');
    const { root, problems, texts } = htmlReport(html);
    expect(problems).toEqual([]);
    expect(root.querySelectorAll('script')).toHaveLength(0);
    expect(texts('pre code')).toContain(NASTY);
    expect(texts('h2')).toEqual(['web<1>']);
    expect(texts('h1')).toEqual(['Diagnosis report: A cPanel VPS hangs <during> backup']);
    // The verdict is a word and a sign, not a colour alone; the outcome too.
    expect(texts('h3 + p .mark').map((t) => t.trim())).toEqual(['✗ Risk factor found', '⚠ Could not tell', '– Not run']);
    // The runbook on the runner, and OVHcloud's guide, which whoever receives the report can open.
    expect(root.querySelectorAll('a[href^="http"]').map((a) => a.getAttribute('href'))).toEqual([
      'http://127.0.0.1:4321/en/cpanel-backup-freeze/',
      'https://help.ovhcloud.com/csm/en-vps-automatic-backup-kernel-panic-cpanel',
    ]);
  });

  test('N hosts: a section each, in the overview table, with anchors that do not collide', () => {
    const hosts = [host('a', 'x'), host('b', 'y', 'not-at-risk'), host('c', 'z', 'undecided')];
    const { root, problems } = htmlReport(renderReport(data(hosts), 'html'));
    expect(problems).toEqual([]);
    expect(root.querySelectorAll('h2').map((h) => h.id)).toEqual(['host-1', 'host-2', 'host-3']);
    expect(
      root
        .querySelectorAll('table')[0]!
        .querySelectorAll('tbody tr')
        .map((r) => r.text),
    ).toEqual(['aAt risk', 'bNot at risk', 'cUndecided']);
    // The fix is recommended for the host at risk only.
    expect(root.querySelectorAll('pre code').filter((c) => c.text.includes('--fix agent'))).toHaveLength(1);
  });

  test.each(['html', 'md'] as const)('%s: an unreachable host says so and why, with no check, its words redacted', (format) => {
    // ssh's own words, as the fleet runner reports them, with a value the user marked secret.
    const reason = 'ssh: connect to host vps-1a2b3c4d.vps.ovh.net port 22: Connection refused (marcel-prod)';
    const gone: ReportHost = { ...host('vps-1a2b3c4d.vps.ovh.net', 'x'), outcome: 'unreachable', reason };
    const out = renderReport(data([host('a', 'x'), gone]), format, ['marcel-prod']);
    const section = out.slice(Math.max(out.lastIndexOf('\n## '), out.lastIndexOf('<h2')));
    expect(out).not.toContain('marcel-prod');
    expect(section).toContain('This server could not be reached, so none of its checks ran.');
    expect(section).toContain('Connection refused');
    // Its checks are not listed as "not run" or otherwise: none ran, and the paragraph says so.
    expect(section).not.toContain('Not run');
    expect(section).not.toContain('--fix agent');
    if (format === 'md') expect(markdownProblems(out)).toEqual([]);
    else {
      const { root, problems } = htmlReport(out);
      expect(problems).toEqual([]);
      expect(
        root
          .querySelectorAll('table')[0]!
          .querySelectorAll('tbody tr')
          .map((r) => r.text),
      ).toEqual(['aAt risk', 'vps-1a2b3c4d.vps.ovh.netUnreachable']);
      expect(root.querySelectorAll('h2 + p .unreachable').map((e) => e.text.trim())).toEqual(['Unreachable']);
    }
  });

  test.each(['html', 'md'] as const)('%s: planted secrets and marked values are gone, the rest stays', (format) => {
    const out = renderReport(data([host('marcel-prod.example', PLANTED)]), format, ['marcel-prod']);
    for (const s of SECRETS) expect(out).not.toContain(s);
    // Markdown escapes the brackets in running text, not in a fenced block.
    expect(out.replaceAll('\\[redacted\\]', REDACTED).split(REDACTED).length).toBeGreaterThan(SECRETS.length);
    expect(out).toContain('mysql -u root -p');
  });

  test('every locale renders, in its language', () => {
    for (const lang of ['en', 'pt-pt', 'fr', 'de', 'es', 'it', 'pl'] as const) {
      const md = renderReport({ ...data([host('h', 'x')]), lang }, 'md');
      expect(markdownProblems(md)).toEqual([]);
      expect(
        htmlReport(renderReport({ ...data([host('h', 'x')]), lang }, 'html'))
          .root.querySelector('html')!
          .getAttribute('lang'),
      ).toBe(lang);
    }
  });
});
