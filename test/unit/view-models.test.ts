/**
 * The popup, block page and badge view models over recorded states: pure, so every state the worker can
 * record is drawn here with a fixed clock, time zone and the real English and Indonesian catalogues.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import id from '../../public/_locales/id/messages.json' with { type: 'json' };
import { REASON_CODES } from '../../src/core/blocklist/reasons.ts';
import { effectiveMode } from '../../src/core/blocklist/verify.ts';
import type { CordonState, EnforcedApp, ListInfo, ProblemCode } from '../../src/core/state.ts';
import { BADGE_AMBER, BADGE_RED, badgeView } from '../../src/core/text/badge.ts';
import { blockPageView } from '../../src/core/view/block-page.ts';
import { lookupIn, type MessagesFile, type ViewEnv } from '../../src/core/text/i18n.ts';
import { popupView, type FieldView } from '../../src/core/view/popup.ts';
import { appStatus } from '../../src/core/app-status.ts';
import { troublesOf } from '../../src/core/text/troubles.ts';

function listOf(state: CordonState): ListInfo {
  if (!state.list) throw new Error('the state has no list');
  return state.list;
}


const NOW = new Date('2026-06-15T12:00:00Z');
const envEn: ViewEnv = { t: lookupIn(en as MessagesFile), locale: 'en-GB', now: NOW, timeZone: 'UTC' };
const envId: ViewEnv = { t: lookupIn(id as MessagesFile), locale: 'id', now: NOW, timeZone: 'Asia/Jakarta' };
const HOSTILE = '<img src=x onerror=alert(1)>';

const tiktok: EnforcedApp = { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'], mode: 'block', reason: 'Data-protection review DPR-2025-014.', since: '2025-03-01' };
const chatapp: EnforcedApp = { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'], mode: 'block', enforceFrom: '2026-07-01', reason: 'Customer data only in approved tools.', since: '2026-06-01' };
const forum: EnforcedApp = { id: 'forum', name: 'Forum', domains: ['forum.example'], mode: 'warn', reason: 'Not approved yet.', since: '2026-06-01' };

const signed: CordonState = {
  schema: 1,
  source: { kind: 'signed', url: 'https://lists.acme.example/cordon.json' },
  apps: [tiktok, chatapp, forum],
  withdrawn: [{ id: 'newsapp', name: 'NewsApp', at: '2026-06-11T09:30:00Z', names: ['newsapp.example'] }],
  list: {
    listId: 'acme-work-browsers',
    serial: 7,
    issuedAt: '2026-06-01T00:00:00Z',
    expiresAt: '2026-07-01T00:00:00Z',
    issuer: 'Acme Corp Information Security',
    contact: 'mailto:security@acme.example',
    signers: ['332b2ccf8e094afd'],
    changes: [
      { serial: 6, date: '2026-06-10', summary: 'NewsApp blocked.' },
      { serial: 7, date: '2026-06-11', summary: 'NewsApp: ban withdrawn — the notice was sent in error.' },
    ],
  },
  organization: 'Acme Corp',
  supportUrl: 'https://help.acme.example/cordon',
  lastCheck: { at: '2026-06-15T11:55:00Z', outcome: 'unchanged' },
  lastChange: '2026-06-11T09:30:00Z',
  installedByAdmin: true,
};

const builtin: CordonState = {
  schema: 1,
  source: { kind: 'builtin' },
  apps: [{ id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'], mode: 'block', reason: 'Not approved.' }],
  withdrawn: [],
  lastCheck: { at: '2026-06-15T11:59:30Z', outcome: 'builtin' },
  installedByAdmin: false,
};

const field = (fields: readonly FieldView[], fieldId: string) => fields.find((f) => f.id === fieldId);

describe('appStatus reads modes exactly as the verifier does', () => {
  it('agrees with effectiveMode for every mode, date and instant', () => {
    const day = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom<'block' | 'warn'>('block', 'warn'), fc.option(day, { nil: undefined }), fc.date({ min: new Date('2020-01-01'), max: new Date('2031-01-01'), noInvalidDate: true }), (mode, enforceFrom, now) => {
        const app = enforceFrom === undefined ? { mode } : { mode, enforceFrom };
        expect(appStatus(app, now).kind === 'blocked' ? 'block' : 'warn').toBe(effectiveMode(app, now));
      }),
      { numRuns: 2000 },
    );
  });

  it('warns until 00:00 UTC on enforceFrom and blocks from that instant on', () => {
    expect(appStatus(chatapp, new Date('2026-06-30T23:59:59.999Z'))).toEqual({ kind: 'warn', deadline: '2026-07-01T00:00:00Z' });
    expect(appStatus(chatapp, new Date('2026-07-01T00:00:00Z'))).toEqual({ kind: 'blocked' });
    expect(appStatus(forum, new Date('2099-01-01'))).toEqual({ kind: 'warn' });
    expect(appStatus(tiktok, NOW)).toEqual({ kind: 'blocked' });
  });
});

describe('popup', () => {
  it('each app with its state, reason and since; lifted bans said, not silent', () => {
    const view = popupView(signed, envEn);
    expect(view.apps.map((a) => [a.name, a.status, a.statusText, a.deadline, a.since])).toEqual([
      ['TikTok', 'blocked', 'Blocked', undefined, 'In force since 1 Mar 2025'],
      ['ChatApp', 'warn', 'Warning only', 'Blocked from 1 Jul 2026, 00:00', 'In force since 1 Jun 2026'],
      ['Forum', 'warn', 'Warning only', undefined, 'In force since 1 Jun 2026'],
      ['NewsApp', 'withdrawn', 'No longer blocked', undefined, 'Lifted on this browser on 11 Jun 2026, 09:30'],
    ]);
    expect(view.apps[0]?.reason).toBe(tiktok.reason);
  });

  it('who decided and how to reach them', () => {
    const view = popupView(signed, envEn);
    expect(view.decided).toEqual([
      { label: 'Organisation', value: 'Acme Corp', id: 'organization' },
      { label: 'Decided by', value: 'Acme Corp Information Security', id: 'issuer' },
      { label: 'Questions', value: 'security@acme.example', link: { href: 'mailto:security@acme.example', text: 'security@acme.example' }, id: 'contact' },
      { label: 'Help', value: 'help.acme.example/cordon', link: { href: 'https://help.acme.example/cordon', text: 'help.acme.example/cordon' }, id: 'support' },
    ]);
  });

  it('where the rules came from: URL, key fingerprint, serial, dates, last check, installation, profile scope', () => {
    const view = popupView(signed, envEn);
    expect(view.source.map((f) => [f.label, f.value])).toEqual([
      ['Source', 'https://lists.acme.example/cordon.json'],
      ['List', 'acme-work-browsers'],
      ['Signed by', 'key 332b 2ccf 8e09 4afd'],
      ['Version', '7'],
      ['Issued', '1 Jun 2026, 00:00'],
      ['Expires', '1 Jul 2026, 00:00'],
      ['Last check', '5 minutes ago: no change'],
      ['Installed', 'By your administrator'],
      ['Reports', 'Nothing is reported: Cordon sends nothing about this browser to anyone.'],
    ]);
    expect(view.profileNote).toBe('Applies to this browser profile only.');
    expect(view.troubles).toEqual([]);
    expect(view.allGood).toMatch(/up to date/i);
  });

  it('reports: to whom and what, blocked visits when included, a mistyped setting, and how delivery stands', () => {
    const field = (state: CordonState, options = {}) => popupView(state, envEn, options).source.filter((f) => f.id === 'reporting' || f.id === 'report-delivery').map((f) => f.value);
    expect(field({ ...signed, reporting: { kind: 'on', host: 'otel.acme.example', blockedVisits: false } })).toEqual([
      'Status reports go to otel.acme.example: the list in force, its serial and any problem, when they change and once a day.',
    ]);
    expect(field({ ...signed, reporting: { kind: 'on', host: 'otel.acme.example', blockedVisits: true } })[0]).toMatch(/Blocked visits are reported too: the app, the host name and the time, never the page address\.$/);
    expect(field({ ...signed, reporting: { kind: 'invalid', message: 'reportUrl must be an https: URL' } })).toEqual([
      "Off: the organisation's reporting settings are wrong (reportUrl must be an https: URL), so nothing is sent.",
    ]);
    const waiting = { waiting: 3, lastAttempt: { at: new Date(envEn.now.getTime() - 120_000).toISOString(), outcome: { kind: 'retry' as const, reason: 'status' as const, status: 503 } } };
    expect(field({ ...signed, reporting: { kind: 'on', host: 'otel.acme.example', blockedVisits: false } }, { reportDelivery: waiting })[1]).toBe(
      '3 waiting; the last try failed 2 minutes ago (the collector answered HTTP 503). Blocking is not affected.',
    );
    // Delivery is only said while reporting is on.
    expect(field(signed, { reportDelivery: waiting })).toHaveLength(1);
  });

  it('groups and the browser id, for IT to grant an exception to this browser', () => {
    const view = popupView({ ...signed, groups: ['marketing', 'sec-ops'] }, envEn, { installId: '3f2b1c9e-7d4a-4e8b-9c1d-2a5e6f7b8c9d' });
    expect(view.source.filter((f) => f.id === 'groups' || f.id === 'install-id').map((f) => [f.label, f.value])).toEqual([
      ['Groups', 'marketing, sec-ops'],
      ['Browser id', '3f2b1c9e-7d4a-4e8b-9c1d-2a5e6f7b8c9d'],
    ]);
    expect(popupView(signed, envEn).source.some((f) => f.id === 'groups' || f.id === 'install-id')).toBe(false);
  });

  it('history: the signed changes, newest first', () => {
    expect(popupView(signed, envEn).history).toEqual([
      { date: '11 Jun 2026', summary: 'NewsApp: ban withdrawn — the notice was sent in error.' },
      { date: '10 Jun 2026', summary: 'NewsApp blocked.' },
    ]);
    expect(popupView(builtin, envEn).historyEmpty).toBe('No changes recorded.');
  });

  it('built-in catalogue: says so, and who is behind it', () => {
    const view = popupView(builtin, envEn);
    expect(field(view.source, 'source-url')?.value).toBe('Built-in catalogue');
    expect(field(view.decided, 'issuer')?.value).toMatch(/built-in catalogue/);
    expect(field(view.source, 'last-check')?.value).toBe('now: built-in catalogue applied');
    expect(field(view.source, 'installed')?.value).toBe('Not by an administrator');
    expect(popupView({ ...builtin, installedByAdmin: true }, envEn).decided[0]?.value).toMatch(/^Your administrator/);
  });

  it('before the worker recorded anything: the built-in default, said to be provisional', () => {
    const view = popupView(undefined, envEn, { fallbackApps: builtin.apps });
    expect(view.apps.map((a) => a.name)).toEqual(['TikTok']);
    expect(view.allGood).toMatch(/not finished its first check/);
    expect(field(view.source, 'last-check')?.value).toBe('Not yet');
  });

  it('trouble in words: stale, offline, policy error, rejected update (why), device offline', () => {
    const at = '2026-06-15T11:00:00Z';
    const stale = popupView({ ...signed, list: { ...listOf(signed), expiresAt: '2026-06-14T00:00:00Z' } }, envEn);
    expect(stale.troubles.map((x) => [x.kind, x.severity, x.text])).toEqual([
      ['stale', 'warning', 'The list expired on 14 Jun 2026, 00:00 and no newer one has arrived. Its rules are still enforced until one does.'],
    ]);
    const offline = popupView({ ...signed, problem: { code: 'fetch-network', message: 'net::ERR_NAME_NOT_RESOLVED', at } }, envEn);
    expect(offline.troubles[0]).toMatchObject({ kind: 'offline', severity: 'warning', since: '1 hour ago', detail: 'net::ERR_NAME_NOT_RESOLVED' });
    expect(offline.troubles[0]?.text).toMatch(/^Offline: /);
    const policy = popupView({ ...signed, problem: { code: 'policy-invalid', message: 'listUrl must be an https: URL', at } }, envEn);
    expect(policy.troubles[0]).toMatchObject({ kind: 'policy', severity: 'error' });
    expect(policy.troubles[0]?.text).toMatch(/^Policy error: /);
    const rejected = popupView({ ...signed, problem: { code: 'no-valid-signature', message: 'x', at } }, envEn);
    expect(rejected.troubles[0]?.text).toBe(
      'The latest list update was rejected: it was not signed by a key your organisation trusts. The rules already in force are kept.',
    );
    const device = popupView(signed, envEn, { online: false });
    expect(device.troubles.map((x) => x.kind)).toEqual(['device-offline']);
    expect(device.allGood).toBeUndefined();
  });

  it('every problem code the worker can record is said in words, in both languages', () => {
    const codes: ProblemCode[] = ['policy-invalid', 'policy-missing', 'fetch-network', 'fetch-timeout', 'fetch-status', 'fetch-too-large', 'fetch-redirect', 'stored-list-invalid', 'apply-failed', 'verifier-unavailable', ...REASON_CODES];
    for (const env of [envEn, envId]) {
      for (const code of codes) {
        const [trouble] = troublesOf({ ...signed, problem: { code, message: '', at: '2026-06-15T11:00:00Z' } }, env);
        expect(trouble?.text, code).toMatch(/\S{3}/);
        expect(trouble?.text, code).not.toMatch(/\$|undefined/);
      }
    }
    const kinds = (code: ProblemCode) => troublesOf({ ...signed, problem: { code, message: '', at: '2026-06-15T11:00:00Z' } }, envEn)[0]?.kind;
    expect(kinds('expired')).toBe('rejected');
    expect(kinds('serial-rollback')).toBe('rejected');
    expect(kinds('invalid-trusted-key')).toBe('policy');
    expect(kinds('fetch-status')).toBe('server');
  });

  it('hostile strings stay values: never a link unless https: or mailto:', () => {
    const hostile: CordonState = {
      ...signed,
      apps: [{ ...tiktok, name: HOSTILE, reason: `<script>alert(1)</script>` }],
      organization: HOSTILE,
      supportUrl: 'javascript:alert(document.domain)',
      list: { ...listOf(signed), issuer: HOSTILE, contact: 'javascript:alert(1)', changes: [{ serial: 7, date: '2026-06-11', summary: HOSTILE }] },
    };
    const view = popupView(hostile, envEn);
    expect(view.apps[0]?.name).toBe(HOSTILE);
    expect(field(view.decided, 'contact')).toEqual({ label: 'Questions', value: 'javascript:alert(1) (not a web or e-mail link, so not clickable)', id: 'contact' });
    expect(field(view.decided, 'support')?.link).toBeUndefined();
    expect([...view.decided, ...view.source].filter((f) => f.link).map((f) => f.link?.href)).toEqual([]);
    expect(view.history[0]?.summary).toBe(HOSTILE);
  });

  it('Indonesian: words, dates and relative times', () => {
    const view = popupView(signed, envId);
    expect(view.apps.map((a) => a.statusText)).toEqual(['Diblokir', 'Hanya peringatan', 'Hanya peringatan', 'Tidak diblokir lagi']);
    expect(view.apps[1]?.deadline).toBe('Diblokir mulai 1 Jul 2026, 07.00');
    expect(field(view.source, 'last-check')?.value).toBe('5 menit yang lalu: tidak ada perubahan');
    expect(view.history[1]?.date).toBe('10 Jun 2026');
  });
});

describe('block page', () => {
  const at = (appId: string, url: string) => ({ appId, url });

  it('block: the app, the host, the reason, since, who decided, contact and where the rule came from', () => {
    const view = blockPageView(signed, at('tiktok', 'https://www.tiktok.com/@x?y=1#z'), envEn);
    expect(view.kind).toBe('block');
    expect(view.heading).toBe('This site is blocked on your work browser');
    expect(view.summary).toEqual({ before: '', value: 'TikTok', after: ' is blocked by Acme Corp.' });
    expect(view.fields.map((f) => [f.label, f.value])).toEqual([
      ['Address', 'www.tiktok.com'],
      ['Why', tiktok.reason],
      ['Since', '1 Mar 2025'],
      ['Organisation', 'Acme Corp'],
      ['Decided by', 'Acme Corp Information Security'],
      ['Questions', 'security@acme.example'],
      ['Help', 'help.acme.example/cordon'],
      ['Rule from', 'Signed list “acme-work-browsers”, version 7, from https://lists.acme.example/cordon.json, signed by key 332b 2ccf 8e09 4afd'],
    ]);
    expect(view.warn).toBeUndefined();
    expect(view.documentTitle).toBe('TikTok is blocked');
  });

  it('warn with a date: explains the deadline and offers to continue; from the date on, a block', () => {
    const view = blockPageView(signed, at('chatapp', 'https://chatapp.example/inbox'), envEn, { allowanceSeconds: 600 });
    expect(view.kind).toBe('warn');
    expect(view.summary).toEqual({ before: '', value: 'ChatApp', after: ' is blocked from 1 Jul 2026, 00:00.' });
    expect(view.warn).toEqual({
      explanation: 'Until then you may continue. Continuing allows this site in this tab only, for 10 minutes; then this warning comes back.',
      continueLabel: 'Continue for now',
      appId: 'chatapp',
      url: 'https://chatapp.example/inbox',
    });
    expect(field(view.fields, 'deadline')?.value).toBe('1 Jul 2026, 00:00');
    const after = blockPageView(signed, at('chatapp', 'https://chatapp.example/inbox'), { ...envEn, now: new Date('2026-07-01T00:00:00Z') });
    expect(after.kind).toBe('block');
    expect(after.warn).toBeUndefined();
  });

  it('warn mode without a date', () => {
    const view = blockPageView(signed, at('forum', 'http://forum.example/'), envEn, { allowanceSeconds: 5 });
    expect(view.kind).toBe('warn');
    expect(view.heading).toBe('Your organisation advises against this site');
    expect(view.warn?.explanation).toMatch(/for 5 seconds/);
  });

  it('a forged fragment never yields a way around: unknown app, non-web URL', () => {
    const unknown = blockPageView(signed, at('google', 'https://www.google.com/'), envEn);
    expect(unknown.kind).toBe('block');
    expect(unknown.summary.value).toBe('This app');
    expect(field(unknown.fields, 'reason')?.value).toBe('Your organisation has blocked this app on work browsers.');
    const script = blockPageView(signed, at('forum', 'javascript:alert(1)'), envEn);
    expect(script.kind).toBe('block');
    expect(script.warn).toBeUndefined();
    expect(field(script.fields, 'host')?.value).toBe('unknown');
    expect(blockPageView(signed, undefined, envEn).kind).toBe('block');
  });

  it('a lifted ban says so, and offers the site back', () => {
    const view = blockPageView(signed, at('newsapp', 'https://newsapp.example/story'), envEn);
    expect(view.kind).toBe('lifted');
    expect(view.heading).toBe('This site is no longer blocked');
    expect(view.lifted).toEqual({ openLabel: 'Open the site', url: 'https://newsapp.example/story' });
    expect(blockPageView(signed, at('newsapp', 'https://www.newsapp.example/'), envEn).lifted?.url).toBe('https://www.newsapp.example/');
    expect(blockPageView(signed, at('newsapp', 'javascript:alert(1)'), envEn).lifted).toBeUndefined();
  });

  it('a lifted ban is said, and its site offered, only for a host that app blocked', () => {
    // A forged fragment: a lifted app's id next to a host it never blocked (a phishing page, say).
    const forged = blockPageView(signed, at('newsapp', 'https://login.evil.example/'), envEn);
    expect(forged.kind).toBe('block');
    expect(forged.lifted).toBeUndefined();
    expect(forged.summary.value).toBe('This app');
    // A record from before names were kept: the ban is not said to be lifted for any host.
    const old: CordonState = { ...signed, withdrawn: [{ id: 'newsapp', name: 'NewsApp', at: '2026-06-11T09:30:00Z' }] };
    expect(blockPageView(old, at('newsapp', 'https://newsapp.example/'), envEn).lifted).toBeUndefined();
    // Lifted for one app, but another app in force still blocks the host: not offered.
    const overlap: CordonState = { ...signed, withdrawn: [{ id: 'newsapp', name: 'NewsApp', at: '2026-06-11T09:30:00Z', names: ['tiktok.com'] }] };
    expect(blockPageView(overlap, at('newsapp', 'https://www.tiktok.com/'), envEn).lifted).toBeUndefined();
  });

  it('an app is named only next to a host it blocks', () => {
    const forged = blockPageView(signed, at('tiktok', 'https://www.google.com/'), envEn);
    expect(forged.summary.value).toBe('This app');
    expect(field(forged.fields, 'reason')?.value).toBe('Your organisation has blocked this app on work browsers.');
    // A warned app's id next to another host offers no way through.
    const warnForged = blockPageView(signed, at('chatapp', 'https://www.google.com/'), envEn, { allowanceSeconds: 600 });
    expect(warnForged.kind).toBe('block');
    expect(warnForged.warn).toBeUndefined();
    // The host with a trailing dot is the same host to the browser's rules, and to the page.
    expect(blockPageView(signed, at('tiktok', 'https://www.tiktok.com./'), envEn).summary.value).toBe('TikTok');
    // Firefox's static rules carry no URL: the app is named, the host unknown.
    const noUrl = blockPageView(signed, at('tiktok', ''), envEn);
    expect(noUrl.summary.value).toBe('TikTok');
    expect(field(noUrl.fields, 'host')?.value).toBe('unknown');
  });

  it('framed by another page: says what it says, offers nothing to click', () => {
    const warn = blockPageView(signed, at('chatapp', 'https://chatapp.example/inbox'), envEn, { allowanceSeconds: 600, framed: true });
    expect(warn.warn).toBeUndefined();
    expect(warn.summary.value).toBe('ChatApp');
    const lifted = blockPageView(signed, at('newsapp', 'https://newsapp.example/story'), envEn, { framed: true });
    expect(lifted.kind).toBe('lifted');
    expect(lifted.lifted).toBeUndefined();
  });

  it('turning the device clock back does not reopen a warning that has ended', () => {
    const seen: CordonState = { ...signed, seenAt: '2026-07-02T00:00:00Z' };
    const back = { ...envEn, now: new Date('2026-06-20T00:00:00Z') };
    expect(blockPageView(seen, at('chatapp', 'https://chatapp.example/inbox'), back).kind).toBe('block');
    expect(blockPageView(signed, at('chatapp', 'https://chatapp.example/inbox'), back).kind).toBe('warn');
  });

  it('built-in catalogue, and before any state: the rule’s origin in one line', () => {
    const view = blockPageView(undefined, at('tiktok', 'https://www.tiktok.com/'), envEn, { fallbackApps: builtin.apps });
    expect(view.summary.value).toBe('TikTok');
    expect(field(view.fields, 'source')?.value).toBe('Cordon’s built-in catalogue (no organisation list is configured)');
    expect(field(view.fields, 'since')).toBeUndefined();
  });

  it('a stale list is said on the block page too', () => {
    const view = blockPageView({ ...signed, list: { ...listOf(signed), expiresAt: '2026-06-14T00:00:00Z' } }, at('tiktok', 'https://tiktok.com/'), envEn);
    expect(view.staleNote).toBe('This list expired on 14 Jun 2026, 00:00; it stays in force until a newer one arrives.');
  });

  it('hostile strings stay values, and a javascript: contact is no link', () => {
    const hostile: CordonState = { ...signed, apps: [{ ...tiktok, name: HOSTILE, reason: HOSTILE }], organization: HOSTILE, supportUrl: 'javascript:alert(2)', list: { ...listOf(signed), contact: 'javascript:alert(1)' } };
    const view = blockPageView(hostile, at('tiktok', 'https://tiktok.com/'), envEn);
    expect(view.summary).toEqual({ before: '', value: HOSTILE, after: ` is blocked by ${HOSTILE}.` });
    expect(view.fields.filter((f) => f.link)).toEqual([]);
  });

  it('Indonesian', () => {
    const view = blockPageView(signed, at('chatapp', 'https://chatapp.example/'), envId);
    expect(view.heading).toBe('Situs ini akan segera diblokir di browser kerja Anda');
    expect(view.summary.after).toBe(' diblokir mulai 1 Jul 2026, 07.00.');
    expect(view.warn?.continueLabel).toBe('Lanjutkan untuk sementara');
    expect(view.warn?.explanation).toMatch(/10 menit/);
  });
});

describe('badge', () => {
  it('nothing when all is well; "!" amber when stale or unreachable, red on an error; the tooltip says why', () => {
    expect(badgeView(signed, envEn)).toEqual({ text: '', color: BADGE_RED, title: 'Cordon: rules up to date' });
    const stale = badgeView({ ...signed, list: { ...listOf(signed), expiresAt: '2026-06-14T00:00:00Z' } }, envEn);
    expect(stale).toMatchObject({ text: '!', color: BADGE_AMBER });
    expect(stale.title).toMatch(/^Cordon needs attention: The list expired/);
    expect(badgeView({ ...signed, problem: { code: 'fetch-timeout', message: '', at: '2026-06-15T11:00:00Z' } }, envEn)).toMatchObject({ text: '!', color: BADGE_AMBER });
    expect(badgeView({ ...signed, problem: { code: 'serial-conflict', message: '', at: '2026-06-15T11:00:00Z' } }, envEn)).toMatchObject({ text: '!', color: BADGE_RED });
    expect(badgeView(undefined, envEn).text).toBe('');
  });
});

describe('the pages build their DOM from text only', () => {
  it('no innerHTML, outerHTML, insertAdjacentHTML, document.write or DOMParser in the popup, block page or view models', () => {
    const root = resolve(import.meta.dirname, '../../src');
    for (const dir of ['popup', 'blocked', 'core/view']) {
      for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts'))) {
        const source = readFileSync(join(root, dir, file), 'utf8');
        expect(source, `${dir}/${file}`).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/);
      }
    }
  });
});
