import { texasList } from '../government-sources.ts';
import { notApprovedReason } from '../reason.ts';
import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';

/*
 * Doubao (Beijing Chuntian Zhiyun Technology Co., Ltd. (ByteDance)). Researched 2026-12-07; see docs/catalogue/doubao.md.
 * ByteDance's AI assistant: the web app (www.doubao.com/chat), its CDN, and its international
 * version Dola (formerly Cici). Coze, Trae and ByteDance's cloud (Volcano Engine), which serve
 * other companies too, are left open.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Web app (www.doubao.com/chat), its APIs and static files
  'doubao.com': ['V2'],
  // Images and files
  'doubaocdn.com': ['V2'],
  // Dola, the assistant's international version (formerly Cici)
  'dola.com': ['V2-DOLA'],
  // Cici, Dola's former name
  'cici.com': ['V2-DOLA'],
  // Cici
  'ciciai.com': ['V2-DOLA'],
  // Cici CDN
  'ciciaicdn.com': ['V2-DOLA'],
} as const satisfies Citations<typeof doubao>;

export const doubao = {
  id: 'doubao',
  name: 'Doubao',
  vendor: 'Beijing Chuntian Zhiyun Technology Co., Ltd. (ByteDance)',
  domains: ['doubao.com', 'doubaocdn.com', 'dola.com', 'cici.com', 'ciciai.com', 'ciciaicdn.com'],
  hosts: [],
  reason: notApprovedReason('Doubao'),
} as const satisfies CatalogueApp;

export const doubaoProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/doubao',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/doubao',
      checked: '2026-12-07',
    },
    {
      key: 'V2-DOLA',
      title: 'v2fly domain-list-community: data/dola',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/dola',
      checked: '2026-12-07',
    },
    /* @__PURE__ */ texasList('prohibited list names ByteDance Ltd. and its subsidiaries'),
  ],
  notBlocked: [
    {
      host: 'coze.com',
      why: 'Coze, ByteDance\'s AI agent platform on which other companies build bots (coze.cn and the coze* names likewise), is another ByteDance AI product (v2fly lists it with Doubao\'s company); ban it separately if required.',
    },
    {
      host: 'coze.cn',
      why: 'Coze (China), see coze.com.',
    },
    {
      host: 'trae.ai',
      why: 'Trae, ByteDance\'s AI code editor (marscode.com likewise), is another ByteDance AI product (v2fly lists it with Doubao\'s company); ban it separately if required.',
    },
    {
      host: 'marscode.com',
      why: 'MarsCode, see trae.ai.',
    },
    {
      host: 'pixeldance.com',
      why: 'PixelDance, ByteDance\'s video-generation model site, is another ByteDance AI product (v2fly lists it with Doubao\'s company); ban it separately if required.',
    },
    {
      host: 'maoxiangai.com',
      why: 'Maoxiang, ByteDance\'s AI companion app, is another ByteDance AI product (v2fly lists it with Doubao\'s company); ban it separately if required.',
    },
    {
      host: 'volces.com',
      why: 'Volcano Engine, ByteDance\'s cloud, serves the Doubao models\' API to many businesses (ark.*.volces.com); a cloud platform, not the Doubao app.',
    },
    {
      host: 'doubao-dev.com',
      why: 'A developer and test name; no source shows the app uses it.',
    },
    {
      host: 'coze-dns-01.com',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'coze.email',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'coze.site',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozeapp.net',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozebaas.cn',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozebuild.com',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozecdn.com',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozedeploy.com',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozefn.cn',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozeide.cn',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozesdk.com',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozetest.cn',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozetest2.cn',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'cozetest3.cn',
      why: 'A Coze platform name (see coze.com), not the Doubao app.',
    },
    {
      host: 'butterfly-static.cn',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'butterflyai.cn',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'hi-butterfly.cn',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'dbbuilding.fun',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'building.fun',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'api-building.fun',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'instreet.com',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'myparallelstory.com',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'oceancloudapi.com',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'obriccloud.com',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'obricclouddw.com',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
    {
      host: 'picpic-ai.cn',
      why: 'Listed by v2fly with Doubao\'s company (other AI experiments and services of the same company); no source shows the Doubao app uses it. Left out rather than guessed.',
    },
  ],
  reviewed: '2026-12-07',
};
