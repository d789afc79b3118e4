/**
 * Reporting's shell (issue #14): reads the policy's reporting settings, queues the records the pure
 * decisions in core/reporting call for, and posts them to the OpenTelemetry collector. Nothing here
 * can change what is enforced: it runs after a cycle has recorded its state, its failures are kept
 * in its own storage, and without `reportUrl` it sends nothing and keeps nothing.
 */
import browser from './browser-api.ts';
import { STORAGE_KEYS } from '../core/contract.ts';
import { createExclusive } from '../core/exclusive.ts';
import { hostOf } from '../core/host.ts';
import { matchBlockedApp } from '../core/match.ts';
import { exportRequest } from '../core/reporting/otlp.ts';
import { heartbeatJitterMs, resourceAttributes, SCOPE, statusDue, statusFingerprint, statusRecord, visitRecord, type LastStatus, type ReportSource, type VisitKind } from '../core/reporting/records.ts';
import { afterDelivery, enqueue, nextBatch, outcomeOfStatus, readQueue, retryDelayMinutes, type DeliveryOutcome, type ReportQueue } from '../core/reporting/queue.ts';
import { parseReporting, type Reporting } from '../core/reporting/settings.ts';
import type { CordonState, EnforcedApp } from '../core/state.ts';
import { ensureInstallId } from './install-id.ts';
import { readManagedPolicy } from './managed-policy.ts';

export const REPORT_ALARM = 'report';
const SEND_TIMEOUT_MS = 10_000;

/** Every change to the queue goes through here, one at a time: a flush reads, sends, then removes what it sent. */
const serial = createExclusive();

type On = Extract<Reporting, { kind: 'on' }>;

const loadQueue = async (): Promise<ReportQueue> => readQueue((await browser.storage.local.get(STORAGE_KEYS.reportQueue))[STORAGE_KEYS.reportQueue]);
const saveQueue = (queue: ReportQueue) => browser.storage.local.set({ [STORAGE_KEYS.reportQueue]: queue });

export async function readReporting(): Promise<Reporting> {
  return parseReporting(await readManagedPolicy());
}


interface UaData {
  readonly brands?: readonly { brand: string; version: string }[];
  getHighEntropyValues?(hints: string[]): Promise<{ fullVersionList?: readonly { brand: string; version: string }[] }>;
}

/** The browser's name and full version: Firefox says it itself; Chromium's brands name the product. */
async function browserVersion(): Promise<{ name: string; version: string }> {
  const runtime = browser.runtime as typeof browser.runtime & { getBrowserInfo?: () => Promise<{ name: string; version: string }> };
  if (typeof runtime.getBrowserInfo === 'function') {
    const info = await runtime.getBrowserInfo();
    return { name: info.name, version: info.version };
  }
  const ua = (navigator as Navigator & { userAgentData?: UaData }).userAgentData;
  const list = (await ua?.getHighEntropyValues?.(['fullVersionList']).catch(() => undefined))?.fullVersionList ?? ua?.brands ?? [];
  const named = list.filter((b) => !/not.?a.?brand/i.test(b.brand));
  const product = named.find((b) => b.brand !== 'Chromium') ?? named[0];
  if (product) return { name: product.brand, version: product.version };
  const match = /(?:Chrome|Chromium)\/([\d.]+)/.exec(navigator.userAgent);
  return { name: 'Chromium', version: match?.[1] ?? 'unknown' };
}

async function reportSource(settings: On): Promise<ReportSource> {
  const [id, agent, platform] = await Promise.all([ensureInstallId(), browserVersion(), browser.runtime.getPlatformInfo()]);
  return {
    extensionVersion: browser.runtime.getManifest().version,
    browserName: agent.name,
    browserVersion: agent.version,
    platform: platform.os,
    installId: id,
    ...(settings.deviceLabel === undefined ? {} : { deviceLabel: settings.deviceLabel }),
  };
}

/** Posts the oldest records until the queue is empty or the collector fails; a failure schedules a retry. */
async function flush(settings: On): Promise<void> {
  const source = await reportSource(settings);
  const resource = resourceAttributes(source);
  for (;;) {
    const queue = await loadQueue();
    const batch = nextBatch(queue);
    if (batch.length === 0) return;
    let outcome: DeliveryOutcome;
    try {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(exportRequest(resource, { name: SCOPE, version: source.extensionVersion }, batch)),
        // No cookies or stored credentials, no redirect to another place, never a cached answer.
        credentials: 'omit',
        redirect: 'error',
        cache: 'no-store',
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      outcome = outcomeOfStatus(response.status, batch.length);
    } catch (error) {
      outcome = { kind: 'retry', reason: error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'unreachable' };
    }
    const next = afterDelivery(await loadQueue(), batch.length, outcome, new Date());
    await saveQueue(next);
    if (outcome.kind === 'retry') {
      await browser.alarms.create(REPORT_ALARM, { delayInMinutes: retryDelayMinutes(next.failures) });
      return;
    }
  }
}

/** Forgets everything queued: reporting is off, and nothing may leave later from before. */
async function forget(): Promise<void> {
  await browser.storage.local.remove([STORAGE_KEYS.reportQueue, STORAGE_KEYS.reportLast]);
  await browser.alarms.clear(REPORT_ALARM);
}

/** After a cycle: the status, when it changed or the day is up, then whatever waits. */
export function reportAfterCycle(state: CordonState): Promise<void> {
  return serial(async () => {
    const settings = await readReporting();
    if (settings.kind !== 'on') return forget();
    const now = new Date();
    const fingerprint = statusFingerprint(state, now);
    const last = (await browser.storage.local.get(STORAGE_KEYS.reportLast))[STORAGE_KEYS.reportLast] as LastStatus | undefined;
    if (statusDue(last, fingerprint, now, heartbeatJitterMs(await ensureInstallId()))) {
      const queue = await loadQueue();
      // The record says how many were dropped since the last one that said so.
      await saveQueue({ ...enqueue(queue, [statusRecord(state, now, queue.dropped)]), dropped: 0 });
      await browser.storage.local.set({ [STORAGE_KEYS.reportLast]: { fingerprint, at: now.toISOString() } satisfies LastStatus });
    }
    await flush(settings);
  }).catch((error: unknown) => console.error('cordon: reporting', error));
}

/** The retry alarm: send what waits, if reporting is still on. */
export function retryReports(): Promise<void> {
  return serial(async () => {
    const settings = await readReporting();
    if (settings.kind === 'on') await flush(settings);
    else await forget();
  }).catch((error: unknown) => console.error('cordon: reporting', error));
}

const recentVisits = new Map<string, number>();
const VISIT_REPEAT_MS = 60_000;

/**
 * A blocked visit or a warning passed, reported only when the policy asks for blocked visits. The
 * app must block the host in what is enforced now (a page can open the block page itself, but only
 * for a host that really is blocked), and the same app and host count once a minute.
 */
export function reportVisit(kind: VisitKind, appId: string, url: string, apps: readonly EnforcedApp[], serialNumber: number | undefined, reason?: string): Promise<boolean> {
  return serial(async () => {
    const host = hostOf(url);
    if (host === undefined || matchBlockedApp(url, apps)?.id !== appId) return false;
    const settings = await readReporting();
    if (settings.kind !== 'on' || !settings.blockedVisits) return false;
    const key = `${kind} ${appId} ${host}`;
    const now = Date.now();
    if (now - (recentVisits.get(key) ?? -Infinity) < VISIT_REPEAT_MS) return false;
    if (recentVisits.size > 1000) recentVisits.clear(); // a long-lived worker keeps the map small
    recentVisits.set(key, now);
    const visit = { appId, host, ...(serialNumber === undefined ? {} : { serial: serialNumber }), ...(reason === undefined ? {} : { reason }) };
    await saveQueue(enqueue(await loadQueue(), [visitRecord(kind, visit, new Date(now))]));
    await flush(settings);
    return true;
  }).catch((error: unknown) => {
    console.error('cordon: reporting', error);
    return false;
  });
}
