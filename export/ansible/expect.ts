// Each step's expectations as Jinja tests of a registered result, as evaluate() judges them. The
// stdout regexes become play variables (rg_re_…, Python syntax), collected as the tests name them.
import type { Match } from '../../core/schema.ts';
import type { PlannedStep } from '../plan.ts';
import { toPython } from '../regex.ts';
import { expectOf, varName } from '../common.ts';

type Which = 'run' | 'verify';

/** A Jinja test that a registered result `r` matches one expectation. */
function matches(r: string, m: Match, reVar: string | undefined): string {
  const rc = `(${r}.rc | default(-1)) in [${m.exit.join(', ')}]`;
  return m.stdout ? `(${rc} and (${r}.stdout | default('')) is search(${reVar}))` : `(${rc})`;
}

export interface Judge {
  /** The test that result `r` of a step's command (or verify) passes. */
  passTest: (s: PlannedStep, which: Which, r: string) => string;
  /** The test that it fails (found what the step looks for); 'false' when it cannot. */
  failTest: (s: PlannedStep, r: string, which?: Which) => string;
  /** The regexes the tests use so far, by variable name, in the order they were first named. */
  patterns: Record<string, string>;
}

export function judge(): Judge {
  const patterns: Record<string, string> = {};
  const reVar = (s: PlannedStep, which: Which, side: 'pass' | 'fail', m: Match | undefined) => {
    if (!m?.stdout) return undefined;
    const name = `rg_re_${varName(s.step.id)}_${which}_${side}`;
    patterns[name] = toPython(m.stdout);
    return name;
  };
  return {
    passTest: (s, which, r) => {
      const e = expectOf(s, which);
      return matches(r, e.pass, reVar(s, which, 'pass', e.pass));
    },
    failTest: (s, r, which = 'run') => {
      const m = expectOf(s, which).fail;
      return m ? matches(r, m, reVar(s, which, 'fail', m)) : 'false';
    },
    patterns,
  };
}
