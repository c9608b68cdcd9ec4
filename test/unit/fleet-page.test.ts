// The fleet view's pure parts: the CSV a spreadsheet opens (quoting, no formula from a host's
// text), the table's order, the fix commands under the at-risk inventory, the ndjson reader.
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import type { FleetEvent, FleetVerdict } from '../../core/fleet.ts';
import { type CsvWords, csvField, fleetCsv, toCsv } from '../../src/terminal/fleet-csv.ts';
import { fixCommands } from '../../src/terminal/fleet-export.ts';
import { applyEvent, doneCount, type HostRow, newRun, sortRows } from '../../src/terminal/fleet-rows.ts';
import { fleetEvents, lines } from '../../src/terminal/fleet-stream.ts';

const row = (host: string, verdict: FleetVerdict | null, fix: HostRow['fix'] = null): HostRow => ({
  host,
  checks: {},
  verdict,
  fix,
  message: '',
  vars: {},
});

/** Parses CSV as a spreadsheet would (Python's csv module, RFC 4180 dialect). */
function parseCsv(text: string): string[][] {
  const out = execFileSync(
    'python3',
    ['-c', 'import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))'],
    {
      input: text.replace(/^\uFEFF/, ''),
      encoding: 'utf8',
    },
  );
  return JSON.parse(out);
}

test('a CSV field is quoted when it holds a quote, a comma or a line break, and reads back as written', () => {
  const nasty = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', 'é ł ß'];
  const text = toCsv([nasty]);
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(parseCsv(text)).toEqual([nasty]);
});

test('a cell that a spreadsheet would take for a formula starts with an apostrophe', () => {
  for (const v of ['=HYPERLINK("http://evil","x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
    expect(csvField(v).replace(/^"/, '').startsWith("'"), JSON.stringify(v)).toBe(true);
  // The guard comes before the quoting: the quoted field still starts with the apostrophe inside.
  expect(csvField('=1,2')).toBe(`"'=1,2"`);
  for (const v of ['web1', 'a=b', 'x-1', ' =1']) expect(csvField(v)).toBe(v);
});

test('the fleet CSV: host, each check in the start’s order, verdict, fix, message; words as the page says them', () => {
  const words: CsvWords = {
    host: 'Host',
    verdict: 'Verdict',
    fix: 'Recommended fix',
    message: 'Message',
    check: (v) => ({ pass: 'OK', fail: 'Risk factor found', error: 'Could not tell' })[v],
    outcome: (v) => v ?? 'Not checked yet',
    fixName: (f) => `Fix ${f}`,
  };
  const checks = [
    { step: 'a', title: 'Is A, or B?' },
    { step: 'b', title: 'Is "C"?' },
  ];
  const r1 = { ...row('=cmd|calc', 'unreachable'), message: 'ssh: connect to host x port 22: Connection refused' };
  const r2 = {
    ...row('web2', 'at-risk', 'agent'),
    checks: {
      a: { verdict: 'fail' as const, output: '-x', text: '-x', command: 'a' },
      b: { verdict: 'pass' as const, output: '', text: '', command: 'b' },
    },
  };
  const parsed = parseCsv(fleetCsv(checks, [r2, r1, row('web3', null)], words));
  expect(parsed).toEqual([
    ['Host', 'Is A, or B?', 'Is "C"?', 'Verdict', 'Recommended fix', 'Message'],
    ['web2', 'Risk factor found', 'OK', 'at-risk', 'Fix agent', ''],
    ["'=cmd|calc", '', '', 'unreachable', '', 'ssh: connect to host x port 22: Connection refused'],
    ['web3', '', '', 'Not checked yet', '', ''],
  ]);
});

test('sorted by host, numbers count as numbers; by verdict, worst first and hosts not done last either way', () => {
  const rows = [
    row('web10', 'not-at-risk'),
    row('web2', 'at-risk'),
    row('db1', null),
    row('web1', 'unreachable'),
    row('Web3', 'at-risk-latent'),
    row('app', 'undecided'),
    row('web4', 'at-risk'),
  ];
  const hosts = (r: HostRow[]) => r.map((x) => x.host);
  expect(hosts(sortRows(rows, 'host', 'ascending'))).toEqual(['app', 'db1', 'web1', 'web2', 'Web3', 'web4', 'web10']);
  expect(hosts(sortRows(rows, 'host', 'descending'))).toEqual(['web10', 'web4', 'Web3', 'web2', 'web1', 'db1', 'app']);
  expect(hosts(sortRows(rows, 'verdict', 'ascending'))).toEqual(['web2', 'web4', 'Web3', 'app', 'web1', 'web10', 'db1']);
  // Reversed by verdict, but a verdict's hosts stay in name order and the pending one stays last.
  expect(hosts(sortRows(rows, 'verdict', 'descending'))).toEqual(['web10', 'web1', 'app', 'Web3', 'web2', 'web4', 'db1']);
  expect(hosts(rows)[0]).toBe('web10'); // the input is left as it was
});

test('events fold into rows: checks fill cells, the host event its verdict; the count follows', () => {
  const run = newRun({
    type: 'start',
    run: 'r',
    runbook: 'rb',
    hosts: ['a', 'b'],
    checks: [{ step: 's', title: 'S' }],
    command: 'ansible-playbook',
    forks: 10,
  });
  expect(applyEvent(run, { type: 'check', host: 'a', step: 's', verdict: 'fail', output: 'found', text: 'found' })).toBe('a');
  expect(doneCount(run)).toBe(0);
  applyEvent(run, { type: 'host', host: 'a', verdict: 'at-risk', found: ['s'], fix: 'agent', message: '', vars: { ansible_port: '22' } });
  expect(doneCount(run)).toBe(1);
  expect(run.rows.get('a')).toMatchObject({ verdict: 'at-risk', fix: 'agent', checks: { s: { verdict: 'fail', output: 'found' } } });
  expect(applyEvent(run, { type: 'done', exitCode: 2, stopped: true })).toBeNull();
  expect(run.done).toEqual({ exitCode: 2, stopped: true });
});

test('fix commands: the group when every host at risk needs the same fix, else the hosts, quoted for the shell', () => {
  const same = [row('a', 'at-risk', 'agent'), row('b', 'at-risk-latent', 'agent'), row('c', 'not-at-risk')];
  expect(fixCommands(same, 'cpanel-backup-freeze', 'fr')).toEqual([
    'ansible-playbook -i runguide-at-risk.yml cpanel-backup-freeze-fix-agent-fr.yml --limit runguide_at_risk',
  ]);
  const mixed = [row('a', 'at-risk', 'agent'), row("x'y", 'at-risk', 'securetmp'), row('c', 'at-risk', 'agent')];
  expect(fixCommands(mixed, 'cpanel-backup-freeze', 'en')).toEqual([
    'ansible-playbook -i runguide-at-risk.yml cpanel-backup-freeze-fix-agent-en.yml --limit a,c',
    `ansible-playbook -i runguide-at-risk.yml cpanel-backup-freeze-fix-securetmp-en.yml --limit 'x'\\''y'`,
  ]);
  expect(fixCommands([row('a', 'not-at-risk'), row('b', 'unreachable')], 'x', 'en')).toEqual([]);
});

/** A stream that delivers `chunks` as they are, so lines and characters split across them. */
const streamOf = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const x of chunks) c.enqueue(x);
      c.close();
    },
  });

test('ndjson: lines split anywhere, even inside a character, come out whole; a bad line stops the reading', async () => {
  const done: FleetEvent = { type: 'done', exitCode: 0, stopped: false };
  const text = `{"type":"error","message":"zażółć"}\n\n${JSON.stringify(done)}`;
  const bytes = new TextEncoder().encode(text);
  const chunks = [...bytes].map((b) => new Uint8Array([b]));
  const got: FleetEvent[] = [];
  for await (const e of fleetEvents(streamOf(chunks))) got.push(e);
  expect(got).toEqual([{ type: 'error', message: 'zażółć' }, done]);
  const all: string[] = [];
  for await (const l of lines(streamOf([bytes]))) all.push(l);
  expect(all).toHaveLength(3);
  const bad = fleetEvents(streamOf([new TextEncoder().encode('{"type":"host","host":"a"}\n')]));
  await expect(bad.next()).rejects.toThrow(/not a fleet event/);
});
