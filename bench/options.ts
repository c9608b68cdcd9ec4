// `./runguide bench`'s command line: its options, their defaults and limits, and the help text.
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const METRICS = ['throughput', 'latency', 'stall', 'idle'] as const;
export const Options = z.object({
  size: z.string().regex(/^\d+[KMG]?$/, 'a size as head -c reads it, e.g. 200M'),
  samples: z.coerce.number().int().min(10).max(100_000),
  warmup: z.coerce.number().int().min(0).max(10_000),
  stallSeconds: z.coerce.number().min(2).max(120),
  sessions: z.coerce.number().int().min(1).max(190),
  rounds: z.coerce.number().int().min(1).max(15),
  only: z.array(z.enum(METRICS)).min(1),
  save: z.boolean(),
  profile: z.string().optional(),
});
export type Options = z.infer<typeof Options>;

const HELP = `Usage: ./runguide bench [options]
  --size 200M          text pushed through each terminal for throughput (head -c syntax)
  --rounds 7           throughput and latency runs per target, interleaved (order alternating):
                       throughput medians are compared, and runner/wetty and runner/ttyd round
                       by round; echo p50/p99 are over the keystrokes of all rounds
  --samples 1000       keystrokes timed per latency round (after --warmup 100)
  --stall-seconds 20   how long the stalled client stays stalled
  --sessions 100       idle sessions opened for memory per session
  --only a,b           some of: ${METRICS.join(', ')}
  --no-save            only print: leave bench/results.json and bench/README.md as they are
                       (a run with --only is never saved)
  --profile DIR        also write V8 CPU profiles of the runner processes into DIR`;

const ARGS = {
  size: { type: 'string', default: '200M' },
  samples: { type: 'string', default: '1000' },
  warmup: { type: 'string', default: '100' },
  'stall-seconds': { type: 'string', default: '20' },
  sessions: { type: 'string', default: '100' },
  rounds: { type: 'string', default: '7' },
  only: { type: 'string', default: METRICS.join(',') },
  'no-save': { type: 'boolean', default: false },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function options(): Options {
  let values: ReturnType<typeof parseArgs<{ options: typeof ARGS }>>['values'];
  try {
    ({ values } = parseArgs({ options: ARGS }));
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const parsed = Options.safeParse({
    size: values.size,
    samples: values.samples,
    warmup: values.warmup,
    stallSeconds: values['stall-seconds'],
    sessions: values.sessions,
    rounds: values.rounds,
    only: values.only.split(',').filter(Boolean),
    save: !values['no-save'],
    profile: values.profile,
  });
  if (!parsed.success) {
    console.error(`bench: ${z.prettifyError(parsed.error)}\n\n${HELP}`);
    process.exit(2);
  }
  return parsed.data;
}
