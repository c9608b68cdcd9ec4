// Stdout expectations are JS RegExps; the script tests them with bash's [[ =~ ]] and the playbook
// with Python's re.search. The translations must agree with JS on every sample, in real bash and
// real Python, and anything without an exact equivalent must be refused.
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import runbook from '../../runbooks/cpanel-backup-freeze/steps.ts';
import { toBashEre, toPython } from '../../export/regex.ts';
import { ExportError } from '../../export/plan.ts';

const cases: [RegExp, string[]][] = [
  [/result: 1/, ['result: 1\n', 'metadata:\n  result: 1\n', 'result: 0\n', 'result:  1', '']],
  [/^ok$/, ['ok', 'ok\n', 'not ok', 'ok\nok']],
  [/a.c/, ['abc', 'a\nc', 'a\rc', 'a.c', 'ac']],
  [/\d+\.\d+/, ['10.0', 'v8.2.1', '10', 'x.y']],
  [/[\w-]+@[^\s]+/, ['me@host', 'a-b_c@x.y', '@x', 'a@ b']],
  [/(?:ab)+|c{2,3}$/, ['abab', 'xcc', 'xc', 'ccc', 'b']],
  [/[\]\-^a]/, [']', '-', '^', 'a', 'b']],
  [/\s\S/, [' x', 'x ', '\tq', '  ']],
  [/[.$]\$/, ['.$', '$$', 'x$', '$']],
];

function bashMatches(ere: string, text: string): boolean {
  const r = spawnSync('bash', ['-c', 're=$1; [[ $2 =~ $re ]]', 'bash', ere, text]);
  return r.status === 0;
}
function pythonMatches(pattern: string, texts: string[]): boolean[] {
  const r = spawnSync(
    'python3',
    ['-c', 'import json,re,sys; p,ts=json.load(sys.stdin); print(json.dumps([bool(re.search(p,t)) for t in ts]))'],
    {
      input: JSON.stringify([pattern, texts]),
      encoding: 'utf8',
    },
  );
  return JSON.parse(r.stdout) as boolean[];
}

describe('JS regex translation', () => {
  for (const [re, samples] of cases)
    test(`/${re.source}/ matches the same samples in JS, bash and Python`, () => {
      const js = samples.map((s) => re.test(s));
      const ere = toBashEre(re);
      expect(
        samples.map((s) => bashMatches(ere, s)),
        `bash ERE ${ere}`,
      ).toEqual(js);
      // Ansible's stdout has its trailing newline stripped; the other samples compare as is.
      expect(pythonMatches(toPython(re), samples), `python ${toPython(re)}`).toEqual(js);
    });

  test("every stdout expectation of the runbook's steps translates", () => {
    for (const s of runbook.steps)
      for (const e of [s.expect, s.verify?.expect])
        for (const m of [e?.pass, e?.fail])
          if (m?.stdout) {
            expect(() => toBashEre(m.stdout!)).not.toThrow();
            expect(() => toPython(m.stdout!)).not.toThrow();
          }
  });

  for (const re of [/a/i, /a/m, /(?=a)b/, /(?<n>a)/, /\bword/, /(a)\1/, /a+?/, /\u00e9/, /[[:alpha:]]/])
    test(`/${re.source}/${re.flags} has no exact equivalent: refused`, () => {
      expect(() => toBashEre(re)).toThrow(ExportError);
    });
});
