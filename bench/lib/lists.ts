/**
 * Signed lists for the benchmarks: realistic apps (a few large, many small), realistic reasons and
 * change history, signed by a fresh key with the test harness's signer. `envelopeOfSize` fills a list
 * until its envelope is as close under a byte target as base64 allows.
 */
import { MAX_APPS, MAX_DOMAINS_PER_LIST, MAX_ENVELOPE_BYTES, MAX_TEXT } from '../../src/core/blocklist/limits.ts';
import { listPayload, type ListApp, type TestSigner } from '../../test/support/signing.ts';
import { generateNames } from './domains.ts';
import { pick, type Random } from './random.ts';

export const LIST_ID = 'acme-work-browsers';

const REASON_PARTS = [
  'Data-protection review DPR-2025-014 found that the service sends device identifiers to servers outside approved jurisdictions.',
  'Not approved for work devices under the acceptable-use policy, section 4.2 (personal entertainment and social media).',
  'Customer data may only be shared through approved collaboration tools; this service stores uploads on unvetted infrastructure.',
  'Known to deliver malicious advertising; blocked on the recommendation of the security operations centre.',
  'Gambling and betting sites are not permitted on company equipment (HR policy 7.1).',
  'Peer-to-peer file sharing exposes the network to malware and licensing risk.',
  'Ask the service desk if you need this site for your work; exceptions are reviewed within two working days.',
];

function reason(random: Random): string {
  let text = pick(random, REASON_PARTS);
  while (text.length < 150) text += ` ${pick(random, REASON_PARTS)}`;
  return text.slice(0, 400).trimEnd();
}

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

interface DraftApp {
  readonly id: string;
  readonly name: string;
  readonly domains: string[];
  readonly hosts: string[];
  reason: string;
}

const toListApp = (a: DraftApp): ListApp => ({
  id: a.id,
  name: a.name,
  domains: a.domains,
  ...(a.hosts.length ? { hosts: a.hosts } : {}),
  reason: a.reason,
});

/**
 * `appCount` apps holding `nameCount` distinct domains and hosts in total. Every app gets one domain;
 * the rest follow a Zipf-like spread (app k holds a share ∝ 1/k), as in real category lists.
 */
export function generateApps(random: Random, appCount: number, nameCount: number, hostShare = 0.3): ListApp[] {
  return draftApps(random, appCount, nameCount, hostShare).map(toListApp);
}

function draftApps(random: Random, appCount: number, nameCount: number, hostShare: number): DraftApp[] {
  const { domains, hosts } = generateNames(nameCount, random, { hostShare });
  if (domains.length < appCount) throw new Error(`${appCount} apps need at least as many domains`);
  const apps: DraftApp[] = Array.from({ length: appCount }, (_, i) => ({
    id: `app-${i + 1}`,
    name: `Banned app ${i + 1}`,
    domains: [domains[i] as string],
    hosts: [],
    reason: reason(random),
  }));
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= appCount; k++) cumulative.push((total += 1 / k));
  const appAt = (): DraftApp => {
    const r = random() * total;
    const index = cumulative.findIndex((c) => r < c);
    return apps[index === -1 ? appCount - 1 : index] as DraftApp;
  };
  for (const d of domains.slice(appCount)) appAt().domains.push(d);
  for (const h of hosts) appAt().hosts.push(h);
  return apps;
}

function changes(serial: number, count: number) {
  return Array.from({ length: Math.min(count, serial) }, (_, i) => ({
    serial: serial - i,
    date: '2026-01-15',
    summary: `List serial ${serial - i}: apps added after the quarterly review; see the change log in the service desk portal.`,
  }));
}

/** A payload like `listPayload`'s, with a change history as long as the app count suggests. */
export function benchPayload(serial: number, apps: readonly ListApp[], history = 1) {
  return { ...listPayload(LIST_ID, serial, apps), changes: changes(serial, history) };
}

function padReason(text: string, extra: number): string {
  if (extra <= 0) return text;
  return extra === 1 ? `${text}x` : `${text} ${'x'.repeat(extra - 1)}`;
}

export interface SizedEnvelope {
  readonly body: string;
  readonly bytes: number;
  readonly apps: number;
  readonly names: number;
}

/**
 * The envelope whose size is the largest that base64's 4-byte step allows at or below `target`. Apps
 * scale with the size (3 for 10 KiB, 25 for 100 KiB, 256 for 1 MiB); names, 45 % of them CDN-style
 * hosts, are added in random order until the payload fills the room; the last reasons take up the slack.
 */
export function envelopeOfSize(signer: TestSigner, target: number, random: Random, serial = 50): SizedEnvelope {
  if (target > MAX_ENVELOPE_BYTES) throw new Error('target above the envelope cap');
  const appCount = Math.min(MAX_APPS, Math.max(3, Math.round(target / 4096)));
  const history = Math.min(50, appCount);
  const payloadLength = (apps: readonly DraftApp[]) => JSON.stringify(benchPayload(serial, apps.map(toListApp), history)).length;
  // The envelope around a payload of n bytes is overhead + 4 * ceil(n / 3): measure the overhead once.
  const probe = benchPayload(serial, [{ id: 'a', name: 'A', domains: ['a.com'] }], history);
  const overhead = signer.sign(probe).length - 4 * Math.ceil(JSON.stringify(probe).length / 3);
  const budget = Math.floor((target - overhead) / 4) * 3;

  /** Skeleton apps (one domain each) filled with values in random order until the budget is reached. */
  const fill = (hostShare: number) => {
    const pool = draftApps(random, appCount, Math.min(MAX_DOMAINS_PER_LIST, Math.ceil(budget / 20)), hostShare);
    const apps: DraftApp[] = pool.map((a) => ({ ...a, domains: a.domains.slice(0, 1), hosts: [] }));
    const rest = shuffle(
      random,
      pool.flatMap((a, i) => [
        ...a.domains.slice(1).map((value) => ({ app: i, value, host: false })),
        ...a.hosts.map((value) => ({ app: i, value, host: true })),
      ]),
    );
    let length = payloadLength(apps);
    let names = apps.length;
    for (const item of rest) {
      const app = apps[item.app] as DraftApp;
      const list = item.host ? app.hosts : app.domains;
      // A value costs its quoted length and a comma; the first host also opens `,"hosts":[]`.
      const cost = item.value.length + 3 + (item.host && list.length === 0 ? 10 : 0);
      if (length + cost > budget || names >= MAX_DOMAINS_PER_LIST) break;
      list.push(item.value);
      length += cost;
      names++;
    }
    return { apps, length, names };
  };
  // A list at the envelope cap reaches the 25,000-name cap first with short names: use more of the
  // (longer) CDN hosts until the names fill the room.
  let filled = fill(0.45);
  for (const hostShare of [0.6, 0.75, 0.9]) {
    if (budget - filled.length < 1000) break;
    filled = fill(hostShare);
  }
  const { apps } = filled;
  let { names } = filled;
  let length = payloadLength(apps);
  while (length > budget) {
    // The running estimate was off: drop a value from the largest app until it fits.
    const largest = apps.reduce((a, b) => (b.domains.length > a.domains.length ? b : a));
    largest.domains.pop();
    names--;
    length = payloadLength(apps);
  }
  // Lengthen the last apps' reasons so that the payload fills the budget exactly.
  for (let i = apps.length - 1; i >= 0 && length < budget; i--) {
    const app = apps[i] as DraftApp;
    const room = MAX_TEXT.reason - app.reason.length;
    const extra = Math.min(room, budget - length);
    app.reason = padReason(app.reason, extra);
    length = payloadLength(apps);
  }
  const body = signer.sign(benchPayload(serial, apps.map(toListApp), history));
  const size = Buffer.byteLength(body);
  if (size > target) throw new Error(`envelope of ${size} bytes exceeds the ${target}-byte target`);
  return { body, bytes: size, apps: apps.length, names };
}
