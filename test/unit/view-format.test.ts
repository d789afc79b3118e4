import { describe, expect, it } from 'vitest';
import { fingerprint, formatDay, formatDuration, formatInstant, formatRelative } from '../../src/core/text/format.ts';
import { linkText, safeLink } from '../../src/core/view/safe-link.ts';

const now = new Date('2026-06-15T12:00:00Z');

describe('dates in the browser language', () => {
  it('a list day is a calendar day: never moved by a time zone', () => {
    expect(formatDay('2025-03-01', { locale: 'en-GB' })).toBe('1 Mar 2025');
    expect(formatDay('2025-03-01', { locale: 'en-US', timeZone: 'America/Los_Angeles' })).toBe('Mar 1, 2025');
    expect(formatDay('2025-08-17', { locale: 'id' })).toBe('17 Agu 2025');
    expect(formatDay('not a day', { locale: 'en' })).toBe('not a day');
  });

  it('an instant is shown in the reader’s time zone', () => {
    expect(formatInstant('2026-07-01T00:00:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('1 Jul 2026, 00:00');
    expect(formatInstant('2026-07-01T00:00:00Z', { locale: 'id', timeZone: 'Asia/Jakarta' })).toBe('1 Jul 2026, 07.00');
    expect(formatInstant('garbage', { locale: 'en' })).toBe('garbage');
  });

  it('relative times pick the largest unit that fits', () => {
    const env = { locale: 'en', now };
    expect(formatRelative('2026-06-15T11:59:50Z', env)).toBe('now');
    expect(formatRelative('2026-06-15T11:55:00Z', env)).toBe('5 minutes ago');
    expect(formatRelative('2026-06-15T09:00:00Z', env)).toBe('3 hours ago');
    expect(formatRelative('2026-06-14T12:00:00Z', env)).toBe('yesterday');
    expect(formatRelative('2026-06-18T12:00:00Z', env)).toBe('in 3 days');
    expect(formatRelative('2026-06-15T11:55:00Z', { locale: 'id', now })).toBe('5 menit yang lalu');
  });

  it('durations and fingerprints', () => {
    expect(formatDuration(600, { locale: 'en' })).toBe('10 minutes');
    expect(formatDuration(600, { locale: 'id' })).toBe('10 menit');
    expect(formatDuration(5, { locale: 'en' })).toBe('5 seconds');
    expect(fingerprint('332b2ccf8e094afd')).toBe('332b 2ccf 8e09 4afd');
    expect(fingerprint('<img src=x>')).toBe('<img src=x>');
  });
});

describe('safeLink: only https: and mailto: are ever clickable', () => {
  it.each([
    ['https://help.acme.example/cordon', 'https://help.acme.example/cordon'],
    ['HTTPS://Help.Acme.Example', 'https://help.acme.example/'],
    ['mailto:security@acme.example', 'mailto:security@acme.example'],
    ['mailto:security@acme.example?subject=TikTok', 'mailto:security@acme.example?subject=TikTok'],
  ])('accepts %s', (input, href) => {
    expect(safeLink(input)).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'javascript://https://x.example/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'http://help.acme.example',
    'https://user:pass@help.acme.example',
    'https:// help.acme.example',
    'mailto:',
    'mailto:?body=x',
    'file:///etc/passwd',
    'chrome://settings',
    '//help.acme.example',
    '/relative',
    '',
    '<img src=x onerror=alert(1)>',
  ])('refuses %j', (input) => {
    expect(safeLink(input)).toBeUndefined();
  });

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 1, {}, ['https://x.example']]) expect(safeLink(value)).toBeUndefined();
  });

  it('link text: the address for mail, the URL without scheme for the web', () => {
    expect(linkText('mailto:security@acme.example?subject=x')).toBe('security@acme.example');
    expect(linkText('https://help.acme.example/')).toBe('help.acme.example');
    expect(linkText('https://help.acme.example/cordon')).toBe('help.acme.example/cordon');
  });
});
