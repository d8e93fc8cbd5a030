// What the benchmarks share: timing, medians and the machine's load, printed the same way.
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";

/** Wall seconds of `work`. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

export function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The 1, 5 and 15-minute load averages, e.g. "0.9, 1.2, 1.4": figures on a shared box move with it. */
export const loadAverage = () => loadavg().map((l) => l.toFixed(1)).join(", ");

/** The header both sync benchmarks print: how many runs, and how busy the machine was. */
export const machineNote = (runs: number) =>
  `Medians of ${runs}. Shared 2-core machine: figures move with the neighbours' load (load average now ${loadAverage()}).`;

const TICKS_PER_SECOND = 100; // Linux's USER_HZ

/** CPU seconds the whole machine has spent busy (every core, every process) since boot, from /proc/stat. */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number) as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS_PER_SECOND;
}

/**
 * CPU seconds of a process and its children so far: the ones still running, and (through the
 * parent's cutime) the ones that have exited. For PostgreSQL, pass the postmaster's pid.
 */
export function processTreeCpuSeconds(rootPid: number): number {
  const stat = (pid: string | number) => {
    try {
      // Fields after the ")" that ends the command name: state ppid … utime stime cutime cstime.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return { ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), reaped: Number(fields[13]) + Number(fields[14]) };
    } catch {
      return null; // exited meanwhile
    }
  };
  const root = stat(rootPid);
  if (!root) return 0;
  let ticks = root.own + root.reaped;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const child = stat(pid);
    if (child?.ppid === rootPid) ticks += child.own;
  }
  return ticks / TICKS_PER_SECOND;
}
