// The bash export: one self-contained script that runs a plan's steps in order, checks each
// expectation like evaluate() does, and (for a diagnosis) combines the verdicts like assess().
// Commands are embedded verbatim in quoted here-documents and run with `bash -c`, so nothing in
// them is expanded by the script and a step's `exit` ends only that step. Each section of the
// script is written by its own module under shell/, in the order the script runs them.
import type { Plan } from './plan.ts';
import { header, options } from './shell/preamble.ts';
import { commandFunctions, dryRun } from './shell/commands.ts';
import { hostCheck, refusals } from './shell/host.ts';
import { runtimeHelpers } from './shell/runtime.ts';
import { expectations } from './shell/expect.ts';
import { diagnosisBody } from './shell/diagnosis.ts';
import { changeBody } from './shell/change.ts';

export { outcomeShell } from './shell/diagnosis.ts';

export function generateShell(plan: Plan): string {
  const distro = plan.distros[0]!;
  const lines = [
    ...header(plan),
    ...options(plan),
    ...commandFunctions(plan, distro),
    ...dryRun(plan),
    ...hostCheck(plan, distro),
    ...refusals(plan),
    ...runtimeHelpers(plan),
    ...expectations(plan),
    ...(plan.kind === 'diagnosis' ? diagnosisBody(plan) : changeBody(plan)),
  ];
  return `${lines.join('\n')}\n`;
}
