/**
 * Realistic, reproducible domain names for the benchmarks: registrable domains under a spread of
 * generic and country TLDs (including two-label suffixes such as co.uk), single hosts on shared CDNs
 * with longer labels, and about 1 % internationalised names in punycode. Every value passes
 * `checkCanonicalDomain`, exactly what a signed list must carry.
 *
 * None of them ends in `.example` or `.test`: the benchmark's own pages live there, so a generated
 * list can never block them.
 */
import { domainToASCII } from 'node:url';
import { checkCanonicalDomain } from '../../src/core/domain.ts';
import { pick, weighted, type Random } from './random.ts';

const WORDS = [
  'cloud', 'stream', 'video', 'play', 'shop', 'social', 'chat', 'photo', 'music', 'game', 'live', 'media',
  'news', 'share', 'snap', 'clip', 'short', 'feed', 'star', 'wave', 'pixel', 'spark', 'buzz', 'loop',
  'vibe', 'tube', 'cast', 'link', 'hub', 'zone', 'byte', 'data', 'track', 'stat', 'metric', 'ads',
  'promo', 'deal', 'market', 'pay', 'wallet', 'store', 'mobile', 'app', 'web', 'tech', 'labs', 'global',
  'prime', 'fast', 'edge', 'static', 'asset', 'sync', 'push', 'mail', 'auth', 'account', 'bet', 'casino',
  'poker', 'torrent', 'file', 'drop', 'vpn', 'proxy', 'anime', 'manga', 'sport', 'win', 'lucky', 'slot',
];
const SYLLABLES = ['ka', 'ti', 'lo', 've', 'ra', 'mi', 'no', 'zu', 'pe', 'sa', 'do', 'ri', 'xo', 'qua', 'bel', 'tor', 'vin', 'lex', 'mar', 'sol'];
const IDN_WORDS = ['bücher', 'müller', 'café', 'straße', 'señal', 'jürgen', 'kühl', 'øre', 'smørrebrød', 'élan', 'größe', 'überall'];
const TLDS: readonly (readonly [string, number])[] = [
  ['com', 50], ['net', 8], ['org', 4], ['io', 5], ['co', 2], ['app', 2], ['tv', 1], ['me', 1], ['xyz', 2],
  ['info', 1], ['de', 4], ['fr', 2], ['co.uk', 3], ['jp', 2], ['com.br', 2], ['ru', 2], ['cn', 2],
  ['com.au', 1], ['in', 1], ['it', 1], ['nl', 1], ['es', 1], ['pl', 1], ['kr', 1], ['com.tr', 1],
];
const HOST_PREFIXES = [
  'cdn', 'api', 'static', 'img', 'v16-webapp', 'v19-web', 'p16-sign-va', 'p77-sign-sg', 'log', 'mon-va', 'ws',
  'im-api', 'mcs-va', 'sf16-website-login', 'lf16-cdn-tos', 'log-va', 'abtest-va', 'mssdk-va', 'webcast',
  'pull-flv-l1', 'vod-cdn', 'media-edge', 'api.us-east-1', 'static.eu-west', 'analytics', 'sdk-upload',
];

function digits(random: Random, max: number): string {
  return String(Math.floor(random() * max));
}

function registrable(random: Random): string {
  const roll = random();
  let label: string;
  if (roll < 0.01) {
    label = domainToASCII(`${pick(random, IDN_WORDS)}${digits(random, 100)}.de`).split('.')[0] ?? 'x';
  } else {
    const first = pick(random, WORDS);
    const second = random() < 0.5 ? pick(random, WORDS) : pick(random, SYLLABLES) + pick(random, SYLLABLES);
    label = `${first}${random() < 0.3 ? '-' : ''}${second}${random() < 0.35 ? digits(random, 1000) : ''}`;
  }
  return `${label}.${weighted(random, TLDS)}`;
}

function host(random: Random): string {
  const prefix = pick(random, HOST_PREFIXES);
  return `${prefix}${random() < 0.4 ? `-${digits(random, 100)}` : ''}.${registrable(random)}`;
}

export interface NameOptions {
  /** Share of single hosts on shared infrastructure (longer names) among the values. */
  readonly hostShare?: number;
  /** Names never to produce (already used elsewhere). */
  readonly exclude?: ReadonlySet<string>;
}

export interface Names {
  readonly domains: string[];
  readonly hosts: string[];
}

/** `count` distinct canonical values, split into registrable domains and hosts. */
export function generateNames(count: number, random: Random, options: NameOptions = {}): Names {
  const hostShare = options.hostShare ?? 0.3;
  const seen = new Set<string>(options.exclude ?? []);
  const domains: string[] = [];
  const hosts: string[] = [];
  let attempts = 0;
  while (domains.length + hosts.length < count) {
    if (++attempts > count * 20 + 1000) throw new Error(`could not generate ${count} distinct names`);
    const isHost = random() < hostShare;
    const name = isHost ? host(random) : registrable(random);
    if (seen.has(name) || !checkCanonicalDomain(name).ok) continue;
    seen.add(name);
    (isHost ? hosts : domains).push(name);
  }
  return { domains, hosts };
}

/** One name, distinct from `exclude`: the domain a new serial adds. */
export function freshDomain(random: Random, exclude: ReadonlySet<string>): string {
  for (;;) {
    const name = `new-${registrable(random)}`;
    if (!exclude.has(name) && checkCanonicalDomain(name).ok) return name;
  }
}
