import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * VK / VKontakte (VK Company, formerly Mail.ru Group). Researched 2026-11-28; see docs/catalogue/vk.md.
 *
 * The social network, its messenger, short links, CDNs and analytics. The VK group's other products
 * (Mail.ru, Odnoklassniki, Dzen, MAX, VK Pay, VK Cloud, VK Play...) are siblings and stay out: v2fly
 * keeps them in a separate mailru-group list for the same reason.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // The social network (vk.com with m., id. (VK ID sign-in), api., login., oauth., dev.; vk.ru mirror) [AG][V2][BM]
  'vk.com': ['AG', 'V2', 'BM'],
  'vk.ru': ['V2'],
  'vkontakte.ru': ['AG', 'V2'],
  'vkontakte.com': ['V2'],
  'mvk.com': ['AG', 'V2', 'BM'],
  // Short links and link pages [AG][V2][BM]
  'vk.cc': ['AG', 'V2', 'BM'],
  'vk.link': ['AG', 'V2'],
  'vk.design': ['AG', 'V2'],
  // Messenger [AG][V2]
  'vk.me': ['AG', 'V2'],
  'vkmessenger.app': ['AG', 'V2'],
  'vkmessenger.com': ['AG', 'V2'],
  // Apps [AG]
  'vkgo.app': ['AG'],
  'vklive.app': ['AG'],
  // CDNs: photos (sun*.userapi.com), audio, video, live, static [AG][V2][BM]
  'userapi.com': ['AG', 'V2', 'BM'],
  'userapi.ru': ['V2'],
  'vk-cdn.me': ['AG', 'V2', 'BM'],
  'vk-cdn.net': ['AG', 'V2', 'BM'],
  'vk-portal.net': ['AG', 'V2', 'BM'],
  'vkcache.com': ['AG', 'V2'],
  'vkcdnservice.com': ['V2'],
  'cdn-vk.net': ['V2'],
  'cdn-vk.ru': ['V2'],
  'vkuser.net': ['V2'],
  'vkusercdn.ru': ['V2'],
  'vkuserphoto.ru': ['V2'],
  'vkuseraudio.com': ['AG', 'V2'],
  'vkuseraudio.net': ['V2'],
  'vkuseraudio.ru': ['V2'],
  'vkuserlive.com': ['V2'],
  'vkuserlive.net': ['AG', 'V2'],
  'vkuservideo.com': ['AG', 'V2'],
  'vkuservideo.net': ['AG', 'V2'],
  'vkuservideo.ru': ['V2'],
  // Analytics [V2]
  'vk-analytics.ru': ['V2'],
  // VK Video's stand-alone site (v2fly files it under the VK group, mailru-group) [V2G]
  'vkvideo.ru': ['V2G'],
} as const satisfies Citations<typeof vk>;

export const vk = {
  id: 'vk',
  name: 'VK',
  vendor: 'VK Company',
  domains: [
    'vk.com', 'vk.ru', 'vkontakte.ru', 'vkontakte.com', 'mvk.com', 'vk.cc', 'vk.link', 'vk.design', 'vk.me',
    'vkmessenger.app', 'vkmessenger.com', 'vkgo.app', 'vklive.app', 'userapi.com', 'userapi.ru', 'vk-cdn.me',
    'vk-cdn.net', 'vk-portal.net', 'vkcache.com', 'vkcdnservice.com', 'cdn-vk.net', 'cdn-vk.ru', 'vkuser.net',
    'vkusercdn.ru', 'vkuserphoto.ru', 'vkuseraudio.com', 'vkuseraudio.net', 'vkuseraudio.ru', 'vkuserlive.com',
    'vkuserlive.net', 'vkuservideo.com', 'vkuservideo.net', 'vkuservideo.ru', 'vk-analytics.ru',
    'vkvideo.ru',
  ],
  hosts: [],
  reason: notApprovedReason('VK'),
} as const satisfies CatalogueApp;

export const vkProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/vk.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/vk.yml',
      checked: '2026-12-07',
    },
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/vk',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/vk',
      checked: '2026-12-07',
    },
    {
      key: 'BM',
      title: 'blackmatrix7 ios_rule_script: rule/Clash/VK/VK.list',
      url: 'https://github.com/blackmatrix7/ios_rule_script/blob/master/rule/Clash/VK/VK.list',
      checked: '2026-11-28',
    },
    {
      key: 'V2G',
      title: 'v2fly domain-list-community: data/mailru-group (VK group siblings, for the exclusions)',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/mailru-group',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-UA',
      title: 'Decree of the President of Ukraine No 133/2017: sanctions blocking VKontakte, Odnoklassniki, Mail.ru, Yandex',
      url: 'https://freespeech.dslua.org/decree/sanctions_on_russian_online_platforms/',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'mail.ru',
      why: 'Mail.ru email, search and portal are VK group siblings, not VK the social network (their CDNs imgsmail.ru, mrgcdn.ru likewise); Ukraine\'s decree names Mail.ru separately. Ban it separately if required.',
    },
    {
      host: 'ok.ru',
      why: 'Odnoklassniki is a separate VK group social network; ban it separately if required.',
    },
    {
      host: 'mycdn.me',
      why: 'CDN shared by Odnoklassniki and other VK group services, not VK-only.',
    },
    {
      host: 'dzen.ru',
      why: 'Dzen (news and blogs) is a separate VK group product.',
    },
    {
      host: 'max.ru',
      why: 'MAX is a separate VK group messenger (oneme.ru, tamtam.chat likewise); ban it separately if required.',
    },
    {
      host: 'vkpay.com',
      why: 'VK Pay is a payment service merchants rely on (vkpay.app, vkpay.io, vkpay.ru likewise, though v2fly lists them under VK); ban it with a signed list if required.',
    },
    {
      host: 'vkcloud-static.ru',
      why: 'VK Cloud and VK Tech (vktech-static.ru) are business cloud products other companies build on.',
    },
    {
      host: 'vkpay.app',
      why: 'VK Pay is a payment service merchants rely on; v2fly lists it under VK, but it is left out as payments infrastructure (see vkpay.com). Ban it with a signed list if required.',
    },
    {
      host: 'vkpay.io',
      why: 'VK Pay is a payment service merchants rely on; v2fly lists it under VK, but it is left out as payments infrastructure (see vkpay.com). Ban it with a signed list if required.',
    },
    {
      host: 'vkpay.ru',
      why: 'VK Pay is a payment service merchants rely on; v2fly lists it under VK, but it is left out as payments infrastructure (see vkpay.com). Ban it with a signed list if required.',
    },
    {
      host: 'vktech-static.ru',
      why: 'Static files of VK Tech, VK Company\'s business-software arm (VK WorkSpace, VK Cloud), which other companies build on; not the VK social network.',
    },
  ],
  reviewed: '2026-12-07',
};
