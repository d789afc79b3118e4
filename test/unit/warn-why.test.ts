/**
 * A warning that records why (issue #15): per app `allowMinutes`, `justification` and `alternative` in
 * the signed list, checked like every field; the allowance's length and the reason rule as the worker
 * decides them; the warning page's model; the reason in the warn-continue record.
 */
import { describe, expect, it } from 'vitest';
import { allowanceSecondsFor, ALLOWANCE_SECONDS, decideAllowance } from '../../src/core/allowance.ts';
import { parseBlocklistPayload } from '../../src/core/blocklist/payload.ts';
import { parseRequest } from '../../src/core/contract.ts';
import { visitRecord } from '../../src/core/reporting/records.ts';
import type { CordonState, EnforcedApp } from '../../src/core/state.ts';
import { lookupIn, type MessagesFile } from '../../src/core/text/i18n.ts';
import { blockPageView } from '../../src/core/view/block-page.ts';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };

const NOW = new Date('2026-12-06T10:00:00Z');
const env = { t: lookupIn(en as unknown as MessagesFile), locale: 'en', now: NOW };
const base = { schema: 1, listId: 'acme', serial: 1, issuedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z', issuer: 'Acme', contact: 'mailto:sec@acme.example', changes: [] };
const app = (extra: Record<string, unknown>) => ({ id: 'forum', name: 'Forum', domains: ['forum.example'], mode: 'warn', reason: 'Under review.', since: '2026-12-01', ...extra });

describe('the list fields', () => {
  it('accepts them on a warned app, with their bounds', () => {
    const parsed = parseBlocklistPayload({ ...base, apps: [app({ allowMinutes: 30, justification: 'required', alternative: 'https://forum.acme.example/' })] });
    expect(parsed).toMatchObject({ ok: true, list: { apps: [{ allowMinutes: 30, justification: 'required', alternative: 'https://forum.acme.example/' }] } });
    // A block with a warning period warns until enforceFrom: the fields apply then.
    expect(parseBlocklistPayload({ ...base, apps: [app({ mode: 'block', enforceFrom: '2026-12-20', justification: 'optional' })] })).toMatchObject({ ok: true });
    // An alternative is worth naming for a plain block too.
    expect(parseBlocklistPayload({ ...base, apps: [app({ mode: 'block', alternative: 'https://forum.acme.example/' })] })).toMatchObject({ ok: true });
  });

  it('refuses in words what cannot be meant', () => {
    const path = (extra: Record<string, unknown>) => {
      const r = parseBlocklistPayload({ ...base, apps: [app(extra)] });
      return r.ok ? 'accepted' : `${r.path}: ${r.message}`;
    };
    expect(path({ allowMinutes: 0 })).toMatch(/apps\[0\]\.allowMinutes: .*1 to 60/);
    expect(path({ allowMinutes: 61 })).toMatch(/1 to 60/);
    expect(path({ allowMinutes: 1.5 })).toMatch(/allowMinutes/);
    expect(path({ justification: 'maybe' })).toMatch(/"none", "optional" or "required"/);
    expect(path({ mode: 'block', justification: 'required' })).toMatch(/only applies to an app that warns/);
    expect(path({ mode: 'block', allowMinutes: 5 })).toMatch(/only applies to an app that warns/);
    expect(path({ alternative: 'http://forum.acme.example/' })).toMatch(/alternative: .*https/);
    expect(path({ alternative: 'javascript:alert(1)' })).toMatch(/alternative/);
  });
});

describe('what the worker decides', () => {
  const forum: EnforcedApp = { id: 'forum', name: 'Forum', domains: ['forum.example'], mode: 'warn', reason: 'x', justification: 'required', allowMinutes: 30 };

  it('the allowance lasts the list\'s allowMinutes; the test hook only shortens', () => {
    expect(allowanceSecondsFor({}, ALLOWANCE_SECONDS)).toBe(600);
    expect(allowanceSecondsFor({ allowMinutes: 30 }, ALLOWANCE_SECONDS)).toBe(1800);
    expect(allowanceSecondsFor({ allowMinutes: 30 }, 6)).toBe(6);
    expect(allowanceSecondsFor({ allowMinutes: 1 }, 120)).toBe(60);
    const granted = decideAllowance([forum], 'forum', 'https://forum.example/t/1', NOW, ALLOWANCE_SECONDS, 'Customer thread');
    expect(granted).toMatchObject({ ok: true, until: NOW.getTime() + 1800_000 });
  });

  it('a required reason: refused without one, or with one that cannot be sent', () => {
    expect(decideAllowance([forum], 'forum', 'https://forum.example/', NOW, 600)).toEqual({ ok: false, reason: 'reason-required' });
    expect(decideAllowance([forum], 'forum', 'https://forum.example/', NOW, 600, '   ')).toEqual({ ok: false, reason: 'reason-required' });
    expect(decideAllowance([forum], 'forum', 'https://forum.example/', NOW, 600, 'x'.repeat(201))).toEqual({ ok: false, reason: 'bad-reason' });
    expect(decideAllowance([forum], 'forum', 'https://forum.example/', NOW, 600, 'ok\u202e')).toEqual({ ok: false, reason: 'bad-reason' });
    expect(decideAllowance([{ ...forum, justification: 'optional' }], 'forum', 'https://forum.example/', NOW, 600)).toMatchObject({ ok: true });
  });

  it('the request carries the reason as text only', () => {
    expect(parseRequest({ type: 'warn-continue', appId: 'forum', url: 'https://forum.example/', reason: 'Customer thread' })).toEqual({
      type: 'warn-continue',
      appId: 'forum',
      url: 'https://forum.example/',
      reason: 'Customer thread',
    });
    expect(parseRequest({ type: 'warn-continue', appId: 'forum', url: 'https://forum.example/', reason: 3 })).toBeUndefined();
  });

  it('the warn-continue record carries the reason', () => {
    const record = visitRecord('warn-continue', { appId: 'forum', host: 'forum.example', reason: 'Customer thread' }, NOW);
    expect(record.attributes.find((a) => a.key === 'cordon.warn.reason')?.value).toEqual({ stringValue: 'Customer thread' });
  });
});

describe('the warning page', () => {
  const state = (extra: Partial<EnforcedApp>, reporting?: CordonState['reporting']): CordonState => ({
    schema: 1,
    source: { kind: 'builtin' },
    apps: [{ id: 'forum', name: 'Forum', domains: ['forum.example'], mode: 'warn', reason: 'Under review.', ...extra }],
    withdrawn: [],
    installedByAdmin: true,
    ...(reporting === undefined ? {} : { reporting }),
  });
  const fragment = { appId: 'forum', url: 'https://forum.example/t/1' };

  it('asks for a reason as the list says, says when it is sent, and names the alternative', () => {
    const view = blockPageView(state({ justification: 'required', allowMinutes: 30, alternative: 'https://chat.acme.example/forum' }, { kind: 'on', host: 'otel.acme.example', blockedVisits: true }), fragment, env);
    expect(view.warn?.reason).toEqual({ label: 'Why do you need it? (required)', required: true, sentNote: 'Your reason is sent to your organisation with this visit.' });
    expect(view.warn?.explanation).toMatch(/30 minutes/);
    expect(view.alternative).toEqual({ label: 'Use instead', href: 'https://chat.acme.example/forum', text: 'chat.acme.example/forum' });
    expect(blockPageView(state({ justification: 'optional' }), fragment, env).warn?.reason).toEqual({ label: 'Why do you need it? (optional)', required: false });
    expect(blockPageView(state({}), fragment, env).warn?.reason).toBeUndefined();
    expect(blockPageView(state({ alternative: 'https://chat.acme.example/' }), fragment, env, { framed: true }).alternative).toBeUndefined();
  });
});
