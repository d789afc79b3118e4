/**
 * Collector output for the fleet tests, made with the extension's own record code (core/reporting):
 * a fleet whose history is known, so every number `cordon fleet` prints can be checked against it.
 */
import { exportRequest } from '../../src/core/reporting/otlp.ts';
import { resourceAttributes, statusRecord } from '../../src/core/reporting/records.ts';
import type { CordonState, Problem } from '../../src/core/state.ts';

export const HOUR = 3_600_000;
export const NOW = Date.parse('2026-12-06T12:00:00Z');

export function state(serial: number, at: number, problem?: Problem['code']): CordonState {
  return {
    schema: 1,
    source: { kind: 'signed', url: 'https://lists.acme.example/cordon.json' },
    apps: [{ id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'], mode: 'block', reason: 'Banned.' }],
    withdrawn: [],
    list: { listId: 'acme', serial, issuedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z', issuer: 'Acme', contact: 'mailto:sec@acme.example', signers: ['332b2ccf8e094afd'], changes: [] },
    lastCheck: { at: new Date(at).toISOString(), outcome: problem === undefined ? 'updated' : 'failed' },
    ...(problem === undefined ? {} : { problem: { code: problem, message: 'x', at: new Date(at).toISOString() } }),
    installedByAdmin: true,
  };
}

/** One collector line: what a browser posts, as the file exporter writes it. */
export function line(install: string, s: CordonState, at: number, label?: string): string {
  const resource = resourceAttributes({ extensionVersion: '0.1.0', browserName: 'Chromium', browserVersion: '156.0.0.0', platform: 'linux', installId: install, ...(label === undefined ? {} : { deviceLabel: label }) });
  return JSON.stringify(exportRequest(resource, { name: 'cordon', version: '0.1.0' }, [statusRecord(s, new Date(at), 0)]));
}

/**
 * 100 browsers on serial 41 since yesterday; serial 42 (a retraction) first reported at 10:00, the
 * browser i taking it i minutes later for i < 95; browsers 95-97 fail to fetch; 98 and 99 went quiet
 * two days ago.
 */
export function fleetLines(): string[] {
  const published = NOW - 2 * HOUR;
  const lines: string[] = [];
  for (let i = 0; i < 100; i++) {
    const id = `install-${String(i).padStart(3, '0')}`;
    if (i >= 98) {
      lines.push(line(id, state(40, NOW - 50 * HOUR), NOW - 50 * HOUR, `LT-${i}`));
      continue;
    }
    lines.push(line(id, state(41, NOW - 20 * HOUR), NOW - 20 * HOUR));
    if (i < 95) lines.push(line(id, state(42, published + i * 60_000), published + i * 60_000));
    else lines.push(line(id, state(41, NOW - HOUR, 'fetch-network'), NOW - HOUR));
  }
  return lines;
}

