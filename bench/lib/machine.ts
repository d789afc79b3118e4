/** The machine a run measured: recorded with every result, because every figure depends on it. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly chromium: string;
  readonly date: string;
  /** 1-minute load average when the run started: others may share the machine. */
  readonly loadAtStart: number;
}

export function chromiumVersion(path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): string {
  try {
    // Debian's wrapper script prints a harmless shell warning on stderr; the version is on stdout.
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
    return /Chromium\s+(\S+)/.exec(out)?.[1] ?? out.trim();
  } catch {
    return 'not found';
  }
}

export function describeMachine(): Machine {
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium: chromiumVersion(),
    date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    loadAtStart: loadavg()[0] ?? 0,
  };
}
