/**
 * One verified list, written for each enforcement point (issue #17). Every format states its source
 * (list, serial, signers, times) where it has comments, keeps `allow` hosts reachable where it can
 * express that, and says what it cannot express: in its comments, and in `notes` for the CLI to print.
 * Pure string building; the names are the verified list's canonical names (lowercase ASCII, no dots
 * at either end), so they need no quoting in any of these syntaxes.
 */
import type { ExportApp, ExportSet, ExportSource } from './names.ts';

export const EXPORT_FORMATS = ['rpz', 'unbound', 'dnsmasq', 'hosts', 'adguard', 'urlblocklist', 'defender-csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOutput {
  readonly text: string;
  /** What this format left out or cannot express, beyond the set's own notes. */
  readonly notes: readonly string[];
}

export interface RenderOptions {
  /**
   * Answer blocked names with this address instead of NXDOMAIN (DNS formats; a block page server).
   * IPv4 or IPv6, as text the caller has checked (the CLI with Node's `net.isIP`).
   */
  readonly blockAddress?: string;
}

/** Chrome's URLBlocklist and URLAllowlist each take at most 1,000 entries and ignore the rest. */
export const URL_POLICY_MAX = 1000;
/** Defender imports at most 500 indicators from one file. */
export const DEFENDER_BATCH = 500;

function sourceLines(source: ExportSource, validUntil: string): string[] {
  return [
    `Cordon export of list "${source.listId}" serial ${source.serial}, issued ${source.issuedAt} by ${source.issuer}`,
    `verified against pinned key(s) ${source.signers.join(', ')}; exported ${source.exportedAt}`,
    `valid until ${validUntil}: export again before then (the list expires ${source.expiresAt})`,
  ];
}

/** Every line of the header, each prefixed with the format's comment marker. */
function header(set: ExportSet, marker: string, extra: readonly string[] = []): string[] {
  return [...sourceLines(set.source, set.validUntil), ...set.notes, ...extra].map((line) => `${marker} ${line}`);
}

const allNames = (apps: readonly ExportApp[]) => apps.flatMap((a) => a.names);
const allAllowed = (apps: readonly ExportApp[]) => apps.flatMap((a) => a.allow);
const ipv6 = (address: string) => address.includes(':');

/**
 * A Response Policy Zone (BIND, Unbound, PowerDNS Recursor, Knot Resolver): each name and its
 * subdomains answer NXDOMAIN (`CNAME .`) or the block address; allowed hosts pass through
 * (`rpz-passthru.`), and RPZ prefers an exact or longer match within the zone, so they win.
 */
function rpz(set: ExportSet, options: RenderOptions): ExportOutput {
  const serial = set.source.serial % 2 ** 32;
  const action = options.blockAddress === undefined ? 'CNAME .' : `${ipv6(options.blockAddress) ? 'AAAA' : 'A'} ${options.blockAddress}`;
  const lines = [
    ...header(set, ';'),
    '$TTL 300',
    `@ IN SOA localhost. hostmaster.localhost. ${serial} 3600 600 86400 300`,
    '@ IN NS localhost.',
  ];
  for (const app of set.apps) {
    lines.push(`; ${app.name} (${app.id})`);
    for (const name of app.names) lines.push(`${name} ${action}`, `*.${name} ${action}`);
    for (const host of app.allow) lines.push(`${host} CNAME rpz-passthru.`, `*.${host} CNAME rpz-passthru.`);
  }
  return { text: `${lines.join('\n')}\n`, notes: [] };
}

/** Unbound `local-zone` statements (an `include:` file): the most specific zone wins, so allowed hosts are `transparent`. */
function unbound(set: ExportSet, options: RenderOptions): ExportOutput {
  const lines = [...header(set, '#'), 'server:'];
  for (const app of set.apps) {
    lines.push(`# ${app.name} (${app.id})`);
    for (const name of app.names) {
      if (options.blockAddress === undefined) lines.push(`local-zone: "${name}." always_nxdomain`);
      else lines.push(`local-zone: "${name}." redirect`, `local-data: "${name}. ${ipv6(options.blockAddress) ? 'AAAA' : 'A'} ${options.blockAddress}"`);
    }
    for (const host of app.allow) lines.push(`local-zone: "${host}." transparent`);
  }
  return { text: `${lines.join('\n')}\n`, notes: [] };
}

/** dnsmasq: `address=/name/` answers NXDOMAIN for the name and its subdomains; `server=/host/#` sends an allowed host upstream. */
function dnsmasq(set: ExportSet, options: RenderOptions): ExportOutput {
  const lines = [...header(set, '#')];
  for (const app of set.apps) {
    lines.push(`# ${app.name} (${app.id})`);
    for (const name of app.names) lines.push(`address=/${name}/${options.blockAddress ?? ''}`);
    for (const host of app.allow) lines.push(`server=/${host}/#`);
  }
  return { text: `${lines.join('\n')}\n`, notes: [] };
}

/** A hosts file: exact names only. */
function hosts(set: ExportSet, options: RenderOptions): ExportOutput {
  const cannot = 'A hosts file cannot block subdomains: each name below is blocked itself only (m.tiktok.com is not covered by tiktok.com). Use rpz, unbound or dnsmasq where you can.';
  const address = options.blockAddress ?? '0.0.0.0';
  const lines = [...header(set, '#', [cannot])];
  for (const app of set.apps) {
    lines.push(`# ${app.name} (${app.id})`);
    for (const name of app.names) lines.push(`${address} ${name}`);
  }
  return { text: `${lines.join('\n')}\n`, notes: [cannot] };
}

/** AdGuard / uBlock Origin / AdGuard Home / Pi-hole (v6 reads this syntax) filter list. */
function adguard(set: ExportSet): ExportOutput {
  const lines = [`! Title: Cordon: ${set.source.listId} serial ${set.source.serial}`, ...header(set, '!')];
  for (const app of set.apps) {
    lines.push(`! ${app.name} (${app.id})`);
    for (const name of app.names) lines.push(`||${name}^`);
    for (const host of app.allow) lines.push(`@@||${host}^`);
  }
  return { text: `${lines.join('\n')}\n`, notes: [] };
}

/**
 * Chrome and Edge `URLBlocklist` / `URLAllowlist` policy values: a bare host blocks it and its
 * subdomains. Each policy takes at most 1,000 entries; what is left out is said, never dropped silently.
 */
function urlblocklist(set: ExportSet): ExportOutput {
  const names = allNames(set.apps);
  const allowed = allAllowed(set.apps);
  const notes: string[] = [
    'JSON has no comments: the source of this policy is '
      + `list "${set.source.listId}" serial ${set.source.serial}, signed by ${set.source.signers.join(', ')}, valid until ${set.validUntil}.`,
  ];
  if (names.length > URL_POLICY_MAX) {
    const left = names.slice(URL_POLICY_MAX);
    notes.push(`URLBlocklist takes at most ${URL_POLICY_MAX} entries: ${left.length} name(s) are left out (${left.slice(0, 5).join(', ')}${left.length > 5 ? ', ...' : ''}); those stay blocked only by Cordon and your DNS.`);
  }
  if (allowed.length > URL_POLICY_MAX) notes.push(`URLAllowlist takes at most ${URL_POLICY_MAX} entries: ${allowed.length - URL_POLICY_MAX} allowed host(s) are left out.`);
  const policy = {
    URLBlocklist: names.slice(0, URL_POLICY_MAX),
    ...(allowed.length > 0 ? { URLAllowlist: allowed.slice(0, URL_POLICY_MAX) } : {}),
  };
  return { text: `${JSON.stringify(policy, null, 2)}\n`, notes };
}

/** A CSV field, quoted, with a leading formula character defused (CSV injection in spreadsheets). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * Microsoft Defender for Endpoint custom indicators (Settings > Endpoints > Indicators > Import): one
 * DomainName row per name (Block) and per allowed host (Allowed), expiring when the list expires.
 */
function defenderCsv(set: ExportSet): ExportOutput {
  const expires = set.validUntil.replace(/Z$/, '.0Z');
  const rows = [['IndicatorType', 'IndicatorValue', 'ExpirationTime', 'Action', 'Severity', 'Title', 'Description', 'RecommendedActions', 'RbacGroups', 'Category', 'MitreTechniques', 'GenerateAlert'].join(',')];
  const from = `list ${set.source.listId} serial ${set.source.serial}, signed by ${set.source.signers.join(' ')}`;
  for (const app of set.apps) {
    for (const name of app.names) rows.push(['DomainName', name, expires, 'Block', 'Informational', csvField(`Cordon: ${app.name}`), csvField(`${app.reason} (${from})`), '', '', '', '', 'FALSE'].join(','));
    for (const host of app.allow) rows.push(['DomainName', host, expires, 'Allowed', 'Informational', csvField(`Cordon: ${app.name} (allowed host)`), csvField(`Allowed by ${from}`), '', '', '', '', 'FALSE'].join(','));
  }
  const count = rows.length - 1;
  const notes = ['CSV has no comments: each row names its list, serial and signer in its Description, and expires with the export.'];
  if (count > DEFENDER_BATCH) notes.push(`Defender imports at most ${DEFENDER_BATCH} indicators per file: this export has ${count}; import it in ${Math.ceil(count / DEFENDER_BATCH)} parts.`);
  return { text: `${rows.join('\r\n')}\r\n`, notes };
}

function json(set: ExportSet): ExportOutput {
  const body = {
    source: { ...set.source, validUntil: set.validUntil },
    notes: set.notes,
    apps: set.apps.map((a) => ({ id: a.id, name: a.name, reason: a.reason, names: a.names, allow: a.allow })),
  };
  return { text: `${JSON.stringify(body, null, 2)}\n`, notes: [] };
}

export function renderExport(format: ExportFormat, set: ExportSet, options: RenderOptions = {}): ExportOutput {
  switch (format) {
    case 'rpz':
      return rpz(set, options);
    case 'unbound':
      return unbound(set, options);
    case 'dnsmasq':
      return dnsmasq(set, options);
    case 'hosts':
      return hosts(set, options);
    case 'adguard':
      return adguard(set);
    case 'urlblocklist':
      return urlblocklist(set);
    case 'defender-csv':
      return defenderCsv(set);
    case 'json':
      return json(set);
  }
}
