import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * Telegram (Telegram FZ-LLC / Telegram Messenger Inc.). Researched 2026-11-28; see docs/catalogue/telegram.md.
 *
 * Web clients (web.telegram.org, WebSocket transport wss://*.web.telegram.org/apiws), links (t.me and
 * its aliases), the public CDN (telesco.pe, telegram-cdn.org) and Telegram's own publishing and
 * developer sites. Telegram uses no shared infrastructure that needs single hosts.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Main site, web clients and their WebSocket transport, API docs (core.), my.telegram.org [AG][ND][V2][BM]
  'telegram.org': ['AG', 'ND', 'V2', 'BM'],
  // Links to users, channels and messages, and their aliases [AG][ND][V2][BM]
  't.me': ['AG', 'ND', 'V2', 'BM'],
  'telegram.me': ['AG', 'ND', 'V2', 'BM'],
  'telegram.dog': ['AG', 'V2', 'BM'],
  'tx.me': ['AG', 'V2', 'BM'],
  // CDN for avatars, previews and media on t.me pages; video messages [AG][V2][BM]
  'telesco.pe': ['AG', 'V2', 'BM'],
  'telegram-cdn.org': ['AG', 'BM'],
  // Telegram Desktop downloads and updates [AG][V2][BM]
  'tdesktop.com': ['AG', 'V2', 'BM'],
  // Telegraph, Telegram's publishing platform, and its alias graph.org [AG][V2][BM]
  'telegra.ph': ['AG', 'V2', 'BM'],
  'graph.org': ['AG', 'V2', 'BM'],
  // Other Telegram-run sites: contests, comments widget, quiz bot directory, developer and user content [AG][V2][BM]
  'contest.com': ['AG', 'V2', 'BM'],
  'comments.app': ['AG', 'BM'],
  'quiz.directory': ['AG', 'V2', 'BM'],
  'telegram.space': ['AG', 'V2', 'BM'],
  'tg.dev': ['AG', 'V2', 'BM'],
  'usercontent.dev': ['AG', 'V2', 'BM'],
  'telega.one': ['AG', 'V2', 'BM'],
  'cdn-telegram.org': ['V2'],
  'fragment.com': ['V2'],
} as const satisfies Citations<typeof telegram>;

export const telegram = {
  id: 'telegram',
  name: 'Telegram',
  vendor: 'Telegram (Telegram FZ-LLC)',
  domains: [
    'telegram.org', 't.me', 'telegram.me', 'telegram.dog', 'tx.me', 'telesco.pe', 'telegram-cdn.org',
    'tdesktop.com', 'telegra.ph', 'graph.org', 'contest.com', 'comments.app', 'quiz.directory',
    'telegram.space', 'tg.dev', 'usercontent.dev', 'telega.one',
    'cdn-telegram.org', 'fragment.com',
  ],
  hosts: [],
  reason: notApprovedReason('Telegram'),
} as const satisfies CatalogueApp;

export const telegramProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/telegram.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/telegram.yml',
      checked: '2026-12-07',
    },
    {
      key: 'ND',
      title: 'NextDNS services: services/telegram',
      url: 'https://github.com/nextdns/services/blob/main/services/telegram',
      checked: '2026-12-07',
    },
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/telegram',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/telegram',
      checked: '2026-12-07',
    },
    {
      key: 'BM',
      title: 'blackmatrix7 ios_rule_script: rule/Clash/Telegram/Telegram.list',
      url: 'https://github.com/blackmatrix7/ios_rule_script/blob/master/rule/Clash/Telegram/Telegram.list',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-UA',
      title: 'Ukraine bans Telegram on state-issued devices (National Cybersecurity Coordination Center, 2024-09-20)',
      url: 'https://www.newindianexpress.com/world/2024/Sep/20/ukraine-bans-telegram-messenger-app-on-state-issued-devices-over-russian-security-threat',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'nicegram.app',
      why: 'Nicegram is a third-party Telegram client by another company (NextDNS lists it under Telegram); ban it separately if required.',
    },
    {
      host: 'telega.me',
      why: '"Telega" is a Telegram client from the VK group, not Telegram (v2fly lists telega.me and telega.info under mailru-group); not to be confused with telega.one, which the Telegram lists carry.',
    },
    {
      host: 'ton.org',
      why: 'The TON blockchain and its foundation are separate from Telegram the messenger.',
    },
    {
      host: 'telegramdownload.com',
      why: 'Only one list (blackmatrix7) carries it, with no sign that Telegram runs it (legra.ph, stel.com, mbrx.app likewise); left out rather than guessed.',
    },
    {
      host: 'toncenter.com',
      why: 'TON Center, a public API for the TON blockchain run by third parties, not Telegram the messenger (v2fly lists it under Telegram).',
    },
  ],
  reviewed: '2026-12-07',
};
