// A target's rounds as one row: on a shared machine one run says more about the neighbours than
// about the server, so each metric is run in rounds and their median is what is compared.
import type { Throughput } from './measure.ts';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** A target's throughput rounds as one row: medians, and the spread of MiB/s. */
export function summarize(list: Throughput[]): Throughput & { min: number; max: number; n: number } {
  const mibs = list.map((r) => r.mibPerS);
  return {
    mibPerS: median(mibs),
    seconds: median(list.map((r) => r.seconds)),
    received: median(list.map((r) => r.received)),
    capped: list.some((r) => r.capped),
    frames: median(list.map((r) => r.frames)),
    serverCpuMsPerMiB: median(list.map((r) => r.serverCpuMsPerMiB)),
    min: Math.min(...mibs),
    max: Math.max(...mibs),
    n: list.length,
  };
}
