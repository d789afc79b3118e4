/**
 * Reporting settings (issue #14): where this browser sends its status and, when the admin asks for it,
 * its blocked visits. Read apart from the enforcement policy on purpose: a mistyped report setting
 * turns reporting off and says so, but never touches what is blocked.
 */
import { textProblem } from '../blocklist/payload.ts';
import { listUrlProblem } from '../policy.ts';
import type { ReportingNotice } from '../state.ts';

export const MAX_DEVICE_LABEL = 120;

export type Reporting =
  /** No `reportUrl`: nothing is ever sent. */
  | { readonly kind: 'off' }
  | { readonly kind: 'on'; readonly url: string; readonly blockedVisits: boolean; readonly deviceLabel?: string }
  /** Reporting asked for but mistyped: off, and the errors say why. */
  | { readonly kind: 'invalid'; readonly errors: readonly string[] };

export function parseReporting(raw: Readonly<Record<string, unknown>>): Reporting {
  const errors: string[] = [];
  const { reportUrl, reportBlockedVisits, deviceLabel } = raw;
  if (reportUrl === undefined) {
    // The other two mean nothing without a collector; saying so spares an admin a silent no-op.
    if (reportBlockedVisits === true || deviceLabel !== undefined) return { kind: 'invalid', errors: ['reportUrl is missing, but other reporting settings are present'] };
    return { kind: 'off' };
  }
  if (typeof reportUrl !== 'string') errors.push('reportUrl must be a URL');
  else {
    // The same rule as the list URL: https, plain http only to this machine, no credentials.
    const problem = listUrlProblem(reportUrl);
    if (problem !== undefined) errors.push(`reportUrl ${problem}`);
  }
  if (reportBlockedVisits !== undefined && typeof reportBlockedVisits !== 'boolean') errors.push('reportBlockedVisits must be true or false');
  let label: string | undefined;
  if (deviceLabel !== undefined) {
    const problem = typeof deviceLabel === 'string' ? textProblem(deviceLabel, MAX_DEVICE_LABEL) : 'is not text';
    if (problem === undefined) label = deviceLabel as string;
    else errors.push(`deviceLabel must be a line of text up to ${MAX_DEVICE_LABEL} characters: it ${problem}`);
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  return { kind: 'on', url: reportUrl as string, blockedVisits: reportBlockedVisits === true, ...(label === undefined ? {} : { deviceLabel: label }) };
}

/** What the pages tell the employee: the collector's host and whether visits are included, or the admin's error. */
export function reportingNotice(reporting: Reporting): ReportingNotice | undefined {
  if (reporting.kind === 'off') return undefined;
  if (reporting.kind === 'invalid') return { kind: 'invalid', message: reporting.errors.join('; ') };
  return { kind: 'on', host: new URL(reporting.url).host, blockedVisits: reporting.blockedVisits };
}
