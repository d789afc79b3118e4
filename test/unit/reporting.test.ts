/**
 * Reporting's decisions (src/core/reporting): the settings, the records in OTLP JSON checked against
 * the official protobuf definitions, when a status report is due, and the bounded queue.
 */
import { describe, expect, it } from 'vitest';
import type { CordonState } from '../../src/core/state.ts';
import { exportRequest } from '../../src/core/reporting/otlp.ts';
import {
  heartbeatJitterMs,
  HEARTBEAT_MS,
  HEARTBEAT_SPREAD_MS,
  resourceAttributes,
  statusDue,
  statusFingerprint,
  statusRecord,
  visitRecord,
  type ReportSource,
} from '../../src/core/reporting/records.ts';
import { afterDelivery, EMPTY_QUEUE, enqueue, nextBatch, outcomeOfStatus, QUEUE_LIMITS, readQueue, retryDelayMinutes } from '../../src/core/reporting/queue.ts';
import { parseReporting } from '../../src/core/reporting/settings.ts';
import { throughProtobuf } from '../support/otlp.ts';

const NOW = new Date('2026-12-06T10:00:00Z');
const source: ReportSource = { extensionVersion: '0.1.0', browserName: 'Chromium', browserVersion: '156.0.8078.129', platform: 'linux', installId: '3f2b1c9e-7d4a-4e8b-9c1d-2a5e6f7b8c9d', deviceLabel: 'LT-0042' };

function signedState(overrides: Partial<CordonState> = {}): CordonState {
  return {
    schema: 1,
    source: { kind: 'signed', url: 'https://lists.acme.example/cordon.json' },
    apps: [{ id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'], mode: 'block', reason: 'Banned.', since: '2026-01-01' }],
    withdrawn: [],
    list: { listId: 'acme', serial: 7, issuedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z', issuer: 'Acme', contact: 'mailto:sec@acme.example', signers: ['332b2ccf8e094afd'], changes: [] },
    lastCheck: { at: '2026-12-06T09:59:00Z', outcome: 'updated' },
    installedByAdmin: true,
    ...overrides,
  };
}

const attr = (record: { attributes: readonly { key: string; value: unknown }[] }, key: string) => record.attributes.find((a) => a.key === key)?.value;

describe('reporting settings', () => {
  it('is off without reportUrl, and says so when its other settings are set alone', () => {
    expect(parseReporting({})).toEqual({ kind: 'off' });
    expect(parseReporting({ listUrl: 'https://x.example/l.json' })).toEqual({ kind: 'off' });
    expect(parseReporting({ reportBlockedVisits: true })).toMatchObject({ kind: 'invalid' });
    expect(parseReporting({ deviceLabel: 'LT-1' })).toMatchObject({ kind: 'invalid' });
  });

  it('takes an https collector, blocked visits only when asked, and a device label', () => {
    expect(parseReporting({ reportUrl: 'https://otel.acme.example/v1/logs' })).toEqual({ kind: 'on', url: 'https://otel.acme.example/v1/logs', blockedVisits: false });
    expect(parseReporting({ reportUrl: 'https://otel.acme.example/v1/logs', reportBlockedVisits: true, deviceLabel: 'LT-0042' })).toEqual({
      kind: 'on',
      url: 'https://otel.acme.example/v1/logs',
      blockedVisits: true,
      deviceLabel: 'LT-0042',
    });
    // Plain http only to this machine, as for listUrl.
    expect(parseReporting({ reportUrl: 'http://127.0.0.1:4318/v1/logs' })).toMatchObject({ kind: 'on' });
  });

  it('refuses in words what would leak or mislead: plain http, credentials, a label with control characters, wrong types', () => {
    const errors = (raw: Record<string, unknown>) => {
      const r = parseReporting(raw);
      return r.kind === 'invalid' ? r.errors.join('; ') : `accepted: ${JSON.stringify(r)}`;
    };
    expect(errors({ reportUrl: 'http://otel.acme.example/v1/logs' })).toMatch(/reportUrl must be an https: URL/);
    expect(errors({ reportUrl: 'https://user:pw@otel.acme.example/v1/logs' })).toMatch(/credentials/);
    expect(errors({ reportUrl: 'https://otel.acme.example/v1/logs', reportBlockedVisits: 'yes' })).toMatch(/reportBlockedVisits must be true or false/);
    expect(errors({ reportUrl: 'https://otel.acme.example/v1/logs', deviceLabel: 'LT\u202e-1' })).toMatch(/deviceLabel/);
    expect(errors({ reportUrl: 42 })).toMatch(/reportUrl must be a URL/);
  });
});

describe('records in OTLP/HTTP JSON', () => {
  it('a status record, as the official protobuf definitions read it: nothing lost, nothing renamed', () => {
    const request = exportRequest(resourceAttributes(source), { name: 'cordon', version: '0.1.0' }, [statusRecord(signedState(), NOW, 3)]);
    const json = JSON.parse(JSON.stringify(request)) as unknown;
    expect(throughProtobuf(json)).toEqual(json);
  });

  it('control: a misnamed field or a wrong type does not survive the protobuf definitions', () => {
    const request = JSON.parse(JSON.stringify(exportRequest(resourceAttributes(source), { name: 'cordon', version: '0.1.0' }, [statusRecord(signedState(), NOW, 0)]))) as {
      resourceLogs: { scopeLogs: { logRecords: Record<string, unknown>[] }[] }[];
    };
    const record = request.resourceLogs[0]?.scopeLogs[0]?.logRecords[0] as Record<string, unknown>;
    const misnamed = structuredClone(request);
    (misnamed.resourceLogs[0]?.scopeLogs[0]?.logRecords[0] as Record<string, unknown>).time_unix_nano_typo = record.timeUnixNano;
    expect(throughProtobuf(misnamed)).not.toEqual(misnamed);
    const wrongType = structuredClone(request);
    (wrongType.resourceLogs[0]?.scopeLogs[0]?.logRecords[0] as Record<string, unknown>).body = 'not an AnyValue';
    expect(() => throughProtobuf(wrongType)).toThrow();
  });

  it('the resource: semantic-convention names, the install id and the device label', () => {
    const resource = resourceAttributes(source);
    expect(resource.map((a) => a.key)).toEqual([
      'service.name',
      'service.version',
      'service.instance.id',
      'user_agent.name',
      'user_agent.version',
      'os.type',
      'os.name',
      'cordon.device.label',
    ]);
    expect(attr({ attributes: resource }, 'service.instance.id')).toEqual({ stringValue: source.installId });
    expect(attr({ attributes: resourceAttributes({ ...source, platform: 'win' }) }, 'os.type')).toEqual({ stringValue: 'windows' });
    const { deviceLabel: _label, ...unlabelled } = source;
    expect(resourceAttributes(unlabelled).some((a) => a.key === 'cordon.device.label')).toBe(false);
  });

  it('a status record says list, serial, signers, health, problem, last check and apps', () => {
    const record = statusRecord(signedState(), NOW, 0);
    expect(record).toMatchObject({ eventName: 'cordon.status', severityText: 'INFO', severityNumber: 9, timeUnixNano: `${Date.parse('2026-12-06T09:59:00Z')}000000`, observedTimeUnixNano: `${NOW.getTime()}000000` });
    expect(attr(record, 'cordon.list.id')).toEqual({ stringValue: 'acme' });
    expect(attr(record, 'cordon.list.serial')).toEqual({ intValue: '7' });
    expect(attr(record, 'cordon.list.signers')).toEqual({ arrayValue: { values: [{ stringValue: '332b2ccf8e094afd' }] } });
    expect(attr(record, 'cordon.status')).toEqual({ stringValue: 'current' });
    expect(attr(record, 'cordon.check.outcome')).toEqual({ stringValue: 'updated' });
    expect(attr(record, 'cordon.apps.enforced')).toEqual({ intValue: '1' });
    expect(attr(record, 'cordon.report.dropped')).toBeUndefined();
    expect(attr(statusRecord(signedState(), NOW, 12), 'cordon.report.dropped')).toEqual({ intValue: '12' });

    const failing = statusRecord(signedState({ problem: { code: 'fetch-network', message: 'offline', at: '2026-12-06T09:59:00Z' } }), NOW, 0);
    expect(failing).toMatchObject({ severityText: 'ERROR', severityNumber: 17 });
    expect(attr(failing, 'cordon.problem.code')).toEqual({ stringValue: 'fetch-network' });
    const stale = statusRecord(signedState(), new Date('2027-01-02T00:00:00Z'), 0);
    expect(attr(stale, 'cordon.status')).toEqual({ stringValue: 'stale' });
    expect(stale.severityText).toBe('WARN');
  });

  it('a visit record names the app and the host, never a path or a query', () => {
    const record = visitRecord('blocked-visit', { appId: 'tiktok', host: 'www.tiktok.com', serial: 7 }, NOW);
    expect(record.eventName).toBe('cordon.blocked_visit');
    expect(record.attributes.map((a) => a.key)).toEqual(['cordon.app.id', 'url.domain', 'cordon.list.serial']);
    expect(JSON.stringify(record)).not.toMatch(/https?:|\?|\/\w/);
    const json = JSON.parse(JSON.stringify(exportRequest(resourceAttributes(source), { name: 'cordon', version: '0.1.0' }, [record, visitRecord('warn-continue', { appId: 'forum', host: 'forum.example' }, NOW)]))) as unknown;
    expect(throughProtobuf(json)).toEqual(json);
  });
});

describe('when a status report is due', () => {
  const fp = statusFingerprint(signedState(), NOW);

  it('the first time, whenever the status changes, and not again for the same status within the day', () => {
    expect(statusDue(undefined, fp, NOW, 0)).toBe(true);
    expect(statusDue({ fingerprint: fp, at: NOW.toISOString() }, fp, new Date(NOW.getTime() + 3_600_000), 0)).toBe(false);
    const newSerial = statusFingerprint(signedState({ list: { ...(signedState().list as NonNullable<CordonState['list']>), serial: 8 } }), NOW);
    expect(newSerial).not.toBe(fp);
    expect(statusDue({ fingerprint: fp, at: NOW.toISOString() }, newSerial, new Date(NOW.getTime() + 60_000), 0)).toBe(true);
    const withProblem = statusFingerprint(signedState({ problem: { code: 'fetch-status', message: '', at: '' } }), NOW);
    expect(withProblem).not.toBe(fp);
    // Only the time of the check differs: the same status.
    expect(statusFingerprint(signedState({ lastCheck: { at: '2026-12-06T11:00:00Z', outcome: 'updated' } }), NOW)).toBe(fp);
  });

  it('at least once a day (a heartbeat), earlier by a stable per-install spread', () => {
    const sent = { fingerprint: fp, at: NOW.toISOString() };
    const jitter = heartbeatJitterMs(source.installId);
    expect(jitter).toBeGreaterThanOrEqual(0);
    expect(jitter).toBeLessThan(HEARTBEAT_SPREAD_MS);
    expect(heartbeatJitterMs(source.installId)).toBe(jitter);
    expect(statusDue(sent, fp, new Date(NOW.getTime() + HEARTBEAT_MS - jitter - 1), jitter)).toBe(false);
    expect(statusDue(sent, fp, new Date(NOW.getTime() + HEARTBEAT_MS - jitter), jitter)).toBe(true);
    // A clock set back must not silence the heartbeat for days.
    expect(statusDue(sent, fp, new Date(NOW.getTime() - 3_600_000), jitter)).toBe(true);
    const spread = new Set(Array.from({ length: 200 }, (_, i) => Math.floor(heartbeatJitterMs(`install-${i}`) / 600_000)));
    expect(spread.size).toBeGreaterThan(8); // the fleet's heartbeats fall in many 10-minute slots
  });
});

describe('the report queue', () => {
  const record = (i: number) => visitRecord('blocked-visit', { appId: 'tiktok', host: `h${i}.tiktok.com` }, NOW);

  it('keeps records in order and sends them in batches', () => {
    const q = enqueue(EMPTY_QUEUE, Array.from({ length: 150 }, (_, i) => record(i)));
    expect(q.records).toHaveLength(150);
    expect(nextBatch(q)).toHaveLength(QUEUE_LIMITS.batch);
    expect(nextBatch(q)[0]).toEqual(record(0));
  });

  it('drops the oldest beyond the bound, and counts what it dropped', () => {
    const q = enqueue(EMPTY_QUEUE, Array.from({ length: QUEUE_LIMITS.records + 25 }, (_, i) => record(i)));
    expect(q.records).toHaveLength(QUEUE_LIMITS.records);
    expect(q.dropped).toBe(25);
    expect(q.records[0]?.record).toEqual(record(25));
    const big = visitRecord('blocked-visit', { appId: 'x'.repeat(60_000), host: 'a.example' }, NOW);
    const byBytes = enqueue(EMPTY_QUEUE, [big, big, big, big, big]);
    expect(byBytes.records.reduce((n, r) => n + r.size, 0)).toBeLessThanOrEqual(QUEUE_LIMITS.bytes);
    expect(byBytes.dropped).toBeGreaterThan(0);
  });

  it('OTLP retry rules: 2xx delivered, 429/502/503/504 and network errors kept, other refusals dropped', () => {
    expect(outcomeOfStatus(200, 3)).toEqual({ kind: 'delivered', count: 3 });
    for (const status of [429, 502, 503, 504]) expect(outcomeOfStatus(status, 3).kind).toBe('retry');
    for (const status of [400, 401, 403, 404, 413, 500]) expect(outcomeOfStatus(status, 3)).toEqual({ kind: 'rejected', status, count: 3 });
    const q = enqueue(EMPTY_QUEUE, [record(1), record(2), record(3)]);
    const kept = afterDelivery(q, 2, { kind: 'retry', reason: 'unreachable' }, NOW);
    expect(kept.records).toHaveLength(3);
    expect(kept.failures).toBe(1);
    const sent = afterDelivery(kept, 2, { kind: 'delivered', count: 2 }, NOW);
    expect(sent.records.map((r) => r.record)).toEqual([record(3)]);
    expect(sent).toMatchObject({ failures: 0, lastDelivered: NOW.toISOString() });
    expect([1, 2, 3, 4, 7, 8, 20].map(retryDelayMinutes)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });

  it('reads back only a queue of its own shape', () => {
    expect(readQueue(undefined)).toEqual(EMPTY_QUEUE);
    expect(readQueue({ records: 'x' })).toEqual(EMPTY_QUEUE);
    const q = enqueue(EMPTY_QUEUE, [record(1)]);
    expect(readQueue(JSON.parse(JSON.stringify(q)))).toEqual(q);
  });
});
