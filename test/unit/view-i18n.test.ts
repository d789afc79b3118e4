import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import id from '../../public/_locales/id/messages.json' with { type: 'json' };
import { REASON_CODES } from '../../src/core/blocklist/reasons.ts';
import type { CordonState, ProblemCode } from '../../src/core/state.ts';
import { blockPageView } from '../../src/core/view/block-page.ts';
import { badgeView } from '../../src/core/text/badge.ts';
import { lookupIn, splitAround, type MessageKey, type MessagesFile, type Translate } from '../../src/core/text/i18n.ts';
import { popupView } from '../../src/core/view/popup.ts';

const root = resolve(import.meta.dirname, '../..');
const placeholdersOf = (text: string) => [...text.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]?.toLowerCase()).sort();

describe('message catalogues', () => {
  const catalogues = { en: en as MessagesFile, id: id as MessagesFile };

  it('English and Indonesian have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(catalogues.en)) {
      const other = catalogues.id[key];
      expect(entry.message.trim(), key).not.toBe('');
      expect(other?.message.trim(), key).not.toBe('');
      expect(placeholdersOf(other?.message ?? ''), key).toEqual(placeholdersOf(entry.message));
      for (const name of placeholdersOf(entry.message)) expect(Object.keys(entry.placeholders ?? {}), `${key} ${name}`).toContain(name);
    }
  });

  it('keys are names chrome.i18n accepts', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  it('every data-i18n attribute in the pages names a message', () => {
    for (const page of ['src/popup/index.html', 'src/blocked/index.html']) {
      const html = readFileSync(resolve(root, page), 'utf8');
      const keys = [...html.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(keys.length, page).toBeGreaterThan(0);
      for (const key of keys) expect(Object.keys(en), `${page}: ${key}`).toContain(key);
    }
  });

  it('the manifest takes its name and description from the catalogue', () => {
    const manifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.default_locale).toBe('en');
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
  });

  it('every message the view models ask for exists, in both languages', () => {
    const asked = new Set<string>();
    const recording: Translate = (key, subs) => {
      asked.add(key);
      return lookupIn(en as MessagesFile)(key, subs);
    };
    const env = { t: recording, locale: 'en', now: new Date('2026-06-15T12:00:00Z'), timeZone: 'UTC' };
    const base: CordonState = {
      schema: 1,
      source: { kind: 'signed', url: 'https://lists.example/l.json' },
      apps: [
        { id: 'a', name: 'A', domains: ['a.example'], mode: 'block', reason: 'r', since: '2026-01-01' },
        { id: 'b', name: 'B', domains: ['b.example'], mode: 'block', enforceFrom: '2026-07-01', reason: 'r', since: '2026-06-01' },
        { id: 'c', name: 'C', domains: ['c.example'], mode: 'warn', reason: 'r', since: '2026-06-01' },
      ],
      withdrawn: [{ id: 'd', name: 'D', at: '2026-06-10T00:00:00Z' }],
      list: {
        listId: 'l',
        serial: 2,
        issuedAt: '2026-06-01T00:00:00Z',
        expiresAt: '2026-06-10T00:00:00Z',
        issuer: 'I',
        contact: 'javascript:alert(1)',
        signers: ['332b2ccf8e094afd'],
        changes: [{ serial: 2, date: '2026-06-01', summary: 's' }],
      },
      organization: 'O',
      supportUrl: 'https://help.example',
      lastCheck: { at: '2026-06-15T11:00:00Z', outcome: 'failed' },
      installedByAdmin: true,
    };
    const codes: ProblemCode[] = ['policy-invalid', 'policy-missing', 'fetch-network', 'fetch-status', 'stored-list-invalid', 'apply-failed', 'verifier-unavailable', ...REASON_CODES];
    for (const code of codes) {
      const state = { ...base, problem: { code, message: 'm', at: '2026-06-15T11:00:00Z' } };
      popupView(state, env, { online: false });
      badgeView(state, env);
    }
    popupView(undefined, env);
    popupView({ ...base, source: { kind: 'builtin' }, installedByAdmin: false }, env);
    for (const app of ['a', 'b', 'c', 'd', 'zz']) {
      blockPageView(base, { appId: app, url: `https://${app}.example/` }, env);
      blockPageView({ ...base, organization: undefined } as unknown as CordonState, { appId: app, url: `https://${app}.example/` }, env);
    }
    blockPageView({ ...base, source: { kind: 'builtin' } }, { appId: 'a', url: 'https://a.example/' }, env);
    blockPageView({ ...base, list: undefined } as unknown as CordonState, { appId: 'a', url: 'https://a.example/' }, env);
    const unknown = [...asked].filter((key) => !(key in en) || !(key in id));
    expect(unknown).toEqual([]);
    expect(asked.size).toBeGreaterThan(50);
  });
});

describe('lookupIn: chrome.i18n.getMessage semantics', () => {
  const t = lookupIn({
    a: { message: 'Hello $WHO$, $$5 $1', placeholders: { who: { content: '$1' } } },
    b: { message: 'two $X$ $Y$', placeholders: { x: { content: '$2' }, y: { content: '$1' } } },
  });
  it('expands named placeholders, $$ and numbered substitutions, and never re-expands substituted text', () => {
    expect(t('a' as MessageKey, ['$1 <b>'])).toBe('Hello $1 <b>, $5 $1 <b>');
    expect(t('b' as MessageKey, ['first', 'second'])).toBe('two second first');
    expect(t('missing' as MessageKey)).toBe('');
  });
  it('splitAround isolates one substitution whatever the word order', () => {
    const en2 = lookupIn(en as MessagesFile);
    const id2 = lookupIn(id as MessagesFile);
    expect(splitAround(en2, 'blockSummary', ['TikTok', 'Acme'], 0)).toEqual({ before: '', value: 'TikTok', after: ' is blocked by Acme.' });
    expect(splitAround(id2, 'blockSummary', ['TikTok', 'Acme'], 0)).toEqual({ before: '', value: 'TikTok', after: ' diblokir oleh Acme.' });
    expect(splitAround(en2, 'warnSummary', ['X', 'D'], 1)).toEqual({ before: 'X is blocked from ', value: 'D', after: '.' });
  });
});
