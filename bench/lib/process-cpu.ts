/**
 * CPU time of one Chromium's processes, by kind, read from /proc (Linux): the finer measure beside
 * page-load time, since it counts the work itself whatever else the machine is doing.
 *
 * A Chromium is found by its `--user-data-dir`: every process it starts carries the flag. Renderers
 * that exit during a run (a site moving to a new process) take their time with them, but the zygote
 * that forked them collects it as children's time when it reaps them, so that is counted as
 * "renderer" too.
 */
import { readdirSync, readFileSync } from 'node:fs';

export const PROCESS_KINDS = ['browser', 'renderer', 'extension', 'network', 'gpu', 'other'] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];
export type CpuByKind = Record<ProcessKind, number>;

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux everywhere). */
const TICKS_PER_SECOND = 100;

/**
 * Chromium rewrites its children's process title, so /proc/<pid>/cmdline holds their whole command
 * line as one space-separated string rather than NUL-separated arguments: flags are found as words.
 */
function hasFlag(cmdline: string, flag: string): boolean {
  return new RegExp(`(?:^|[\\s\\0])${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s\\0]|$)`).test(cmdline);
}

function kindOf(cmdline: string): ProcessKind | 'zygote' {
  const type = /(?:^|[\s\0])--type=([^\s\0]+)/.exec(cmdline)?.[1];
  if (type === undefined) return 'browser';
  if (type === 'zygote') return 'zygote';
  if (type === 'renderer') return hasFlag(cmdline, '--extension-process') ? 'extension' : 'renderer';
  if (type === 'gpu-process') return 'gpu';
  if (type === 'utility' && cmdline.includes('NetworkService')) return 'network';
  return 'other';
}

/** utime + stime, and the reaped children's cutime + cstime, in milliseconds. */
function timesOf(pid: string): { own: number; children: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = (i: number) => Number(fields[i - 3] ?? 0);
    const ms = 1000 / TICKS_PER_SECOND;
    return { own: (tick(14) + tick(15)) * ms, children: (tick(16) + tick(17)) * ms };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** CPU time so far of every process of the Chromium using `profileDir`, by kind. */
export function chromiumCpu(profileDir: string): CpuByKind {
  const out: CpuByKind = { browser: 0, renderer: 0, extension: 0, network: 0, gpu: 0, other: 0 };
  const flag = `--user-data-dir=${profileDir}`;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!hasFlag(cmdline, flag)) continue;
    const kind = kindOf(cmdline);
    const times = timesOf(pid);
    if (times === undefined) continue;
    if (kind === 'zygote') out.renderer += times.own + times.children;
    else out[kind] += times.own;
  }
  return out;
}

export function cpuDelta(after: CpuByKind, before: CpuByKind): CpuByKind {
  const out = { ...after };
  for (const k of PROCESS_KINDS) out[k] = after[k] - before[k];
  return out;
}

/** One thread's CPU time so far (ns) and the kind of process it runs in. */
export interface ThreadCpu {
  readonly kind: ProcessKind;
  readonly ns: number;
}

/**
 * CPU time of every thread of the Chromium using `profileDir`, in nanoseconds, keyed by thread id:
 * the scheduler's own account (`/proc/<pid>/task/<tid>/schedstat`, first field), far finer than the
 * 10 ms ticks of `stat`, so that one page load can be measured on its own. Threads are keyed so that
 * a delta counts each thread's own progress: one that started meanwhile counts from zero, one that
 * ended meanwhile loses only its time inside the window (unlike `chromiumCpu`, where a process that
 * exits hands its whole life's time to the zygote).
 */
export function chromiumThreadNs(profileDir: string): Map<string, ThreadCpu> {
  const out = new Map<string, ThreadCpu>();
  const flag = `--user-data-dir=${profileDir}`;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let tids: string[];
    let kind: ProcessKind | 'zygote';
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!hasFlag(cmdline, flag)) continue;
      kind = kindOf(cmdline);
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        out.set(tid, { kind: kind === 'zygote' ? 'renderer' : kind, ns: Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) });
      } catch {
        // ended meanwhile
      }
    }
  }
  return out;
}

/** Milliseconds of CPU between two `chromiumThreadNs` readings, by process kind. */
export function threadCpuDeltaByKind(after: ReadonlyMap<string, ThreadCpu>, before: ReadonlyMap<string, ThreadCpu>): CpuByKind {
  const out: CpuByKind = { browser: 0, renderer: 0, extension: 0, network: 0, gpu: 0, other: 0 };
  for (const [tid, t] of after) out[t.kind] += (t.ns - (before.get(tid)?.ns ?? 0)) / 1e6;
  return out;
}

