/**
 * Scoped, expiring exceptions (issue #15): the signed list's `exceptions` field is checked as strictly
 * as every other field; the pure lift decisions say which apps a browser in given groups leaves
 * unblocked, until when, and what the popup, block page and history then say.
 */
import { describe, expect, it } from 'vitest';
import { parseBlocklistPayload } from '../../src/core/blocklist/payload.ts';
import { exceptionLifts, liftsInForce, nextEndedLifts, nextLiftEnd, sameLiftedApps, withoutLifted, type Lift } from '../../src/core/lifts.ts';
import { withLifts, type CordonState } from '../../src/core/state.ts';
import { popupView } from '../../src/core/view/popup.ts';
import { blockPageView } from '../../src/core/view/block-page.ts';
import { lookupIn, type MessagesFile } from '../../src/core/text/i18n.ts';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import { encodeBlockFragment } from '../../src/core/block-fragment.ts';

const env = (now: string) => ({ t: lookupIn(en as unknown as MessagesFile), locale: 'en', now: new Date(now), timeZone: 'UTC' });
const app = (id: string, name: string, domains: string[]) => ({ id, name, domains, mode: 'block', reason: `${name} is not approved.`, since: '2026-01-15' });
const base = {
  schema: 1,
  listId: 'acme',
  serial: 3,
  issuedAt: '2026-12-01T00:00:00Z',
  expiresAt: '2026-12-31T00:00:00Z',
  issuer: 'Acme',
  contact: 'mailto:sec@acme.example',
  apps: [app('tiktok', 'TikTok', ['tiktok.com']), app('deepseek', 'DeepSeek', ['deepseek.com'])],
  changes: [],
};
const exception = { app: 'tiktok', groups: ['marketing'], until: '2026-12-15T17:00:00Z', reason: 'Brand account run by Marketing, approved by the CISO (ticket SEC-2291).' };

describe('the exceptions field of a signed list', () => {
  it('is optional, and carried as given when valid', () => {
    expect(parseBlocklistPayload(base)).toMatchObject({ ok: true });
    const parsed = parseBlocklistPayload({ ...base, exceptions: [exception] });
    expect(parsed).toMatchObject({ ok: true, list: { exceptions: [exception] } });
  });

  it.each([
    ['an app the list does not name', { app: 'telegram' }, 'exceptions[0].app', /an app this list names/],
    ['no group', { groups: [] }, 'exceptions[0].groups', /1 to 32 groups/],
    ['a group an MDM could not set', { groups: ['Marketing Team'] }, 'exceptions[0].groups[0]', /group name/],
    ['a repeated group', { groups: ['a', 'a'] }, 'exceptions[0].groups[1]', /repeats/],
    ['until before issuedAt', { until: '2026-11-30T00:00:00Z' }, 'exceptions[0].until', /not after issuedAt/],
    ['until more than 90 days after issuedAt', { until: '2027-03-02T00:00:01Z' }, 'exceptions[0].until', /at most 90 days/],
    ['until in another format', { until: '2026-12-15' }, 'exceptions[0].until', /UTC time/],
    ['an empty reason', { reason: '' }, 'exceptions[0].reason', /empty/],
    ['a reason with a bidirectional override', { reason: 'ok\u202Eevil' }, 'exceptions[0].reason', /bidirectional/],
    ['a field this version does not know', { tabs: 3 }, 'exceptions[0].tabs', /unknown field/],
  ])('refuses %s, naming the field', (_what, change, path, message) => {
    const parsed = parseBlocklistPayload({ ...base, exceptions: [{ ...exception, ...change }] });
    expect(parsed).toMatchObject({ ok: false, path });
    expect(!parsed.ok && parsed.message).toMatch(message);
  });

  it('accepts until exactly 90 days after issuedAt, and refuses more than 100 exceptions', () => {
    expect(parseBlocklistPayload({ ...base, exceptions: [{ ...exception, until: '2027-03-01T00:00:00Z' }] })).toMatchObject({ ok: true });
    expect(parseBlocklistPayload({ ...base, exceptions: Array.from({ length: 101 }, () => exception) })).toMatchObject({ ok: false, path: 'exceptions' });
  });
});

describe('lifts: which apps a browser leaves unblocked', () => {
  const apps = [{ id: 'tiktok', name: 'TikTok' }, { id: 'deepseek', name: 'DeepSeek' }];
  const before = new Date('2026-12-10T00:00:00Z');

  it('an exception holds for a browser in one of its groups, until its end, and for no other group', () => {
    expect(exceptionLifts([exception], apps, ['marketing', 'emea'], before)).toEqual([
      { app: 'tiktok', name: 'TikTok', kind: 'exception', until: exception.until, reason: exception.reason, groups: ['marketing'] },
    ]);
    expect(exceptionLifts([exception], apps, ['finance'], before)).toEqual([]);
    expect(exceptionLifts([exception], apps, [], before)).toEqual([]);
    expect(exceptionLifts([exception], apps, ['marketing'], new Date(exception.until))).toEqual([]);
  });

  it('one lift per app, the longest; an ended one is gone; apps the list no longer names are never lifted', () => {
    const short: Lift = { app: 'tiktok', name: 'TikTok', kind: 'override', until: '2026-12-10T04:00:00Z', signers: ['k'] };
    const long: Lift = { app: 'tiktok', name: 'TikTok', kind: 'exception', until: exception.until, groups: ['marketing'] };
    const gone: Lift = { app: 'telegram', name: 'Telegram', kind: 'override', until: exception.until };
    expect(liftsInForce(apps, [short, long, gone], before)).toEqual([long]);
    expect(liftsInForce(apps, [short], new Date('2026-12-10T04:00:00Z'))).toEqual([]);
  });

  it('the rules leave out exactly the lifted apps; the next alarm is the earliest end', () => {
    const lifts: Lift[] = [
      { app: 'tiktok', name: 'TikTok', kind: 'exception', until: '2026-12-15T17:00:00Z' },
      { app: 'deepseek', name: 'DeepSeek', kind: 'override', until: '2026-12-10T04:00:00Z' },
    ];
    expect(withoutLifted(base.apps, lifts.slice(0, 1)).map((a) => a.id)).toEqual(['deepseek']);
    expect(withoutLifted(base.apps, undefined).map((a) => a.id)).toEqual(['tiktok', 'deepseek']);
    expect(nextLiftEnd(lifts)).toBe(Date.parse('2026-12-10T04:00:00Z'));
    expect(nextLiftEnd([])).toBeUndefined();
    expect(sameLiftedApps(lifts, [...lifts].reverse())).toBe(true);
    expect(sameLiftedApps(lifts, lifts.slice(1))).toBe(false);
  });

  it('an ended lift enters the history at its own end when the browser was off then, else when it was seen', () => {
    const lift: Lift = { app: 'tiktok', name: 'TikTok', kind: 'exception', until: '2026-12-15T17:00:00Z', groups: ['marketing'] };
    expect(nextEndedLifts([lift], [], [], new Date('2026-12-20T08:00:00Z'))).toEqual([{ ...lift, endedAt: '2026-12-15T17:00:00.000Z' }]);
    expect(nextEndedLifts([lift], [], [], new Date('2026-12-12T08:00:00Z'))).toEqual([{ ...lift, endedAt: '2026-12-12T08:00:00.000Z' }]);
    expect(nextEndedLifts([lift], [lift], [], new Date('2026-12-12T08:00:00Z'))).toEqual([]);
  });
});

describe('what employees are told', () => {
  const list = parseBlocklistPayload({ ...base, exceptions: [exception] });
  if (!list.ok) throw new Error(list.message);
  const state: CordonState = {
    schema: 1,
    source: { kind: 'signed', url: 'https://lists.acme.example/cordon.json' },
    apps: list.list.apps,
    withdrawn: [],
    installedByAdmin: true,
    groups: ['marketing'],
    list: { listId: 'acme', serial: 3, issuedAt: base.issuedAt, expiresAt: base.expiresAt, issuer: 'Acme', contact: base.contact, signers: ['0123456789abcdef'], changes: [], exceptions: [exception] },
  };
  const lift: Lift = { app: 'tiktok', name: 'TikTok', kind: 'exception', until: exception.until, reason: exception.reason, groups: ['marketing'] };

  it('the popup: allowed for now, for which group, until when, why; and the history says so', () => {
    const view = popupView(withLifts(state, [lift], new Date('2026-12-10T00:00:00Z')), env('2026-12-10T00:00:00Z'));
    const tiktok = view.apps.find((a) => a.id === 'tiktok');
    expect(tiktok).toMatchObject({ status: 'lifted', statusText: 'Allowed for now', lift: { text: 'Exception for marketing until Dec 15, 2026, 5:00 PM', why: `Why: ${exception.reason}` } });
    expect(view.apps.find((a) => a.id === 'deepseek')).toMatchObject({ status: 'blocked' });
    expect(view.history[0]?.summary).toBe(`Exception for marketing: TikTok allowed until Dec 15, 2026, 5:00 PM. Why: ${exception.reason}`);
  });

  it('after the end: blocked again, the history says the exception ended, and the block page says it too', () => {
    const ended = withLifts(withLifts(state, [lift], new Date('2026-12-10T00:00:00Z')), [], new Date('2026-12-16T09:00:00Z'));
    const view = popupView(ended, env('2026-12-16T09:00:00Z'));
    expect(view.apps.find((a) => a.id === 'tiktok')).toMatchObject({ status: 'blocked' });
    expect(view.history[0]).toEqual({ date: 'Dec 15, 2026', summary: 'The exception for marketing ended: TikTok is blocked again' });
    const page = blockPageView(ended, { appId: 'tiktok', url: 'https://www.tiktok.com/' }, env('2026-12-16T09:00:00Z'));
    expect(page.liftEndedNote).toBe('The exception for marketing ended on Dec 15, 2026, 5:00 PM: this site is blocked again.');
    // Control: a page for the other app says nothing of it.
    expect(blockPageView(ended, { appId: 'deepseek', url: 'https://chat.deepseek.com/' }, env('2026-12-16T09:00:00Z')).liftEndedNote).toBeUndefined();
    expect(encodeBlockFragment('tiktok')).toBeTypeOf('string');
  });

  it('the block page offers an override field only under a trusted signed list, and never in a frame', () => {
    const fragment = { appId: 'tiktok', url: 'https://www.tiktok.com/@acme' };
    expect(blockPageView(state, fragment, env('2026-12-10T00:00:00Z')).override).toMatchObject({ appId: 'tiktok', url: 'https://www.tiktok.com/@acme' });
    expect(blockPageView(state, fragment, env('2026-12-10T00:00:00Z'), { framed: true }).override).toBeUndefined();
    const distrusted: CordonState = { ...state, distrusted: { at: '2026-12-09T00:00:00Z', listId: 'acme', serial: 3, reason: 'no-valid-signature', message: 'x' } };
    expect(blockPageView(distrusted, fragment, env('2026-12-10T00:00:00Z')).override).toBeUndefined();
    const builtin: CordonState = { ...state, source: { kind: 'builtin' } };
    expect(blockPageView(builtin, fragment, env('2026-12-10T00:00:00Z')).override).toBeUndefined();
  });
});

describe('cordon sign and inspect with exceptions', () => {
  it('sign accepts any ISO 8601 UTC until and writes the canonical form; inspect shows each exception plainly, escaped', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCordonInProcess } = await import('../support/cli.ts');
    const dir = mkdtempSync(join(tmpdir(), 'cordon-exceptions-'));
    expect((await runCordonInProcess(['keygen', '--out', dir])).code).toBe(0);
    const input = {
      ...base,
      exceptions: [{ ...exception, until: '2026-12-15T17:00:00.000Z', reason: 'Marketing \u001b[31mred\u001b[0m account' }],
    };
    writeFileSync(join(dir, 'list.json'), JSON.stringify(input));
    const now = () => new Date('2026-12-02T00:00:00Z');
    const signed = await runCordonInProcess(['sign', '--key', join(dir, 'cordon-signing.pem'), '--in', join(dir, 'list.json'), '--out', join(dir, 'list.signed.json')], now);
    // A reason with a terminal escape is refused by the schema, like every text field.
    expect(signed.code).toBe(1);
    expect(signed.stderr).toMatch(/exceptions\[0\]\.reason: contains a control/);
    writeFileSync(join(dir, 'list.json'), JSON.stringify({ ...input, exceptions: [{ ...exception, until: '2026-12-15T17:00:00.000Z' }] }));
    const again = await runCordonInProcess(['sign', '--key', join(dir, 'cordon-signing.pem'), '--in', join(dir, 'list.json'), '--out', join(dir, 'list.signed.json')], now);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`  exception: tiktok not blocked for group marketing until 2026-12-15T17:00:00Z (${exception.reason})`);
    const shown = await runCordonInProcess(['inspect', join(dir, 'list.signed.json')], () => new Date('2026-12-20T00:00:00Z'));
    expect(shown.stdout).toContain('Exceptions 1');
    expect(shown.stdout).toContain('  tiktok not blocked for group marketing until 2026-12-15T17:00:00Z (ended)');
    expect(shown.stdout).toContain(`    reason: ${exception.reason}`);
    const none = await runCordonInProcess(['inspect', join(dir, 'list.signed.json')], () => new Date('2026-12-10T00:00:00Z'));
    expect(none.stdout).not.toContain('(ended)');
  });
});
