/**
 * "Request access" (core/access-request.ts, issue #15): the list's template is checked like every
 * signed field, filled with URL-encoded facts; without one, a mail to the contact is prefilled. The
 * block page model offers the link only for an app that blocks the host, never in a frame.
 */
import { describe, expect, it } from 'vitest';
import { fillRequestUrl, mailtoRequest, requestUrlProblem } from '../../src/core/access-request.ts';
import { parseBlocklistPayload } from '../../src/core/blocklist/payload.ts';
import { blockPageView } from '../../src/core/view/block-page.ts';
import { lookupIn, type MessagesFile } from '../../src/core/text/i18n.ts';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import type { CordonState } from '../../src/core/state.ts';

const facts = { app: 'tiktok', host: 'www.tiktok.com', listId: 'acme', serial: '7', installId: '3f2b-11', groups: 'marketing,sec ops' };
const env = { t: lookupIn(en as unknown as MessagesFile), locale: 'en', now: new Date('2026-12-06T10:00:00Z') };

describe('requestUrl templates', () => {
  it('accepts an https template with the known placeholders, and fills each URL-encoded', () => {
    const template = 'https://help.acme.example/access?app={app}&host={host}&list={listId}&serial={serial}&id={installId}&groups={groups}';
    expect(requestUrlProblem(template)).toBeUndefined();
    expect(fillRequestUrl(template, { ...facts, app: 'a&b=c' })).toBe(
      'https://help.acme.example/access?app=a%26b%3Dc&host=www.tiktok.com&list=acme&serial=7&id=3f2b-11&groups=marketing%2Csec%20ops',
    );
  });

  it('refuses in words: another scheme, credentials, an unknown placeholder, a stray brace, whitespace, length', () => {
    expect(requestUrlProblem('http://help.acme.example/?a={app}')).toMatch(/must be an https: URL/);
    expect(requestUrlProblem('javascript:alert({app})')).toMatch(/must be an https: URL/);
    expect(requestUrlProblem('https://u:p@help.acme.example/')).toMatch(/user name or password/);
    expect(requestUrlProblem('https://help.acme.example/?u={user}')).toMatch(/unknown placeholder \{user\}/);
    expect(requestUrlProblem('https://help.acme.example/?u={app')).toMatch(/brace/);
    expect(requestUrlProblem('https://help.acme.example/ ?')).toMatch(/whitespace/);
    expect(requestUrlProblem(`https://help.acme.example/?${'a'.repeat(1000)}`)).toMatch(/longer than 1000/);
  });

  it('is an optional field of the signed list, checked by the payload schema', () => {
    const base = {
      schema: 1, listId: 'acme', serial: 1, issuedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z',
      issuer: 'Acme', contact: 'mailto:sec@acme.example', apps: [], changes: [],
    };
    expect(parseBlocklistPayload({ ...base, requestUrl: 'https://help.acme.example/?a={app}' })).toMatchObject({ ok: true, list: { requestUrl: 'https://help.acme.example/?a={app}' } });
    expect(parseBlocklistPayload(base)).toMatchObject({ ok: true });
    expect(parseBlocklistPayload({ ...base, requestUrl: 'http://help.acme.example/' })).toMatchObject({ ok: false, reason: 'invalid-payload', path: 'requestUrl' });
  });

  it('without a template: a mail to the contact with subject and body, the contact\'s own query dropped', () => {
    const href = mailtoRequest('mailto:security@acme.example?subject=Cordon', 'Access request: TikTok (www.tiktok.com)', 'Why: \n\nGroups: a&b');
    expect(href).toBe('mailto:security@acme.example?subject=Access%20request%3A%20TikTok%20(www.tiktok.com)&body=Why%3A%20%0A%0AGroups%3A%20a%26b');
    expect(mailtoRequest('https://help.acme.example/', 's', 'b')).toBeUndefined();
  });
});

describe('the block page offers it', () => {
  const state = (list: Partial<NonNullable<CordonState['list']>> = {}): CordonState => ({
    schema: 1,
    source: { kind: 'signed', url: 'https://lists.acme.example/l.json' },
    apps: [{ id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'], mode: 'block', reason: 'Banned.', since: '2026-01-01' }],
    withdrawn: [],
    list: { listId: 'acme', serial: 7, issuedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z', issuer: 'Acme', contact: 'mailto:sec@acme.example', signers: [], changes: [], ...list },
    groups: ['marketing'],
    installedByAdmin: true,
  });
  const fragment = { appId: 'tiktok', url: 'https://www.tiktok.com/@x?y=1' };

  it('the list\'s form, filled; or a prefilled mail; never in a frame, never for a host the app does not block', () => {
    const withForm = blockPageView(state({ requestUrl: 'https://help.acme.example/r?app={app}&host={host}&id={installId}&g={groups}' }), fragment, env, { installId: 'id-1' });
    expect(withForm.request).toEqual({ href: 'https://help.acme.example/r?app=tiktok&host=www.tiktok.com&id=id-1&g=marketing', label: 'Request access' });
    const mail = blockPageView(state(), fragment, env, { installId: 'id-1' }).request;
    expect(mail?.href.startsWith('mailto:sec@acme.example?subject=Access%20request%3A%20TikTok%20(www.tiktok.com)&body=')).toBe(true);
    const body = decodeURIComponent(mail?.href.split('&body=')[1] ?? '');
    expect(body).toContain('List: acme, serial 7');
    expect(body).toContain('Browser install id: id-1');
    expect(body).toContain('Groups: marketing');
    expect(body).not.toContain('@x'); // the page's path and query are not in it
    expect(blockPageView(state(), fragment, env, { framed: true }).request).toBeUndefined();
    expect(blockPageView(state(), { appId: 'tiktok', url: 'https://news.example/' }, env).request).toBeUndefined();
    expect(blockPageView(state({ contact: 'https://help.acme.example/cordon' }), fragment, env).request?.href).toBe('https://help.acme.example/cordon');
  });
});
