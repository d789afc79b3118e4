/** "Continue for now": decided by the worker from recorded apps and the clock, never from the page. */
import { describe, expect, it } from 'vitest';
import { NAVIGATION_TYPES, SUBRESOURCE_TYPES } from '../../src/core/dnr.ts';
import type { EnforcedApp } from '../../src/core/state.ts';
import {
  ALLOWANCE_PRIORITY,
  ALLOWANCE_SECONDS,
  ALLOWANCE_RULE_ID_MIN,
  allowanceRule,
  allowanceSeconds,
  decideAllowance,
  nextAllowanceRuleId,
} from '../../src/core/allowance.ts';

const NOW = new Date('2026-06-15T12:00:00Z');
const chatapp: EnforcedApp = { id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'], hosts: ['media.cdn.example'], mode: 'block', enforceFrom: '2026-07-01', reason: 'r', since: '2026-06-01' };
const forum: EnforcedApp = { id: 'forum', name: 'Forum', domains: ['forum.example'], mode: 'warn', reason: 'r', since: '2026-06-01' };
const tiktok: EnforcedApp = { id: 'tiktok', name: 'TikTok', domains: ['tiktok.com'], mode: 'block', reason: 'r', since: '2025-03-01' };
const apps = [chatapp, forum, tiktok];

describe('decideAllowance', () => {
  it('allows an app in its warning period, for the allowance, on its own domains and hosts', () => {
    expect(decideAllowance(apps, 'chatapp', 'https://chatapp.example/inbox', NOW, 600)).toEqual({
      ok: true,
      appId: 'chatapp',
      domains: ['chatapp.example', 'media.cdn.example'],
      excluded: [],
      until: NOW.getTime() + 600_000,
    });
    expect(decideAllowance(apps, 'forum', 'http://www.forum.example/', NOW, 600)).toMatchObject({ ok: true, appId: 'forum' });
  });

  it('never past the date blocking starts', () => {
    const late = new Date('2026-06-30T23:55:00Z');
    expect(decideAllowance(apps, 'chatapp', 'https://chatapp.example/', late, 600)).toMatchObject({ ok: true, until: Date.parse('2026-07-01T00:00:00Z') });
  });

  it('refuses from the date on, for blocked apps, for unknown apps and for anything the page makes up', () => {
    expect(decideAllowance(apps, 'chatapp', 'https://chatapp.example/', new Date('2026-07-01T00:00:00Z'), 600)).toEqual({ ok: false, reason: 'not-warn' });
    expect(decideAllowance(apps, 'tiktok', 'https://www.tiktok.com/', NOW, 600)).toEqual({ ok: false, reason: 'not-warn' });
    expect(decideAllowance(apps, 'nope', 'https://chatapp.example/', NOW, 600)).toEqual({ ok: false, reason: 'unknown-app' });
    expect(decideAllowance(apps, { toString: () => 'chatapp' }, 'https://chatapp.example/', NOW, 600)).toEqual({ ok: false, reason: 'unknown-app' });
    expect(decideAllowance(apps, 'chatapp', 'https://www.tiktok.com/', NOW, 600)).toEqual({ ok: false, reason: 'not-this-app' });
    expect(decideAllowance(apps, 'chatapp', 'https://chatapp.example.evil.example/', NOW, 600)).toEqual({ ok: false, reason: 'not-this-app' });
    expect(decideAllowance(apps, 'chatapp', 'https://notchatapp.example/', NOW, 600)).toEqual({ ok: false, reason: 'not-this-app' });
    for (const url of ['javascript:alert(1)', 'chrome://settings', 'file:///etc/passwd', 'data:,x', 42, undefined]) {
      expect(decideAllowance(apps, 'chatapp', url, NOW, 600), String(url)).toEqual({ ok: false, reason: 'bad-url' });
    }
  });

  it('never lifts another app’s block: overlapping names are dropped or carved out', () => {
    const wide: EnforcedApp = { ...forum, id: 'wide', domains: ['example.org'] };
    const narrow: EnforcedApp = { ...tiktok, id: 'narrow', domains: ['shop.example.org'] };
    const inner: EnforcedApp = { ...forum, id: 'inner', domains: ['x.blocked.example'] };
    const outer: EnforcedApp = { ...tiktok, id: 'outer', domains: ['blocked.example'] };
    expect(decideAllowance([wide, narrow], 'wide', 'https://www.example.org/', NOW, 60)).toMatchObject({ ok: true, domains: ['example.org'], excluded: ['shop.example.org'] });
    expect(decideAllowance([wide, narrow], 'wide', 'https://a.shop.example.org/', NOW, 60)).toEqual({ ok: false, reason: 'not-this-app' });
    expect(decideAllowance([inner, outer], 'inner', 'https://x.blocked.example/', NOW, 60)).toEqual({ ok: false, reason: 'not-this-app' });
  });
});

describe('allowance rule', () => {
  it('allows every resource type of the app, in one tab, above every compiled rule', () => {
    const decision = decideAllowance(apps, 'chatapp', 'https://chatapp.example/', NOW, 600);
    if (!decision.ok) throw new Error('expected an allowance');
    expect(allowanceRule(900_001, 17, decision)).toEqual({
      id: 900_001,
      priority: ALLOWANCE_PRIORITY,
      action: { type: 'allow' },
      condition: { requestDomains: ['chatapp.example', 'media.cdn.example'], tabIds: [17], resourceTypes: [...NAVIGATION_TYPES, ...SUBRESOURCE_TYPES] },
    });
    expect(ALLOWANCE_PRIORITY).toBeGreaterThan(2);
  });

  it('ids from a range of their own', () => {
    expect(nextAllowanceRuleId([1, 2, 3])).toBe(ALLOWANCE_RULE_ID_MIN);
    expect(nextAllowanceRuleId([ALLOWANCE_RULE_ID_MIN, ALLOWANCE_RULE_ID_MIN + 2])).toBe(ALLOWANCE_RULE_ID_MIN + 1);
  });

  it('the stored test override can only shorten the allowance', () => {
    expect(ALLOWANCE_SECONDS).toBe(600);
    expect(allowanceSeconds(undefined)).toBe(600);
    expect(allowanceSeconds(5)).toBe(5);
    for (const bad of [0, -1, 1.5, 601, 1e9, '5', null]) expect(allowanceSeconds(bad)).toBe(600);
  });
});
