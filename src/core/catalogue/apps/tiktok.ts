import type { CatalogueApp } from '../types.ts';

// Placeholder: replaced by the researched entry.
export const tiktok: CatalogueApp = {
  id: 'tiktok',
  name: 'TikTok',
  vendor: 'ByteDance',
  domains: ['tiktok.com', 'tiktokv.com', 'tiktokcdn.com', 'musical.ly'],
  hosts: [],
  reason: 'TikTok is banned on work devices by the organisation\'s security policy.',
  sources: [],
  notBlocked: [],
  reviewed: '2026-11-28',
};
