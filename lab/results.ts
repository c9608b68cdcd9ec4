// Prints the latest lab evidence as Markdown tables (for lab/README.md): node lab/results.ts
import { readFileSync } from 'node:fs';
import { EVIDENCE_FILE, EvidenceSchema } from './evidence.ts';

const ev = EvidenceSchema.parse(JSON.parse(readFileSync(EVIDENCE_FILE, 'utf8')));
const agent = (v: string) => v.replace(/^\d+:/, '');
const risk = (v: boolean | null) => (v === null ? '–' : v ? 'at risk' : 'not at risk');
const out = [
  `Run of ${ev.date.slice(0, 16).replace('T', ' ')} UTC: kernel ${ev.kernel}, QEMU ${ev.qemu}, ${ev.accel.toUpperCase()} (${ev.accelReason}).`,
  '',
  '| configuration | agent | freeze | time | frozen | kernel report | diagnosis | agrees |',
  '|---|---|---|---|---|---|---|---|',
  ...ev.configurations.map(
    (c) =>
      `| ${c.id} | ${agent(c.agent)} | ${c.outcome}${c.note ? ` (${c.note})` : ''} | ${(c.durationMs / 1000).toFixed(1)} s | ${c.frozen ?? '–'} | ${c.panic ?? c.hungTask ?? '–'} | ${risk(c.atRisk)} | ${c.agrees ? 'yes' : '**no**'} |`,
  ),
  '',
  '| fix | steps (verdicts) | before | after | freeze after | after rollback |',
  '|---|---|---|---|---|---|',
  ...ev.fixes.map(
    (f) =>
      `| ${f.fix} | ${f.steps.map((s) => `${s.step}${s.which === 'run' ? '' : ` ${s.which}`}: ${s.verdict}`).join(', ')} | ${risk(f.atRiskBefore)} | ${risk(f.atRiskAfter)} | ${f.freeze}${f.frozen !== null ? ` (${f.frozen})` : ''} | ${f.atRiskAfterRollback === null ? 'no rollback step' : risk(f.atRiskAfterRollback)} |`,
  ),
  '',
  ...ev.notes.map((n) => `- ${n}`),
];
console.log(out.join('\n'));
