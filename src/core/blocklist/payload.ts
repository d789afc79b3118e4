/**
 * The signed payload's strict schema. Unknown fields are rejected at every level: a field this version
 * does not understand could carry a meaning (an exception, a new mode) the admin expects to be enforced.
 */
import { requestUrlProblem } from '../access-request.ts';
import { GROUP_SYNTAX, isGroupName, MAX_GROUPS } from '../groups.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';
import {
  MAX_APPS,
  MAX_CHANGES,
  MAX_DOMAINS_PER_LIST,
  MAX_EXCEPTION_DAYS,
  MAX_EXCEPTION_MS,
  MAX_EXCEPTIONS,
  MAX_TEXT,
  MAX_VALIDITY_DAYS,
  MAX_VALIDITY_MS,
} from './limits.ts';
import type { ReasonCode } from './reasons.ts';

export const SCHEMA_VERSION = 1;

export type AppMode = 'block' | 'warn';

export interface BlocklistApp {
  /** Lowercase `[a-z0-9-]{1,64}`; the block page and rule ids refer to it. */
  readonly id: string;
  readonly name: string;
  /** Canonical registrable domains; each covers its subdomains. */
  readonly domains: readonly string[];
  /** Canonical single hosts on shared infrastructure; each covers itself and the names below it. */
  readonly hosts?: readonly string[];
  readonly mode: AppMode;
  /** YYYY-MM-DD. With mode "block": warn until this date, block from it. */
  readonly enforceFrom?: string;
  readonly reason: string;
  /** YYYY-MM-DD: when the ban took effect, shown to employees. */
  readonly since: string;
  /** Canonical hosts under the app's domains that stay reachable. */
  readonly allow?: readonly string[];
  /** A warned app: how long "Continue for now" lasts, 1 to 60 minutes (default 10). */
  readonly allowMinutes?: number;
  /** A warned app: whether the employee types a reason before continuing (default "none"). */
  readonly justification?: Justification;
  /** An https: link to the approved tool to use instead, shown on the block and warning page. */
  readonly alternative?: string;
}

export type Justification = 'none' | 'optional' | 'required';
export const MAX_ALLOW_MINUTES = 60;

export interface BlocklistChange {
  readonly serial: number;
  readonly date: string;
  readonly summary: string;
}

/**
 * A scoped, expiring exception: browsers whose policy `groups` include one of `groups` do not block
 * `app` until `until`, and block it again from then on with no new list needed.
 */
export interface ListException {
  readonly app: string;
  readonly groups: readonly string[];
  /** YYYY-MM-DDTHH:MM:SSZ, after the list's issuedAt and at most 90 days after it. */
  readonly until: string;
  readonly reason: string;
}

export interface Blocklist {
  readonly schema: typeof SCHEMA_VERSION;
  readonly listId: string;
  readonly serial: number;
  /** YYYY-MM-DDTHH:MM:SSZ */
  readonly issuedAt: string;
  /** YYYY-MM-DDTHH:MM:SSZ */
  readonly expiresAt: string;
  readonly issuer: string;
  /** An https: or mailto: URL. */
  readonly contact: string;
  /** An https: URL template for "Request access" (core/access-request.ts); otherwise the contact is used. */
  readonly requestUrl?: string;
  readonly apps: readonly BlocklistApp[];
  readonly changes: readonly BlocklistChange[];
  readonly exceptions?: readonly ListException[];
}

export type PayloadReason = Extract<
  ReasonCode,
  'unknown-field' | 'unsupported-schema' | 'invalid-payload' | 'too-many-domains' | 'validity-too-long'
>;

export type PayloadResult =
  | { readonly ok: true; readonly list: Blocklist }
  | { readonly ok: false; readonly reason: PayloadReason; readonly message: string; readonly path: string };

class PayloadError extends Error {
  constructor(
    readonly reason: PayloadReason,
    readonly path: string,
    problem: string,
  ) {
    super(path === '' ? problem : `${path}: ${problem}`);
  }
}

const invalid = (path: string, problem: string): never => {
  throw new PayloadError('invalid-payload', path, problem);
};

const LIST_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** A listId as lists carry it: 1 to 64 of a-z, 0-9, ".", "_" and "-", starting with a letter or digit. */
export const isListId = (value: string): boolean => LIST_ID.test(value);
const APP_ID = /^[a-z0-9-]{1,64}$/;

/** An app id as lists carry it: 1 to 64 of a-z, 0-9 and "-". */
export const isAppId = (value: unknown): value is string => typeof value === 'string' && APP_ID.test(value);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Control characters, line separators and every invisible formatting character (\p{Cf}: the
// bidirectional marks, overrides and isolates, U+061C, zero-width space, soft hyphen, BOM, tag
// characters...) that could make an issuer or reason read differently on screen from what was
// signed. Two are kept: U+200C and U+200D (zero-width non-joiner and joiner) are part of how Persian,
// the Indic scripts and emoji are written, and can join or split glyphs but never reorder text.
const UNSAFE_TEXT = /[\p{Cc}\u2028\u2029]|(?![\u200c\u200d])\p{Cf}/u;

/** True for `YYYY-MM-DDTHH:MM:SSZ` naming a real instant (no 24:00, no February 30th). */
export function isIsoDateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME.test(value) && toIsoSeconds(new Date(value)) === value;
}

/** True for `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && isIsoDateTime(`${value}T00:00:00Z`);
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the only time format a list carries. */
export function toIsoSeconds(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Why a contact is refused, or undefined: employees click it, so only https: and mailto: are safe. */
export function contactProblem(value: string): string | undefined {
  if (value.length > MAX_TEXT.contact) return `is longer than ${MAX_TEXT.contact} characters`;
  if (/[\s\p{Cc}]/u.test(value)) return 'contains whitespace or control characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL (give an https: or mailto: URL)';
  }
  if (url.protocol === 'https:') {
    if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
    return undefined;
  }
  if (url.protocol === 'mailto:') return /^[^@/]+@[^@/]+$/.test(url.pathname) ? undefined : 'is a mailto: URL without an address';
  return 'must be an https: or mailto: URL';
}

/** Why a plain-text field is refused, or undefined. */
export function textProblem(value: string, max: number): string | undefined {
  if (value.length === 0) return 'is empty';
  if (value.length > max) return `is longer than ${max} characters`;
  if (value.trim() !== value) return 'has leading or trailing whitespace';
  if (UNSAFE_TEXT.test(value)) return 'contains a control, bidirectional or invisible formatting character';
  return undefined;
}

function fields(value: JsonValue | undefined, path: string, required: readonly string[], optional: readonly string[]): JsonObject {
  if (!isJsonObject(value)) return invalid(path, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) {
      const at = path === '' ? key : `${path}.${key}`;
      throw new PayloadError('unknown-field', at, `unknown field ${JSON.stringify(key)}`);
    }
  }
  for (const key of required) {
    if (!Object.hasOwn(value, key)) invalid(path === '' ? key : `${path}.${key}`, 'is required');
  }
  return value;
}

function text(value: JsonValue | undefined, path: string, max: number): string {
  if (typeof value !== 'string') return invalid(path, 'must be a string');
  const problem = textProblem(value, max);
  return problem === undefined ? value : invalid(path, problem);
}

function integer(value: JsonValue | undefined, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    return invalid(path, 'must be a whole number from 1 to 2^53 - 1');
  }
  return value;
}

function dateTime(value: JsonValue | undefined, path: string): string {
  return isIsoDateTime(value) ? value : invalid(path, 'must be a UTC time written YYYY-MM-DDTHH:MM:SSZ');
}

function date(value: JsonValue | undefined, path: string): string {
  return isIsoDate(value) ? value : invalid(path, 'must be a date written YYYY-MM-DD');
}

/**
 * Strings only, no repeats. Domain *validity* is a later, separate step of verification
 * (`checkListDomains`), so that the reason code says which kind of problem a list has.
 */
function stringList(value: JsonValue | undefined, path: string): string[] {
  if (!Array.isArray(value)) return invalid(path, 'must be a list');
  const seen = new Set<string>();
  return value.map((item, i) => {
    if (typeof item !== 'string') return invalid(`${path}[${i}]`, 'must be a string');
    if (seen.has(item)) invalid(`${path}[${i}]`, `repeats ${JSON.stringify(item)}`);
    seen.add(item);
    return item;
  });
}

function parseApp(value: JsonValue | undefined, path: string): BlocklistApp {
  const o = fields(value, path, ['id', 'name', 'domains', 'mode', 'reason', 'since'], ['hosts', 'enforceFrom', 'allow', 'allowMinutes', 'justification', 'alternative']);
  if (typeof o.id !== 'string' || !APP_ID.test(o.id)) invalid(`${path}.id`, 'must be 1 to 64 characters of a-z, 0-9 and -');
  const mode = o.mode;
  if (mode !== 'block' && mode !== 'warn') return invalid(`${path}.mode`, 'must be "block" or "warn"');
  const app: { -readonly [K in keyof BlocklistApp]: BlocklistApp[K] } = {
    id: o.id as string,
    name: text(o.name, `${path}.name`, MAX_TEXT.name),
    domains: stringList(o.domains, `${path}.domains`),
    mode,
    reason: text(o.reason, `${path}.reason`, MAX_TEXT.reason),
    since: date(o.since, `${path}.since`),
  };
  if (Object.hasOwn(o, 'hosts')) app.hosts = stringList(o.hosts, `${path}.hosts`);
  if (Object.hasOwn(o, 'enforceFrom')) {
    if (mode !== 'block') invalid(`${path}.enforceFrom`, 'only applies to mode "block" (warn until the date, block from it)');
    app.enforceFrom = date(o.enforceFrom, `${path}.enforceFrom`);
  }
  if (Object.hasOwn(o, 'allow')) app.allow = stringList(o.allow, `${path}.allow`);
  // How a warning is passed only means something for an app that warns (now, or until enforceFrom).
  const warns = mode === 'warn' || app.enforceFrom !== undefined;
  if (Object.hasOwn(o, 'allowMinutes')) {
    if (!warns) invalid(`${path}.allowMinutes`, 'only applies to an app that warns (mode "warn", or "block" with enforceFrom)');
    const v = o.allowMinutes;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1 || v > MAX_ALLOW_MINUTES) invalid(`${path}.allowMinutes`, `must be a whole number from 1 to ${MAX_ALLOW_MINUTES}`);
    app.allowMinutes = v as number;
  }
  if (Object.hasOwn(o, 'justification')) {
    if (!warns) invalid(`${path}.justification`, 'only applies to an app that warns (mode "warn", or "block" with enforceFrom)');
    const v = o.justification;
    if (v !== 'none' && v !== 'optional' && v !== 'required') invalid(`${path}.justification`, 'must be "none", "optional" or "required"');
    app.justification = v as Justification;
  }
  if (Object.hasOwn(o, 'alternative')) {
    const v = o.alternative;
    const problem = typeof v !== 'string' ? 'must be a string' : !v.startsWith('https:') ? 'must be an https: URL' : contactProblem(v);
    if (problem !== undefined) invalid(`${path}.alternative`, problem);
    app.alternative = v as string;
  }
  if (app.domains.length === 0 && (app.hosts ?? []).length === 0) invalid(`${path}.domains`, 'an app must block at least one domain or host');
  return app;
}

function parseChange(value: JsonValue | undefined, path: string, listSerial: number): BlocklistChange {
  const o = fields(value, path, ['serial', 'date', 'summary'], []);
  const serial = integer(o.serial, `${path}.serial`);
  if (serial > listSerial) invalid(`${path}.serial`, `is ${serial}, above the list's own serial ${listSerial}`);
  return { serial, date: date(o.date, `${path}.date`), summary: text(o.summary, `${path}.summary`, MAX_TEXT.summary) };
}

function parseException(value: JsonValue | undefined, path: string, appIds: ReadonlySet<string>, issuedAt: string): ListException {
  const o = fields(value, path, ['app', 'groups', 'until', 'reason'], []);
  if (typeof o.app !== 'string' || !appIds.has(o.app)) invalid(`${path}.app`, 'must be the id of an app this list names');
  const groups = stringList(o.groups, `${path}.groups`);
  if (groups.length === 0 || groups.length > MAX_GROUPS) invalid(`${path}.groups`, `must name 1 to ${MAX_GROUPS} groups`);
  for (const [i, group] of groups.entries()) {
    if (!isGroupName(group)) invalid(`${path}.groups[${i}]`, `must be a group name: ${GROUP_SYNTAX}`);
  }
  const until = dateTime(o.until, `${path}.until`);
  const span = Date.parse(until) - Date.parse(issuedAt);
  if (span <= 0) invalid(`${path}.until`, `is not after issuedAt (${issuedAt})`);
  if (span > MAX_EXCEPTION_MS) invalid(`${path}.until`, `is ${(span / 86_400_000).toFixed(1)} days after issuedAt; an exception may last at most ${MAX_EXCEPTION_DAYS} days`);
  return { app: o.app as string, groups, until, reason: text(o.reason, `${path}.reason`, MAX_TEXT.reason) };
}

function parse(value: JsonValue): Blocklist {
  if (!isJsonObject(value)) return invalid('', 'the payload must be a JSON object');
  if (value.schema !== SCHEMA_VERSION) {
    throw new PayloadError('unsupported-schema', 'schema', `is ${JSON.stringify(value.schema ?? null)}; this version of Cordon reads schema ${SCHEMA_VERSION}`);
  }
  const o = fields(value, '', ['schema', 'listId', 'serial', 'issuedAt', 'expiresAt', 'issuer', 'contact', 'apps', 'changes'], ['requestUrl', 'exceptions']);
  if (typeof o.listId !== 'string' || !LIST_ID.test(o.listId)) {
    invalid('listId', 'must be 1 to 64 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit');
  }
  const serial = integer(o.serial, 'serial');
  const issuedAt = dateTime(o.issuedAt, 'issuedAt');
  const expiresAt = dateTime(o.expiresAt, 'expiresAt');
  const issuer = text(o.issuer, 'issuer', MAX_TEXT.issuer);
  if (typeof o.contact !== 'string') invalid('contact', 'must be a string');
  const contactIssue = contactProblem(o.contact as string);
  if (contactIssue !== undefined) invalid('contact', contactIssue);
  if (Object.hasOwn(o, 'requestUrl')) {
    if (typeof o.requestUrl !== 'string') invalid('requestUrl', 'must be a string');
    const requestIssue = requestUrlProblem(o.requestUrl as string);
    if (requestIssue !== undefined) invalid('requestUrl', requestIssue);
  }

  if (!Array.isArray(o.apps)) return invalid('apps', 'must be a list');
  if (o.apps.length > MAX_APPS) invalid('apps', `has ${o.apps.length} apps; at most ${MAX_APPS} are allowed`);
  const apps = o.apps.map((a, i) => parseApp(a, `apps[${i}]`));
  const ids = new Set<string>();
  for (const [i, app] of apps.entries()) {
    if (ids.has(app.id)) invalid(`apps[${i}].id`, `repeats the app id ${JSON.stringify(app.id)}`);
    ids.add(app.id);
  }

  let exceptions: ListException[] | undefined;
  if (Object.hasOwn(o, 'exceptions')) {
    if (!Array.isArray(o.exceptions)) return invalid('exceptions', 'must be a list');
    if (o.exceptions.length > MAX_EXCEPTIONS) invalid('exceptions', `has ${o.exceptions.length} entries; at most ${MAX_EXCEPTIONS} are allowed`);
    exceptions = o.exceptions.map((e, i) => parseException(e, `exceptions[${i}]`, ids, issuedAt));
  }

  if (!Array.isArray(o.changes)) return invalid('changes', 'must be a list');
  if (o.changes.length > MAX_CHANGES) invalid('changes', `has ${o.changes.length} entries; at most ${MAX_CHANGES} are allowed`);
  const changes = o.changes.map((c, i) => parseChange(c, `changes[${i}]`, serial));
  const serials = new Set<number>();
  for (const [i, c] of changes.entries()) {
    if (serials.has(c.serial)) invalid(`changes[${i}].serial`, `repeats serial ${c.serial}`);
    serials.add(c.serial);
  }

  const total = apps.reduce((n, a) => n + a.domains.length + (a.hosts?.length ?? 0) + (a.allow?.length ?? 0), 0);
  if (total > MAX_DOMAINS_PER_LIST) {
    throw new PayloadError('too-many-domains', 'apps', `name ${total} domains, hosts and allowed hosts; at most ${MAX_DOMAINS_PER_LIST} are allowed`);
  }
  const window = Date.parse(expiresAt) - Date.parse(issuedAt);
  if (window <= 0) throw new PayloadError('validity-too-long', 'expiresAt', `is not after issuedAt (${issuedAt})`);
  if (window > MAX_VALIDITY_MS) {
    throw new PayloadError('validity-too-long', 'expiresAt', `is ${(window / 86_400_000).toFixed(1)} days after issuedAt; at most ${MAX_VALIDITY_DAYS} are allowed`);
  }

  const requestUrl = Object.hasOwn(o, 'requestUrl') ? { requestUrl: o.requestUrl as string } : {};
  return {
    schema: SCHEMA_VERSION,
    listId: o.listId as string,
    serial,
    issuedAt,
    expiresAt,
    issuer,
    contact: o.contact as string,
    ...requestUrl,
    apps,
    changes,
    ...(exceptions === undefined ? {} : { exceptions }),
  };
}

/** Parses an already-decoded JSON value into a typed list, or names the first field that is wrong. */
export function parseBlocklistPayload(value: JsonValue): PayloadResult {
  try {
    return { ok: true, list: parse(value) };
  } catch (e) {
    if (!(e instanceof PayloadError)) throw e;
    return { ok: false, reason: e.reason, message: e.message, path: e.path };
  }
}
