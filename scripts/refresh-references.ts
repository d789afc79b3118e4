/**
 * Takes a snapshot of each reference list's entries for each catalogue app (issue #16) from local git
 * copies of the references, and writes src/core/catalogue/references/<reference>.json: the names as
 * the reference lists them, with its repository, path, commit, commit date and the date taken. The
 * catalogue test (test/unit/catalogue-references.test.ts) then fails for every name an entry neither
 * blocks nor excludes with a reason. docs/catalogue.md says how to get the copies and review the diff.
 *
 *   npx tsx scripts/refresh-references.ts --adguardhome DIR --nextdns DIR --v2fly DIR
 *
 * Each DIR is a git directory (a clone, or a bare mirror); the newest commit of its HEAD is read.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ReferenceEntry, ReferenceSnapshot } from '../src/core/catalogue/types.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'catalogue', 'references');

/** Which of each reference's services correspond to which catalogue entry. */
const MAPPING = {
  adguardhome: { tiktok: 'tiktok', deepseek: 'deepseek', wechat: 'wechat', telegram: 'telegram', temu: 'temu', shein: 'shein', vk: 'vk', rednote: 'xiaohongshu', qq: 'qq', weibo: 'weibo' },
  nextdns: { tiktok: 'tiktok', telegram: 'telegram', vk: 'vk' },
  v2fly: { tiktok: 'tiktok', deepseek: 'deepseek', telegram: 'telegram', vk: 'vk', rednote: 'xiaohongshu', kaspersky: 'kaspersky', douyin: 'douyin', doubao: 'doubao', camscanner: 'intsig', wps: 'wps', weibo: 'sina', baidu: 'baidu' },
} as const;

/** Other services the catalogue cites (for single names): their names are kept so that each citation can be checked. */
const CITED = { v2fly: ['bytedance', 'tencent', 'mailru-group', 'pinduoduo', 'dola', 'alibaba'] } as const;

export type { ReferenceEntry, ReferenceSnapshot };

const git = (dir: string, ...args: string[]) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const head = (dir: string) => {
  const [commit = '', committed = ''] = git(dir, 'log', '-1', '--format=%H %cs', 'HEAD').trim().split(' ');
  return { commit, committed };
};
const unique = (items: readonly string[]) => [...new Set(items)].sort();

/** AdGuard Home's generated Go list of blocked services: `ID: "x"` then `Rules: []string{ "||name^", ... }`. */
export function adguardHomeEntries(go: string, services: readonly string[]): Record<string, { names: string[]; patterns: string[] }> {
  const out: Record<string, { names: string[]; patterns: string[] }> = {};
  for (const block of go.split(/\n}, \{\n|\n\}\}\n/)) {
    const id = /\tID:\s+"([^"]+)"/.exec(block)?.[1];
    if (id === undefined || !services.includes(id)) continue;
    const rules = [...(/Rules: \[\]string\{([\s\S]*?)\n\t\}/.exec(block)?.[1] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
    const names: string[] = [];
    const patterns: string[] = [];
    for (const rule of rules) {
      const host = /^\|\|([a-z0-9.-]+)\^(?:\$important)?$/i.exec(rule)?.[1];
      if (host !== undefined) names.push(host.toLowerCase());
      else patterns.push(rule);
    }
    out[id] = { names: unique(names), patterns: unique(patterns) };
  }
  return out;
}

/** v2fly's data files: `name`, `domain:name`, `full:name`, `keyword:`, `regexp:`, `include:other`, attributes after a space. */
export function v2flyEntry(read: (name: string) => string, service: string, seen = new Set<string>()): { names: string[]; patterns: string[] } {
  seen.add(service);
  const names: string[] = [];
  const patterns: string[] = [];
  for (const raw of read(service).split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const [rule = ''] = line.split(/\s+/);
    const colon = rule.indexOf(':');
    const kind = colon < 0 ? 'domain' : rule.slice(0, colon);
    const value = colon < 0 ? rule : rule.slice(colon + 1);
    if (kind === 'include') {
      if (!seen.has(value)) {
        const sub = v2flyEntry(read, value, seen);
        names.push(...sub.names);
        patterns.push(...sub.patterns);
      }
    } else if ((kind === 'domain' || kind === 'full') && value.includes('.')) names.push(value.toLowerCase());
    else if (kind === 'domain') patterns.push(`tld:${value.toLowerCase()}`); // a whole top-level domain (`.baidu`)
    else patterns.push(rule);
  }
  return { names: unique(names), patterns: unique(patterns) };
}

function main(): void {
  const { values } = parseArgs({ options: { adguardhome: { type: 'string' }, nextdns: { type: 'string' }, v2fly: { type: 'string' } } });
  const taken = new Date().toISOString().slice(0, 10);
  mkdirSync(OUT, { recursive: true });
  const write = (name: string, snapshot: ReferenceSnapshot) => writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify(snapshot, null, 2)}\n`);

  if (values.adguardhome !== undefined) {
    const dir = values.adguardhome;
    const path = 'internal/filtering/servicelist.go';
    const found = adguardHomeEntries(git(dir, 'show', `HEAD:${path}`), Object.values(MAPPING.adguardhome));
    const entries = Object.fromEntries(Object.entries(MAPPING.adguardhome).map(([entry, service]) => [entry, { service, ...(found[service] ?? { names: [], patterns: [] }) }]));
    const available = unique([...git(dir, 'show', `HEAD:${path}`).matchAll(/\tID:\s+"([^"]+)"/g)].map((m) => m[1] ?? ''));
    write('adguardhome', { reference: 'AdGuard Home blocked services (from AdGuard HostlistsRegistry)', repository: 'AdguardTeam/AdGuardHome', path, ...head(dir), taken, entries, available });
  }
  if (values.nextdns !== undefined) {
    const dir = values.nextdns;
    const entries = Object.fromEntries(
      Object.entries(MAPPING.nextdns).map(([entry, service]) => {
        const names = git(dir, 'show', `HEAD:services/${service}`).split('\n').map((l) => l.replace(/#.*$/, '').trim().toLowerCase()).filter((l) => l !== '');
        return [entry, { service, names: unique(names), patterns: [] }];
      }),
    );
    const available = git(dir, 'ls-tree', '--name-only', 'HEAD', 'services/').split('\n').filter((l) => l !== '').map((l) => l.replace(/^services\//, ''));
    write('nextdns', { reference: 'NextDNS services', repository: 'nextdns/services', path: 'services/', ...head(dir), taken, entries, available });
  }
  if (values.v2fly !== undefined) {
    const dir = values.v2fly;
    const read = (name: string) => git(dir, 'show', `HEAD:data/${name}`);
    const entries = Object.fromEntries(Object.entries(MAPPING.v2fly).map(([entry, service]) => [entry, { service, ...v2flyEntry(read, service) }]));
    const available = git(dir, 'ls-tree', '--name-only', 'HEAD', 'data/').split('\n').filter((l) => l !== '').map((l) => l.replace(/^data\//, ''));
    const cited = Object.fromEntries(CITED.v2fly.map((service) => [service, v2flyEntry(read, service).names]));
    write('v2fly', { reference: 'v2fly domain-list-community', repository: 'v2fly/domain-list-community', path: 'data/', ...head(dir), taken, entries, available, cited });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
