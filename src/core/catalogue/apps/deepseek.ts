import type { CatalogueApp, CatalogueProvenance, Citations } from '../types.ts';
import { notApprovedReason } from '../reason.ts';

/*
 * DeepSeek (Hangzhou DeepSeek Artificial Intelligence). Researched 2026-11-28; see docs/catalogue/deepseek.md.
 * The chat web app (chat.deepseek.com), the API (api.deepseek.com), the developer platform
 * (platform.deepseek.com), its docs and static files all sit under one registrable domain.
 */
/** Every domain and host, with the keys of the sources that name it. */
const CITATIONS = {
  'deepseek.com': ['AG', 'V2', 'DOCS', 'TRAY'],
} as const satisfies Citations<typeof deepseek>;

export const deepseek = {
  id: 'deepseek',
  name: 'DeepSeek',
  vendor: 'Hangzhou DeepSeek Artificial Intelligence Co., Ltd.',
  domains: ['deepseek.com'],
  hosts: [],
  reason: notApprovedReason('DeepSeek'),
} as const satisfies CatalogueApp;

export const deepseekProvenance: CatalogueProvenance = {
  domainSources: CITATIONS,
  sources: [
    {
      key: 'AG',
      title: 'AdGuard HostlistsRegistry: services/deepseek.yml',
      url: 'https://github.com/AdguardTeam/HostlistsRegistry/blob/main/services/deepseek.yml',
      checked: '2026-12-07',
    },
    {
      key: 'V2',
      title: 'v2fly domain-list-community: data/deepseek',
      url: 'https://github.com/v2fly/domain-list-community/blob/master/data/deepseek',
      checked: '2026-12-07',
    },
    {
      key: 'DOCS',
      title: 'DeepSeek API docs: first API call (base_url https://api.deepseek.com)',
      url: 'https://api-docs.deepseek.com/zh-cn/',
      checked: '2026-11-28',
    },
    {
      key: 'TRAY',
      title: 'Tray.ai docs: DeepSeek connector (API keys at platform.deepseek.com)',
      url: 'https://docs.tray.ai/connectors/artificial-intelligence/deepseek',
      checked: '2026-11-28',
    },
    {
      key: 'GOV-TX',
      title: 'Texas DIR: Covered Applications and Prohibited Technologies (DeepSeek added 2025-01-31)',
      url: 'https://dir.texas.gov/information-security/covered-applications-and-prohibited-technologies',
      checked: '2026-11-28',
    },
  ],
  notBlocked: [
    {
      host: 'deepseek.ai',
      why: 'No source ties it to DeepSeek (the company\'s sites, docs and API are all on deepseek.com); lookalike names are left alone rather than guessed at (deepseek.io, deepseek.cn likewise).',
    },
    {
      host: 'huggingface.co',
      why: 'Hugging Face hosts DeepSeek\'s open model weights (huggingface.co/deepseek-ai) among millions of others; a rule cannot block one path of a shared host.',
    },
    {
      host: 'github.com',
      why: 'GitHub hosts DeepSeek\'s open-source repositories (github.com/deepseek-ai) among everyone else\'s.',
    },
    {
      host: 'openrouter.ai',
      why: 'Third-party AI platforms (OpenRouter, Azure AI Foundry, Amazon Bedrock, Together AI...) also serve DeepSeek models under their own names; they are other vendors\' services, not DeepSeek\'s.',
    },
  ],
  reviewed: '2026-12-07',
};
