/** Markdown helpers for the generated report. */
import type { Summary } from './stats.ts';

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  // A difference can be negative: the same digits as its size, with the sign.
  if (value < 0) return `−${ms(-value)}`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  if (value >= 1) return `${value.toFixed(2)} ms`;
  return `${value.toFixed(3)} ms`;
}

export function bytes(value: number): string {
  if (value >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(2)} MiB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${value} B`;
}

export function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function pct(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)} %`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "median 1.2 ms, p95 1.5 ms, min 1.1 ms (n = 30)" */
export function summaryText(s: Summary): string {
  return `median ${ms(s.median)}, p95 ${ms(s.p95)}, min ${ms(s.min)} (n = ${s.n})`;
}
