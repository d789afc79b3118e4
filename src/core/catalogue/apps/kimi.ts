import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * Kimi (Moonshot AI (Beijing Moonshot Technology Co., Ltd.)). Researched 2026-12-07; see docs/catalogue/kimi.md.
 * Moonshot AI's assistant Kimi: the chat app (www.kimi.com, kimi.moonshot.cn), the API (api.moonshot.cn,
 * api.moonshot.ai) and consoles. Other platforms that resell Kimi models are other vendors' services.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  // Kimi chat (www.kimi.com)
  'kimi.com': ['OBS-KIMI'],
  // Kimi platform and docs (platform.kimi.ai)
  'kimi.ai': ['NEUROLINK'],
  // Kimi chat on kimi.moonshot.cn, the China API (api.moonshot.cn) and console (platform.moonshot.cn)
  'moonshot.cn': ['JAMBONZ'],
  // The company site, the global API (api.moonshot.ai) and console (platform.moonshot.ai)
  'moonshot.ai': ['JAMBONZ', 'DOCKER'],
} as const satisfies Citations<typeof kimi>;

export const kimi = {
  id: 'kimi',
  name: 'Kimi',
  vendor: 'Moonshot AI (Beijing Moonshot Technology Co., Ltd.)',
  domains: ['kimi.com', 'kimi.ai', 'moonshot.cn', 'moonshot.ai'],
  hosts: [],
  reason: notApprovedReason('Kimi'),
} as const satisfies CatalogueApp;

export const kimiProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'OBS-KIMI',
      title: 'GitHub code search: www.kimi.com (Kimi chat links)',
      url: 'https://github.com/search?q=%22www.kimi.com%22&type=code',
      checked: '2026-12-07',
    },
    {
      key: 'JAMBONZ',
      title: 'jambonz docs: Moonshot (Kimi): global API https://api.moonshot.ai/v1, China API https://api.moonshot.cn/v1, consoles platform.moonshot.ai and platform.moonshot.cn',
      url: 'https://docs.jambonz.org/guides/features/bring-your-own-llm/moonshot-kimi',
      checked: '2026-12-07',
    },
    {
      key: 'DOCKER',
      title: 'Docker docs: Moonshot AI provider (www.moonshot.ai, platform.moonshot.ai)',
      url: 'https://docs.docker.com/ai/docker-agent/providers/moonshot/',
      checked: '2026-12-07',
    },
    {
      key: 'NEUROLINK',
      title: 'NeuroLink docs: Moonshot AI (Kimi) provider (vendor docs at platform.kimi.ai)',
      url: 'https://github.com/juspay/neurolink/blob/master/docs/getting-started/providers/moonshot-ai.md',
      checked: '2026-12-07',
    },
  ],
  notBlocked: [
    {
      host: 'openrouter.ai',
      why: 'Third-party AI platforms (OpenRouter, Together AI, cloud marketplaces) also serve Kimi models under their own names; they are other vendors\' services.',
    },
    {
      host: 'huggingface.co',
      why: 'Hugging Face hosts Moonshot\'s open model weights (huggingface.co/moonshotai) among millions of others.',
    },
    {
      host: 'github.com',
      why: 'GitHub hosts Moonshot\'s open-source repositories among everyone else\'s.',
    },
  ],
  reviewed: '2026-12-07',
};
