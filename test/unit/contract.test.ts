import { describe, expect, it } from 'vitest';
import { parseRequest, readState, REQUEST_SENDERS, STATE_SCHEMA } from '../../src/core/contract.ts';

describe('the pages-worker contract', () => {
  it('accepts exactly the declared requests, each with a sender page', () => {
    expect(parseRequest({ type: 'check-now' })).toEqual({ type: 'check-now' });
    expect(parseRequest({ type: 'warn-continue', appId: 'chatapp', url: 'https://chatapp.example/', extra: 1 })).toEqual({
      type: 'warn-continue',
      appId: 'chatapp',
      url: 'https://chatapp.example/',
    });
    for (const bad of [null, 'check-now', {}, { type: 'warn-continue', appId: 1, url: 'x' }, { type: 'warn-continue' }, { type: 'grant-everything' }, { type: '__proto__' }]) {
      expect(parseRequest(bad), JSON.stringify(bad)).toBeUndefined();
    }
    expect(parseRequest({ type: 'blocked-visit', appId: 'tiktok', url: 'https://www.tiktok.com/' })).toEqual({ type: 'blocked-visit', appId: 'tiktok', url: 'https://www.tiktok.com/' });
    expect(parseRequest({ type: 'blocked-visit', appId: 'tiktok' })).toBeUndefined();
    expect(parseRequest({ type: 'override', appId: 'tiktok', url: 'https://www.tiktok.com/', code: 'ABCDE-12345' })).toEqual({ type: 'override', appId: 'tiktok', url: 'https://www.tiktok.com/', code: 'ABCDE-12345' });
    expect(parseRequest({ type: 'override', appId: 'tiktok', url: 'https://www.tiktok.com/' })).toBeUndefined();
    expect(parseRequest({ type: 'override', appId: 'tiktok', url: 'https://www.tiktok.com/', code: 'A'.repeat(2001) })).toBeUndefined();
    expect(Object.keys(REQUEST_SENDERS).sort()).toEqual(['blocked-visit', 'check-now', 'override', 'warn-continue']);
  });

  it('reads a state record of this schema only', () => {
    const state = { schema: STATE_SCHEMA, source: { kind: 'builtin' }, apps: [], withdrawn: [], installedByAdmin: false };
    expect(readState(state)).toBe(state);
    expect(readState({ ...state, schema: 2 })).toBeUndefined();
    expect(readState({ ...state, apps: 'x' })).toBeUndefined();
    expect(readState(undefined)).toBeUndefined();
  });
});
