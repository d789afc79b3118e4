/**
 * The update cycle's decisions (src/core/cycle.ts) with real signatures and the real verifier: key
 * rotation, revocation, 304 handling, the rollback floor and the fail-closed fallback, on every
 * developer's machine (the same rules run under real Chromium policy in test/browser/trust.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { verifyBlocklist, type VerifySuccess } from '../../src/core/blocklist/verify.ts';
import {
  acceptedUnder,
  assessStoredList,
  decideSignedCycle,
  fallbackApps,
  fetchedListContext,
  listHostProblem,
  validatorsToSend,
  type AcceptedList,
  type Attempt,
  type StoredTrust,
} from '../../src/core/cycle.ts';
import { findCatalogueApp } from '../../src/core/catalogue/index.ts';
import { appsFromCatalogue, appsFromList, listInfoOf } from '../../src/core/enforced.ts';
import type { SignedSettings } from '../../src/core/policy.ts';
import type { CordonState } from '../../src/core/state.ts';
import { listPayload, newSigner, type ListApp, type TestSigner } from '../support/signing.ts';

const LIST_ID = 'acme-work-browsers';
const URL_ = 'https://lists.acme.example/cordon.json';
const NOW = new Date();
const chat: ListApp = { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'] };
const tiktok: ListApp = { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'] };

const [oldKey, newKey] = await Promise.all([newSigner(), newSigner()]);

const settingsFor = (keys: readonly TestSigner[], extra: Partial<SignedSettings> = {}): SignedSettings => ({
  listUrl: URL_,
  trustedKeys: keys.map((k) => k.publicKey),
  threshold: 1,
  listId: LIST_ID,
  floorApps: ['tiktok'],
  ...extra,
});

async function verified(envelope: string, settings: SignedSettings): Promise<VerifySuccess> {
  const r = await verifyBlocklist(new TextEncoder().encode(envelope), { trustedKeys: settings.trustedKeys, threshold: settings.threshold, expectedListId: LIST_ID, now: NOW });
  if (!r.ok) throw new Error(r.message);
  return r;
}

/** A browser that accepted `envelope` under `settings` and enforces it. */
async function enforcing(envelope: string, settings: SignedSettings): Promise<{ state: CordonState; accepted: AcceptedList }> {
  const v = await verified(envelope, settings);
  return {
    state: { schema: 1, source: { kind: 'signed', url: settings.listUrl }, apps: appsFromList(v.list), withdrawn: [], list: listInfoOf(v.list, v.signers), installedByAdmin: true },
    accepted: { url: settings.listUrl, validators: { etag: '"v1"' }, trustedKeys: settings.trustedKeys, threshold: settings.threshold, listId: LIST_ID, serial: v.list.serial, payloadSha256: v.payloadSha256 },
  };
}

const fetchedAttempt = async (envelope: string, settings: SignedSettings, accepted: AcceptedList | undefined, trust: StoredTrust): Promise<Attempt> => ({
  kind: 'verified',
  result: await verifyBlocklist(new TextEncoder().encode(envelope), fetchedListContext(settings, accepted, trust, NOW)),
  validators: { etag: '"next"' },
});

const blockedIds = (state: CordonState) => state.apps.map((a) => a.id).sort();

describe('assessStoredList: the list in force under the current trust settings', () => {
  it('unchanged settings: current, without reading the envelope', async () => {
    const s = settingsFor([oldKey]);
    const { state, accepted } = await enforcing(oldKey.sign(listPayload(LIST_ID, 5, [chat])), s);
    const trust = await assessStoredList(s, state, accepted, () => Promise.reject(new Error('the envelope was read')), NOW, verifyBlocklist);
    expect(trust.kind).toBe('current');
    expect(validatorsToSend(accepted, trust)).toEqual({ etag: '"v1"' });
  });

  it('a key added: verified again, still trusted; no validators until accepted under the new settings', async () => {
    const envelope = oldKey.sign(listPayload(LIST_ID, 5, [chat]));
    const { state, accepted } = await enforcing(envelope, settingsFor([oldKey]));
    const trust = await assessStoredList(settingsFor([oldKey, newKey]), state, accepted, async () => envelope, NOW, verifyBlocklist);
    expect(trust.kind).toBe('trusted');
    expect(validatorsToSend(accepted, trust)).toBeUndefined();
  });

  it.each([
    ['its signer removed', settingsFor([newKey])],
    ['the threshold raised above its signatures', settingsFor([oldKey, newKey], { threshold: 2 })],
    ['another listId', settingsFor([oldKey], { listId: 'acme-contractors' })],
  ])('%s: distrusted', async (_name, next) => {
    const envelope = oldKey.sign(listPayload(LIST_ID, 5, [chat]));
    const { state, accepted } = await enforcing(envelope, settingsFor([oldKey]));
    const trust = await assessStoredList(next, state, accepted, async () => envelope, NOW, verifyBlocklist);
    expect(trust.kind).toBe('distrusted');
    expect(acceptedUnder(accepted, next)).toBe(false);
  });
});

describe('decideSignedCycle', () => {
  it('a 304 to a request that carried no validators is a failure, never "unchanged"', async () => {
    const envelope = oldKey.sign(listPayload(LIST_ID, 5, [chat]));
    const { state, accepted } = await enforcing(envelope, settingsFor([oldKey]));
    const next = settingsFor([newKey]);
    const trust = await assessStoredList(next, state, accepted, async () => envelope, NOW, verifyBlocklist);
    const d = decideSignedCycle({ settings: next, previous: state, accepted, trust, attempt: { kind: 'not-modified', validatorsSent: false }, now: NOW });
    expect(d.failed).toBe(true);
    expect(d.state.problem?.code).toBe('fetch-status');
    expect(d.state.problem?.message).toMatch(/304/);
    expect(d.state.lastCheck?.outcome).toBe('failed');
    // And the list signed by the removed key does not stay as it was: it is distrusted.
    expect(d.state.distrusted?.reason).toBe('no-valid-signature');
  });

  it('a 304 answering the validators of a list accepted under exactly these settings: unchanged', async () => {
    const s = settingsFor([oldKey]);
    const { state, accepted } = await enforcing(oldKey.sign(listPayload(LIST_ID, 5, [chat])), s);
    const trust = await assessStoredList(s, state, accepted, async () => undefined, NOW, verifyBlocklist);
    const d = decideSignedCycle({ settings: s, previous: state, accepted, trust, attempt: { kind: 'not-modified', validatorsSent: true }, now: NOW });
    expect(d).toMatchObject({ failed: false, changed: false });
    expect(d.enforce).toBeUndefined();
    expect(d.state.lastCheck?.outcome).toBe('unchanged');
  });

  it("a stolen key's retraction is not kept once that key is removed: its blocks stay, with the floor, and nothing it lifted", async () => {
    // The admin's list blocked TikTok and ChatApp; a thief with the old key published a retraction.
    const s = settingsFor([oldKey]);
    const retraction = oldKey.sign(listPayload(LIST_ID, 9_000_000, [chat], { apps: [] }));
    const { state, accepted } = await enforcing(retraction, s);
    expect(state.apps).toEqual([]);
    // The admin removes the stolen key and pins a new one; the host still serves the thief's list.
    const next = settingsFor([newKey]);
    const trust = await assessStoredList(next, state, accepted, async () => retraction, NOW, verifyBlocklist);
    const d = decideSignedCycle({ settings: next, previous: state, accepted, trust, attempt: await fetchedAttempt(retraction, next, accepted, trust), now: NOW });
    expect(d.failed).toBe(true);
    expect(d.state.problem?.code).toBe('no-valid-signature');
    expect(d.state.distrusted).toMatchObject({ listId: LIST_ID, serial: 9_000_000, reason: 'no-valid-signature' });
    // The floor (the built-in TikTok entry) is enforced again.
    expect(blockedIds(d.state)).toEqual(['tiktok']);
    expect(d.enforce).toEqual({ kind: 'apps', apps: appsFromCatalogue(['tiktok']) });
  });

  it("serials a removed key signed do not hold the floor: the admin's list under the new key is accepted", async () => {
    const s = settingsFor([oldKey]);
    const huge = oldKey.sign(listPayload(LIST_ID, 9_000_000, [chat]));
    const { state, accepted } = await enforcing(huge, s);
    const next = settingsFor([newKey]);
    const trust = await assessStoredList(next, state, accepted, async () => huge, NOW, verifyBlocklist);
    expect(fetchedListContext(next, accepted, trust, NOW).lastAccepted).toBeUndefined();
    const admins = newKey.sign(listPayload(LIST_ID, 6, [chat, tiktok]));
    const d = decideSignedCycle({ settings: next, previous: state, accepted, trust, attempt: await fetchedAttempt(admins, next, accepted, trust), now: NOW });
    expect(d.failed).toBe(false);
    expect(d.state.list?.serial).toBe(6);
    expect(d.state.distrusted).toBeUndefined();
    expect(d.accept?.record).toMatchObject({ serial: 6, trustedKeys: [newKey.publicKey] });
    // What is kept to verify again is the exact text that verified.
    expect(d.accept?.envelope).toBe(admins);
    expect(blockedIds(d.state)).toEqual(['chatapp', 'tiktok']);
  });

  it('a list still trusted under new settings keeps its rollback floor', async () => {
    const s = settingsFor([oldKey]);
    const envelope = oldKey.sign(listPayload(LIST_ID, 50, [chat]));
    const { state, accepted } = await enforcing(envelope, s);
    const next = settingsFor([oldKey, newKey], { threshold: 1 });
    const trust = await assessStoredList(next, state, accepted, async () => envelope, NOW, verifyBlocklist);
    expect(fetchedListContext(next, accepted, trust, NOW).lastAccepted?.serial).toBe(50);
    const older = newKey.sign(listPayload(LIST_ID, 49, []));
    const d = decideSignedCycle({ settings: next, previous: state, accepted, trust, attempt: await fetchedAttempt(older, next, accepted, trust), now: NOW });
    expect(d.state.problem?.code).toBe('serial-rollback');
    expect(blockedIds(d.state)).toEqual(['chatapp']);
  });

  it('distrusted: warnings and allowed hosts of the untrusted list are dropped, its blocks merged with the floor', async () => {
    const s = settingsFor([oldKey]);
    const envelope = oldKey.sign(
      listPayload(LIST_ID, 5, [
        { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com', 'tiktok-extra.example'], allow: ['developers.tiktok.com'] },
        { id: 'forum', name: 'Forum', domains: ['forum.example'], mode: 'warn' },
      ]),
    );
    const { state, accepted } = await enforcing(envelope, s);
    const next = settingsFor([newKey], { floorApps: ['tiktok', 'deepseek'] });
    const trust = await assessStoredList(next, state, accepted, async () => envelope, NOW, verifyBlocklist);
    const d = decideSignedCycle({ settings: next, previous: state, accepted, trust, attempt: { kind: 'failed', code: 'fetch-network', message: 'down' }, now: NOW });
    const byId = Object.fromEntries(d.state.apps.map((a) => [a.id, a]));
    expect(Object.keys(byId).sort()).toEqual(['deepseek', 'forum', 'tiktok']);
    expect(byId.forum?.mode).toBe('block');
    expect(byId.tiktok?.allow).toBeUndefined();
    expect(byId.tiktok?.domains).toEqual(expect.arrayContaining(['tiktok.com', 'tiktok-extra.example', ...(findCatalogueApp('tiktok')?.domains ?? [])]));
    expect(d.state.problem?.code).toBe('fetch-network');
    expect(d.state.distrusted?.reason).toBe('no-valid-signature');
  });

  it('the policy reverted: the stored list is trusted again and enforced as the list, not as the fallback', async () => {
    const s = settingsFor([oldKey]);
    const envelope = oldKey.sign(listPayload(LIST_ID, 5, [{ ...chat, allow: ['help.chatapp.example'] }]));
    const { state, accepted } = await enforcing(envelope, s);
    const distrusted: CordonState = { ...state, apps: fallbackApps(['tiktok'], state.apps), distrusted: { at: NOW.toISOString(), listId: LIST_ID, serial: 5, reason: 'no-valid-signature', message: 'x' } };
    const trust = await assessStoredList(s, distrusted, accepted, async () => envelope, NOW, verifyBlocklist);
    expect(trust.kind).toBe('trusted');
    const d = decideSignedCycle({ settings: s, previous: distrusted, accepted, trust, attempt: await fetchedAttempt(envelope, s, accepted, trust), now: NOW });
    expect(d.state.distrusted).toBeUndefined();
    expect(d.enforce?.kind).toBe('list');
    expect(d.state.apps[0]?.allow).toEqual(['help.chatapp.example']);
    expect(d.state.withdrawn.map((w) => w.id)).toEqual(['tiktok']);
  });

  it('no list yet: the floor, the policy\'s builtinApps', () => {
    const next = settingsFor([newKey], { floorApps: ['deepseek'] });
    const previous: CordonState = { schema: 1, source: { kind: 'builtin' }, apps: appsFromCatalogue(['tiktok']), withdrawn: [], installedByAdmin: true };
    const d = decideSignedCycle({ settings: next, previous, accepted: undefined, trust: { kind: 'none' }, attempt: { kind: 'failed', code: 'fetch-network', message: 'down' }, now: NOW });
    expect(blockedIds(d.state)).toEqual(['deepseek']);
    expect(d.enforce).toEqual({ kind: 'apps', apps: appsFromCatalogue(['deepseek']) });
    // The pages say where the rule comes from: the built-in catalogue, until a list arrives.
    expect(d.state.source).toEqual({ kind: 'builtin' });
    expect(d.state.problem?.code).toBe('fetch-network');
  });
});

describe('listHostProblem', () => {
  it('is a policy error when the list URL points at a host the rules in force block, trailing dot or not', () => {
    const apps = appsFromCatalogue(['tiktok']);
    expect(listHostProblem(settingsFor([newKey], { listUrl: 'https://lists.tiktok.com/x.json' }), apps)).toMatch(/which the rules in force block \(app "tiktok"\)/);
    expect(listHostProblem(settingsFor([newKey], { listUrl: 'https://LISTS.TIKTOK.COM/x.json' }), apps)).toMatch(/tiktok/);
    expect(listHostProblem(settingsFor([newKey]), apps)).toBeUndefined();
  });
});
