import manifest from '../../../manifest.json' with { type: 'json' };
import { extensionIdFromKey } from '../extension-id.ts';
import { checkPublicKey } from '../../core/blocklist/keys.ts';
import { publishedTestKeyName } from '../../core/blocklist/test-keys.ts';
import { parsePolicy, listUrlProblem, type PolicyKey } from '../../core/policy.ts';
import { parseReporting } from '../../core/reporting/settings.ts';
import { flag, optionalString, positiveInteger, requiredString, stringList } from '../args.ts';
import type { Command, Values } from '../command.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../errors.ts';
import { fileExists, readTextFile, writeFileAtomic } from '../files.ts';
import {
  CHROME_WEB_STORE_UPDATE_URL,
  chromiumPolicy,
  firefoxPolicy,
  googleAdminPolicy,
  jsonText,
  type ChromiumBrowser,
  type ChromiumKit,
  type ManagedSettings,
} from '../policy/formats.ts';
import { mobileconfigText } from '../policy/mobileconfig.ts';
import { registryComment, registryFile } from '../policy/registry.ts';

export const FORMATS = ['linux', 'windows', 'macos', 'google-admin', 'firefox'] as const;
export type PolicyFormat = (typeof FORMATS)[number];
const BROWSERS: readonly ChromiumBrowser[] = ['chrome', 'edge', 'chromium'];

/** The ID the manifest's public key fixes: a self-hosted CRX signed with the release key, or an unpacked build. */
export const DEFAULT_EXTENSION_ID = extensionIdFromKey(manifest.key);
export const GECKO_ID = manifest.browser_specific_settings.gecko.id;

/** The listId pattern of the signed list (src/core/blocklist/payload.ts): any other id matches no list. */
const LIST_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const EXTENSION_ID = /^[a-p]{32}$/;

/** The options each policy key comes from, for error messages in the admin's own terms. */
const OPTION_OF: Readonly<Record<PolicyKey, string>> = {
  listUrl: '--list-url',
  trustedKeys: '--pub',
  threshold: '--threshold',
  listId: '--list-id',
  refreshMinutes: '--refresh-minutes',
  organization: '--org',
  supportUrl: '--support',
  builtinApps: '--builtin-apps',
  reportUrl: '--report-url',
  reportBlockedVisits: '--report-blocked-visits',
  deviceLabel: '--device-label',
  checkToken: '--check-token',
  groups: '--groups',
};

/** "trustedKeys[1] is 31 bytes..." becomes "--pub #2 (trustedKeys[1]) is 31 bytes...". */
function inOptionTerms(error: string): string {
  const match = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(error);
  const [whole = '', key = '', index] = match ?? [];
  const option = (OPTION_OF as Readonly<Record<string, string>>)[key];
  if (option === undefined) return error;
  const which = index === undefined ? '' : ` #${Number(index) + 1}`;
  const named = option === `--${whole}` ? option : `${option}${which} (${whole})`;
  return `${named}${error.slice(whole.length)}`;
}

/** A --pub value is a key file (as keygen writes) if such a file exists, else the key itself. */
function publicKeyArg(value: string): string {
  return fileExists(value) ? readTextFile(value).trim() : value;
}

/** An https: URL without credentials; plain http only on this machine (test servers), as for listUrl. */
function fetchUrl(values: Values, name: string): string | undefined {
  const value = optionalString(values, name);
  if (value === undefined) return undefined;
  const problem = listUrlProblem(value);
  if (problem !== undefined) throw new UsageError(`--${name} ${problem}, not "${value}"`);
  return value;
}

function oneOf<T extends string>(values: Values, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(values, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

/** Options that only some formats use: giving one elsewhere is a mistake worth saying so. */
const ONLY_FOR: Readonly<Record<string, readonly PolicyFormat[]>> = {
  browser: ['linux', 'windows', 'macos'],
  'extension-id': ['linux', 'windows', 'macos', 'google-admin'],
  'update-url': ['linux', 'windows', 'macos'],
  'xpi-url': ['firefox'],
  'disable-incognito': ['linux', 'windows', 'macos', 'firefox'],
  'disable-developer-mode': ['linux', 'windows', 'macos'],
};

const WHERE_ELSE: Readonly<Record<string, string>> = {
  'google-admin': 'in the Admin console the extension is installed and browser settings are set on their own pages (docs/deploying.md)',
  firefox: 'Firefox installs from --xpi-url and has no developer-mode policy',
};

export interface PolicyOutput {
  readonly format: PolicyFormat;
  /** The exact bytes of the file. */
  readonly bytes: Uint8Array;
  /** Printable on a terminal (everything but the UTF-16 .reg). */
  readonly text?: string;
  /** Things worth saying that do not stop the command. */
  readonly warnings: readonly string[];
}

/** Reads and checks the options, then builds the requested output: everything but writing it. */
export function buildPolicy(values: Values): PolicyOutput {
  const format = oneOf(values, 'format', FORMATS);
  if (format === undefined) throw new UsageError(`policy: missing --format (one of ${FORMATS.join(', ')}; see cordon policy --help)`);
  for (const [option, formats] of Object.entries(ONLY_FOR)) {
    if (values[option] !== undefined && !formats.includes(format)) {
      throw new UsageError(`policy: --${option} does not apply to --format ${format}${WHERE_ELSE[format] ? `: ${WHERE_ELSE[format]}` : ''}`);
    }
  }

  const organization = requiredString(values, 'org', 'policy');
  const listUrl = optionalString(values, 'list-url');
  const pubs = stringList(values, 'pub');
  const builtin = optionalString(values, 'builtin-apps');
  const listId = optionalString(values, 'list-id');
  const threshold = positiveInteger(values, 'threshold');
  const refreshMinutes = positiveInteger(values, 'refresh-minutes');
  const supportUrl = optionalString(values, 'support');
  const reportUrl = optionalString(values, 'report-url');
  const reportBlockedVisits = flag(values, 'report-blocked-visits');
  const deviceLabel = optionalString(values, 'device-label');
  const checkToken = optionalString(values, 'check-token');
  const groupList = optionalString(values, 'groups');
  const groups = groupList === undefined ? undefined : groupList.split(',').map((g) => g.trim()).filter((g) => g !== '');

  const signed = listUrl !== undefined || pubs.length > 0 || listId !== undefined || threshold !== undefined;
  if (!signed && builtin === undefined) {
    throw new UsageError('policy: give --list-url and --pub for a signed list, or --builtin-apps for built-in catalogue entries (see cordon policy --help)');
  }

  const trustedKeys = pubs.map(publicKeyArg);
  const problems: string[] = [];
  trustedKeys.forEach((key, i) => {
    const check = checkPublicKey(key);
    if (!check.ok) problems.push(`--pub #${i + 1} ${check.message}`);
    else if (trustedKeys.indexOf(key) !== i) problems.push(`--pub #${i + 1} repeats --pub #${trustedKeys.indexOf(key) + 1}: a key pinned twice is still one signer`);
    const published = publishedTestKeyName(key);
    if (published !== undefined) problems.push(`--pub #${i + 1} is Cordon's published test key "${published}": its private key is public (create your own with cordon keygen)`);
  });
  if (listId !== undefined && !LIST_ID.test(listId)) {
    problems.push(`--list-id must be 1 to 64 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit (as in the signed list), not "${listId}"`);
  }
  const builtinApps = builtin === undefined ? undefined : builtin.split(',').map((id) => id.trim()).filter((id) => id !== '');

  // The threshold is always written, so the policy says what it means: the extension reads a missing
  // threshold with several keys as "all of them", and a dropped listId as "accept nothing".
  const distinctKeys = new Set(trustedKeys).size;
  const writtenThreshold = threshold ?? (signed ? Math.max(1, distinctKeys) : undefined);
  const settings: ManagedSettings = {
    ...(listUrl === undefined ? {} : { listUrl }),
    ...(pubs.length === 0 ? {} : { trustedKeys }),
    ...(writtenThreshold === undefined ? {} : { threshold: writtenThreshold }),
    ...(listId === undefined ? {} : { listId }),
    ...(refreshMinutes === undefined ? {} : { refreshMinutes }),
    organization,
    ...(supportUrl === undefined ? {} : { supportUrl }),
    ...(builtinApps === undefined ? {} : { builtinApps }),
    ...(reportUrl === undefined ? {} : { reportUrl }),
    ...(reportBlockedVisits ? { reportBlockedVisits } : {}),
    ...(deviceLabel === undefined ? {} : { deviceLabel }),
    ...(checkToken === undefined ? {} : { checkToken }),
    ...(groups === undefined ? {} : { groups }),
  };
  // The extension's own check of the whole policy: what it would refuse is refused here first. Its
  // key errors repeat checkPublicKey's above, which name the --pub argument.
  const checked = parsePolicy(settings as unknown as Readonly<Record<string, unknown>>);
  if (!checked.ok) problems.push(...checked.errors.filter((e) => !/^trustedKeys\[\d+\] /.test(e)).map(inOptionTerms));
  // Reporting is read apart by the extension (a mistake there turns reporting off, not enforcement),
  // but a file that would switch it off by mistake is refused here all the same.
  const reporting = parseReporting(settings as unknown as Readonly<Record<string, unknown>>);
  if (reporting.kind === 'invalid') problems.push(...reporting.errors.map(inOptionTerms));
  if (problems.length > 0) throw new PolicyInputError(problems);
  const warnings =
    listUrl !== undefined && new URL(listUrl).protocol === 'http:'
      ? ['--list-url is plain http on this machine; Cordon accepts that only for test servers on the same machine']
      : [];

  const browser = oneOf(values, 'browser', BROWSERS) ?? 'chrome';
  const extensionId = optionalString(values, 'extension-id') ?? DEFAULT_EXTENSION_ID;
  if (!EXTENSION_ID.test(extensionId)) throw new UsageError(`--extension-id must be 32 letters a to p (as chrome://extensions shows it), not "${extensionId}"`);
  const disableIncognito = flag(values, 'disable-incognito');

  switch (format) {
    case 'google-admin': {
      const text = jsonText(googleAdminPolicy(settings));
      return { format, bytes: Buffer.from(text, 'utf8'), text, warnings };
    }
    case 'firefox': {
      const xpiUrl = optionalString(values, 'xpi-url');
      if (xpiUrl === undefined) throw new UsageError('policy: --format firefox needs --xpi-url: where Firefox downloads the signed cordon .xpi (https: or file:)');
      const problem = xpiUrlProblem(xpiUrl);
      if (problem !== undefined) throw new UsageError(`--xpi-url ${problem}, not "${xpiUrl}"`);
      const text = jsonText(firefoxPolicy({ geckoId: GECKO_ID, xpiUrl, settings, disableIncognito }));
      return { format, bytes: Buffer.from(text, 'utf8'), text, warnings };
    }
    default: {
      const kit: ChromiumKit = {
        browser,
        extensionId,
        updateUrl: fetchUrl(values, 'update-url') ?? CHROME_WEB_STORE_UPDATE_URL,
        settings,
        disableIncognito,
        disableDeveloperMode: flag(values, 'disable-developer-mode'),
      };
      if (format === 'windows') return { format, bytes: registryFile(kit, registryComment(kit)), warnings };
      const text = format === 'macos' ? mobileconfigText(kit) : jsonText(chromiumPolicy(kit));
      return { format, bytes: Buffer.from(text, 'utf8'), text, warnings };
    }
  }
}

function xpiUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol === 'file:') return undefined;
  return listUrlProblem(value)?.replace('https: URL', 'https: (or file:) URL');
}

/** Several one-line problems with the given values (exit 2, like any wrong command line). */
class PolicyInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

export const policy: Command = {
  name: 'policy',
  summary: 'print the enterprise policy that installs and configures Cordon',
  help: `Usage: cordon policy --format F --org NAME (--list-url URL --pub KEY [--pub KEY2 ...] | --builtin-apps IDS) [options]

Prints a ready enterprise policy that force-installs Cordon, pins it to the toolbar, turns off
network prediction (Chromium) and gives it its settings, checked first by the same code the
extension runs (src/core/policy.ts). Deployment steps for each format: docs/deploying.md.

Formats:
  linux          Chromium, Chrome or Edge on Linux: a JSON file for /etc/chromium/policies/managed/,
                 /etc/opt/chrome/policies/managed/ or /etc/opt/edge/policies/managed/
  windows        a .reg file (UTF-16) for HKEY_LOCAL_MACHINE; needs --out
  macos          a configuration profile (.mobileconfig) for an MDM
  google-admin   the JSON for the Google Admin console's "Policy for extensions" box
  firefox        Firefox's policies.json; needs --xpi-url

Settings (the extension's managed policy, docs/policy.md):
  --org NAME             organisation shown to employees (required)
  --list-url URL         https: URL of the signed blocklist
  --pub KEY              pinned public key (base64 of the raw 32 bytes, or a .pub file); repeatable
  --threshold N          distinct pinned keys that must have signed (default: all of them; written
                         out always, since a browser reads a missing threshold with several keys so)
  --list-id ID           the listId the list must carry (required with a signed list)
  --refresh-minutes N    how often to check for a new list, 5 to 1440 (default 60)
  --support URL          https: or mailto: link shown to employees
  --builtin-apps IDS     comma-separated catalogue ids (cordon catalog): without a signed list, what is
                         blocked; beside one, the floor enforced while no list verifies (default tiktok)
  --report-url URL       https: OpenTelemetry OTLP/HTTP logs endpoint for status reports (docs/reporting.md);
                         without it nothing is ever sent
  --report-blocked-visits  also report blocked visits and warnings passed (app, host, time; never the path)
  --device-label TEXT    this device's name in reports (for per-device files an MDM fills in)
  --groups NAMES         comma-separated groups of the devices this policy is for (per OU or device
                         group), shown to employees and sent with access requests
  --check-token TEXT     any text; a new value makes every browser check for its list at once
                         (docs/deploying.md, emergency retraction)

Installation:
  --browser B            chrome (default), edge or chromium: registry key, macOS domain and toolbar field
  --extension-id ID      the extension's ID in that browser (default ${DEFAULT_EXTENSION_ID},
                         fixed by the manifest key; a store listing has the ID the store gave it)
  --update-url URL       where the browser fetches the extension (default the Chrome Web Store,
                         ${CHROME_WEB_STORE_UPDATE_URL}; Edge Add-ons:
                         https://edge.microsoft.com/extensionwebstorebase/v1/crx; or your own update manifest)
  --xpi-url URL          firefox: the signed .xpi to install (https: or file:)
  --disable-incognito    also turn off Incognito / private browsing, where no extension runs unless
                         the user allows it (affects every user)
  --disable-developer-mode  Chromium: also turn off developer mode on the extensions page (affects users)
  --out FILE             write the file instead of printing it
  -h, --help             show this help

Exit status: 0 success, 1 the file could not be written, 2 wrong usage or a setting the extension
would refuse.`,
  options: {
    format: { type: 'string' },
    org: { type: 'string' },
    'list-url': { type: 'string' },
    pub: { type: 'string', multiple: true },
    threshold: { type: 'string' },
    'list-id': { type: 'string' },
    'refresh-minutes': { type: 'string' },
    support: { type: 'string' },
    'builtin-apps': { type: 'string' },
    'report-url': { type: 'string' },
    'report-blocked-visits': { type: 'boolean' },
    'device-label': { type: 'string' },
    'check-token': { type: 'string' },
    groups: { type: 'string' },
    browser: { type: 'string' },
    'extension-id': { type: 'string' },
    'update-url': { type: 'string' },
    'xpi-url': { type: 'string' },
    'disable-incognito': { type: 'boolean' },
    'disable-developer-mode': { type: 'boolean' },
    out: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`policy: unexpected argument ${positionals[0]} (see cordon policy --help)`);
    let output: PolicyOutput;
    try {
      output = buildPolicy(values);
    } catch (e) {
      if (!(e instanceof PolicyInputError)) throw e;
      for (const problem of e.problems) io.err(`cordon: policy: ${problem}`);
      return EXIT_USAGE;
    }
    for (const warning of output.warnings) io.err(`cordon: warning: ${warning}`);
    const out = optionalString(values, 'out');
    if (out === undefined) {
      if (output.text === undefined) throw new UsageError(`policy: --format ${output.format} writes a UTF-16 file: give --out FILE`);
      io.out(output.text.trimEnd());
      return EXIT_OK;
    }
    // Next to the target and renamed, so a deployment tool never picks up half a policy.
    writeFileAtomic(out, output.bytes);
    io.err(`cordon: wrote ${out} (${output.format}, ${output.bytes.length} bytes)`);
    return EXIT_OK;
  },
};
