/**
 * The unsigned list an admin writes, turned into the exact payload `cordon sign` signs.
 *
 * The input has the payload's field names, with three conveniences: `issuedAt`/`expiresAt` may be left
 * out (they are stamped), `changes` may be left out, and an app may name a built-in catalogue entry
 * (`{"catalogue": "tiktok", ...}`) instead of listing domains. Domains are normalised here (case, IDN)
 * so the signed list carries exactly what browsers enforce; everything else is checked by the same
 * schema the verifier uses, so errors name the same fields.
 */
import { findCatalogueApp, CATALOGUE } from '../core/catalogue/index.ts';
import { normalizeDomain } from '../core/domain.ts';
import {
  isJsonObject,
  isIsoDateTime,
  parseBlocklistPayload,
  toIsoSeconds,
  findInvalidDomain,
  MAX_VALIDITY_DAYS,
  type Blocklist,
  type JsonObject,
  type JsonValue,
} from '../core/blocklist/index.ts';

export const DEFAULT_VALID_DAYS = 30;
const DAY_MS = 86_400_000;

export interface BuildOptions {
  readonly now: Date;
  /** Re-stamp issuedAt with `now` even when the input has one. */
  readonly stamp: boolean;
  readonly validDays?: number;
  /** `--expires-in`: expiresAt = issuedAt + this many milliseconds (instead of --valid-days). */
  readonly validMs?: number;
  /** Serial of the list already published at the output path, if any. */
  readonly previousSerial?: number;
  readonly bumpSerial: boolean;
  /** A history line to add for the serial being signed. */
  readonly change?: string;
}

export type BuildResult = { readonly ok: true; readonly list: Blocklist } | { readonly ok: false; readonly errors: readonly string[] };

const CATALOGUE_FORM_FIELDS = ['catalogue', 'mode', 'reason', 'since', 'enforceFrom', 'allow'];

function normaliseDomains(value: JsonValue | undefined, path: string, errors: string[]): JsonValue | undefined {
  if (!Array.isArray(value)) return value;
  const out: string[] = [];
  for (const [i, item] of value.entries()) {
    const check = normalizeDomain(item);
    if (!check.ok) errors.push(`${path}[${i}]: ${check.message}`);
    else if (!out.includes(check.domain)) out.push(check.domain);
  }
  return out;
}

function expandApp(app: JsonValue | undefined, path: string, errors: string[]): JsonValue | undefined {
  if (!isJsonObject(app)) return app;
  let out: JsonObject = { ...app };
  if (Object.hasOwn(app, 'catalogue')) {
    const unknown = Object.keys(app).filter((k) => !CATALOGUE_FORM_FIELDS.includes(k));
    if (unknown.length > 0) {
      errors.push(`${path}.${unknown[0]}: not allowed beside "catalogue" (the catalogue entry supplies id, name and domains; list an app in full to choose them)`);
      return app;
    }
    const entry = typeof app.catalogue === 'string' ? findCatalogueApp(app.catalogue) : undefined;
    if (entry === undefined) {
      errors.push(`${path}.catalogue: ${JSON.stringify(app.catalogue)} is not a built-in app (known: ${CATALOGUE.map((c) => c.id).join(', ')})`);
      return app;
    }
    const rest: JsonObject = { ...app };
    delete rest.catalogue;
    out = {
      id: entry.id,
      name: entry.name,
      domains: [...entry.domains],
      ...(entry.hosts.length > 0 ? { hosts: [...entry.hosts] } : {}),
      reason: entry.reason,
      ...rest,
    };
  }
  for (const field of ['domains', 'hosts', 'allow']) {
    if (Object.hasOwn(out, field)) out[field] = normaliseDomains(out[field], `${path}.${field}`, errors) ?? null;
  }
  return out;
}

const UTC_INPUT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|[+-]00:?00)$/i;

/**
 * An ISO 8601 UTC time as people and tools write it (`new Date().toISOString()` adds milliseconds;
 * some write `+00:00`), in the one spelling a list carries: `YYYY-MM-DDTHH:MM:SSZ`. Fractions of a
 * second are dropped, which moves the time back by less than a second. Anything else is left as it is
 * for the schema to refuse with its own message.
 */
export function canonicalUtc(value: JsonValue | undefined): JsonValue | undefined {
  if (typeof value !== 'string') return value;
  const match = UTC_INPUT.exec(value);
  if (match === null) return value;
  const canonical = `${match[1] ?? ''}Z`;
  return isIsoDateTime(canonical) ? canonical : value;
}

/**
 * issuedAt is `now` when stamping or when the input has none. expiresAt, in order of preference:
 * `--valid-days` after issuedAt; when re-stamping, the input's own validity window after the new
 * issuedAt; the input's expiresAt; DEFAULT_VALID_DAYS after issuedAt.
 */
function stampedDates(raw: JsonObject, options: BuildOptions, errors: string[]): { issuedAt: JsonValue; expiresAt: JsonValue } {
  const input: JsonObject = { ...raw };
  for (const key of ['issuedAt', 'expiresAt']) {
    const canonical = canonicalUtc(raw[key]);
    if (canonical !== undefined) input[key] = canonical;
  }
  const days = options.validDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_VALIDITY_DAYS)) {
    errors.push(`--valid-days: must be a whole number from 1 to ${MAX_VALIDITY_DAYS}`);
  }
  const issuedAt = options.stamp || input.issuedAt === undefined ? toIsoSeconds(options.now) : input.issuedAt;
  const after = (ms: number): JsonValue => (isIsoDateTime(issuedAt) ? toIsoSeconds(new Date(Date.parse(issuedAt) + ms)) : null);

  if (days !== undefined) return { issuedAt, expiresAt: after(days * DAY_MS) };
  if (options.validMs !== undefined) return { issuedAt, expiresAt: after(options.validMs) };
  if (options.stamp && isIsoDateTime(input.issuedAt) && isIsoDateTime(input.expiresAt)) {
    const window = Date.parse(input.expiresAt) - Date.parse(input.issuedAt);
    if (window > 0) return { issuedAt, expiresAt: after(window) };
  }
  if (input.expiresAt !== undefined) return { issuedAt, expiresAt: input.expiresAt };
  return { issuedAt, expiresAt: after(DEFAULT_VALID_DAYS * DAY_MS) };
}

function nextSerial(input: JsonObject, options: BuildOptions, errors: string[]): JsonValue | undefined {
  const serial = input.serial;
  if (!options.bumpSerial) return serial;
  if (typeof serial !== 'number' || !Number.isSafeInteger(serial) || serial < 1) {
    errors.push('serial: must be a whole number from 1 to 2^53 - 1 before it can be bumped');
    return serial;
  }
  return Math.max(serial, options.previousSerial ?? 0) + 1;
}

/** Builds and validates the payload; every problem found is reported, each naming its field. */
export function buildPayload(input: JsonValue, options: BuildOptions): BuildResult {
  if (!isJsonObject(input)) return { ok: false, errors: ['the list must be a JSON object'] };
  const errors: string[] = [];
  const draft: JsonObject = { ...input };
  if (Array.isArray(input.apps)) draft.apps = input.apps.map((app, i) => expandApp(app, `apps[${i}]`, errors) ?? null);
  Object.assign(draft, stampedDates(input, options, errors));
  const serial = nextSerial(input, options, errors);
  if (serial !== undefined) draft.serial = serial;
  if (!Object.hasOwn(input, 'changes')) draft.changes = [];
  // An exception's end may be written as any ISO 8601 UTC time, like issuedAt.
  if (Array.isArray(input.exceptions)) {
    draft.exceptions = input.exceptions.map((e) => (isJsonObject(e) && Object.hasOwn(e, 'until') ? { ...e, until: canonicalUtc(e.until) ?? null } : e));
  }
  if (options.change !== undefined && Array.isArray(draft.changes)) {
    const date = toIsoSeconds(options.now).slice(0, 10);
    draft.changes = [{ serial: draft.serial ?? null, date, summary: options.change }, ...draft.changes];
  }
  if (errors.length > 0) return { ok: false, errors };

  const parsed = parseBlocklistPayload(draft);
  if (!parsed.ok) return { ok: false, errors: [parsed.message] };
  const domainProblem = findInvalidDomain(parsed.list);
  if (domainProblem !== undefined) return { ok: false, errors: [domainProblem.message] };
  return { ok: true, list: parsed.list };
}

/**
 * The payload bytes: compact JSON in a fixed field order, optional fields only when present, so signing
 * the same list twice gives the same bytes (and the same Ed25519 signature).
 */
export function serializePayload(list: Blocklist): string {
  return JSON.stringify({
    schema: list.schema,
    listId: list.listId,
    serial: list.serial,
    issuedAt: list.issuedAt,
    expiresAt: list.expiresAt,
    issuer: list.issuer,
    contact: list.contact,
    ...(list.requestUrl === undefined ? {} : { requestUrl: list.requestUrl }),
    apps: list.apps.map((a) => ({
      id: a.id,
      name: a.name,
      domains: a.domains,
      ...(a.hosts === undefined ? {} : { hosts: a.hosts }),
      mode: a.mode,
      ...(a.enforceFrom === undefined ? {} : { enforceFrom: a.enforceFrom }),
      reason: a.reason,
      since: a.since,
      ...(a.allow === undefined ? {} : { allow: a.allow }),
      ...(a.allowMinutes === undefined ? {} : { allowMinutes: a.allowMinutes }),
      ...(a.justification === undefined ? {} : { justification: a.justification }),
      ...(a.alternative === undefined ? {} : { alternative: a.alternative }),
    })),
    changes: list.changes.map((c) => ({ serial: c.serial, date: c.date, summary: c.summary })),
    ...(list.exceptions === undefined ? {} : { exceptions: list.exceptions.map((e) => ({ app: e.app, groups: e.groups, until: e.until, reason: e.reason })) }),
  });
}
