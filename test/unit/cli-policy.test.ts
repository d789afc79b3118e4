/**
 * `cordon policy`: every format parses with a reader of its own kind (JSON.parse, a .reg reader that
 * applies the file to a registry model and converts it the way Chromium does, a well-formedness-checking
 * XML reader for the plist), says the same thing as the Linux JSON, and comes out byte-identical for the
 * same inputs. Values the extension would refuse are refused here, one line each. Real Chromium
 * accepting the Linux JSON is test/browser/policy-kit.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSION_ID, GECKO_ID } from '../../src/cli/commands/policy.ts';
import { CHROME_WEB_STORE_UPDATE_URL } from '../../src/cli/policy/formats.ts';
import { VECTORS_DIR } from '../vectors/vectors.ts';
import { runCordonBin, runCordonInProcess, type CliRun } from '../support/cli.ts';

// Fresh keys: the committed test keys are refused by the extension and by cordon policy (below).
const newPublicKey = () => Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)).toString('base64');
const PUB_A = newPublicKey();
const PUB_B = newPublicKey();
const TEST_KEY = readFileSync(join(VECTORS_DIR, 'keys', 'signer-a.pub'), 'utf8').trim();
const LIST_URL = 'https://lists.acme.example/cordon/blocklist.signed.json';
/** Every character XML and .reg files must escape, and one outside Latin-1. */
const ORG = 'Acme & Søns <"Q"> \\ Corp';

/** Each spawn of the binary starts tsx (about 0.7 s, several seconds on a loaded machine). */
const SPAWN_TIMEOUT = 30_000;

const cordon = (args: readonly string[]) => runCordonInProcess(args);
const bin = (args: readonly string[]) => runCordonBin(args, tmp);

const tmp = mkdtempSync(join(tmpdir(), 'cordon-policy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));




/** One `cordon: ...` line per problem, and nothing that looks like a stack trace. */
function expectCleanError(run: CliRun, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(pattern);
  for (const line of run.stderr.trimEnd().split('\n')) expect(line).toMatch(/^cordon: /);
  expect(run.stderr).not.toMatch(/^\s+at |node:internal|Error:/m);
}

const SIGNED = [
  '--list-url', LIST_URL, '--pub', PUB_A, '--pub', PUB_B, '--threshold', '2', '--list-id', 'acme-work-browsers',
  '--refresh-minutes', '30', '--org', ORG, '--support', 'mailto:security@acme.example',
];
const SETTINGS = {
  listUrl: LIST_URL,
  trustedKeys: [PUB_A, PUB_B],
  threshold: 2,
  listId: 'acme-work-browsers',
  refreshMinutes: 30,
  organization: ORG,
  supportUrl: 'mailto:security@acme.example',
};

async function ok(args: readonly string[]): Promise<string> {
  const run = await cordon(['policy', ...args]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  return run.stdout;
}

async function written(args: readonly string[], name: string): Promise<Buffer> {
  const out = join(tmp, name);
  const run = await cordon(['policy', ...args, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(new RegExp(`^cordon: wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
  return readFileSync(out);
}

type Json = string | number | boolean | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------------------------------------------
// A .reg reader: applies the file to a registry model (deletions included), then reads policy back the
// way Chromium does (registry_dict.cc): DWORD → integer, REG_SZ → string, a subkey of numbered values →
// list, a dictionary policy's REG_SZ → parsed JSON.

type RegValue = { readonly type: 'sz'; readonly data: string } | { readonly type: 'dword'; readonly data: number };
type Registry = Map<string, Map<string, RegValue>>;

function decodeReg(bytes: Buffer): string[] {
  expect([bytes[0], bytes[1]], 'UTF-16LE byte-order mark').toEqual([0xff, 0xfe]);
  const text = bytes.subarray(2).toString('utf16le');
  expect(Buffer.from(text, 'utf16le').equals(bytes.subarray(2)), 'valid UTF-16LE').toBe(true);
  expect(text.replace(/\r\n/g, ''), 'CRLF line ends only').not.toMatch(/[\r\n]/);
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.split('\r\n');
  expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
  return lines.slice(1);
}

function applyReg(lines: readonly string[], registry: Registry = new Map()): Registry {
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  let current: Map<string, RegValue> | undefined;
  for (const line of lines) {
    if (line === '' || line.startsWith(';')) continue;
    const section = /^\[(-?)(HKEY_LOCAL_MACHINE\\[^\]]+)\]$/.exec(line);
    if (section) {
      const [, remove, key = ''] = section;
      if (remove) {
        for (const existing of [...registry.keys()]) {
          if (existing.toLowerCase() === key.toLowerCase() || existing.toLowerCase().startsWith(`${key.toLowerCase()}\\`)) registry.delete(existing);
        }
        current = undefined;
      } else {
        current = registry.get(key) ?? new Map();
        registry.set(key, current);
      }
      continue;
    }
    const value = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (!value || !current) throw new Error(`not a .reg line (or a value outside a key): ${line}`);
    const [, name = '', sz, dword] = value;
    current.set(unescape(name), sz !== undefined ? { type: 'sz', data: unescape(sz) } : { type: 'dword', data: parseInt(dword ?? '', 16) });
  }
  return registry;
}

function readKey(registry: Registry, key: string, dictPolicies: readonly string[] = []): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [name, value] of registry.get(key) ?? []) {
    out[name] = value.type === 'dword' ? value.data : dictPolicies.includes(name) ? (JSON.parse(value.data) as Json) : value.data;
  }
  for (const child of registry.keys()) {
    const rest = child.startsWith(`${key}\\`) ? child.slice(key.length + 1) : undefined;
    if (rest === undefined || rest.includes('\\')) continue;
    const items = [...(registry.get(child) ?? [])];
    if (!items.every(([n]) => /^\d+$/.test(n))) continue; // only lists here; 3rdparty is read on its own
    out[rest] = items.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v.data);
  }
  return out;
}

function chromiumPolicyFromRegistry(registry: Registry, root: string, id: string): Record<string, Json> {
  return {
    ...readKey(registry, root, ['ExtensionSettings']),
    '3rdparty': { extensions: { [id]: readKey(registry, `${root}\\3rdparty\\extensions\\${id}\\policy`) } },
  };
}

// ---------------------------------------------------------------------------------------------------
// A minimal XML reader: refuses anything not well-formed (unbalanced or mismatched tags, a raw "<" or
// "&" in text, an unknown entity), then turns the plist elements into values.

interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function parseXml(xml: string): XmlElement {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '').replace(/^<!DOCTYPE plist PUBLIC "[^"]*" "[^"]*">\s*/, '');
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tokens = body.split(/(<[^>]*>)/);
  for (const token of tokens) {
    const top = stack.at(-1);
    if (!top) throw new Error('content after the root element');
    if (token.startsWith('<')) {
      const tag = /^<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w-]+="[^"<&]*")*)\s*(\/?)>$/.exec(token);
      if (!tag) throw new Error(`malformed tag ${token}`);
      const [, close, name = '', , selfClose] = tag;
      if (close) {
        if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
        stack.pop();
      } else {
        const element: XmlElement = { name, children: [], text: '' };
        top.children.push(element);
        if (!selfClose) stack.push(element);
      }
    } else {
      if (/[<>]/.test(token)) throw new Error(`raw markup character in text: ${token}`);
      top.text += token.replace(/&([^;]*);|&/g, (m, entity?: string) => {
        if (entity === undefined) throw new Error('raw & in text');
        const ch = ENTITIES[entity];
        if (ch === undefined) throw new Error(`unknown entity &${entity};`);
        return ch;
      });
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  const [plist, ...more] = root.children;
  if (!plist || more.length > 0 || root.text.trim() !== '') throw new Error('not exactly one root element');
  return plist;
}

function plistValue(el: XmlElement): Json {
  switch (el.name) {
    case 'string':
      return el.text;
    case 'integer':
      expect(el.text).toMatch(/^-?\d+$/);
      return Number(el.text);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'array':
      return el.children.map(plistValue);
    case 'dict': {
      const out: Record<string, Json> = {};
      for (let i = 0; i < el.children.length; i += 2) {
        const key = el.children[i];
        const value = el.children[i + 1];
        if (key?.name !== 'key' || !value) throw new Error('a dict holds key/value pairs');
        if (key.text in out) throw new Error(`repeated key ${key.text}`);
        out[key.text] = plistValue(value);
      }
      return out;
    }
    default:
      throw new Error(`<${el.name}> is not a plist value`);
  }
}

function readPlist(xml: string): Record<string, Json> {
  const plist = parseXml(xml);
  expect(plist.name).toBe('plist');
  expect(plist.children).toHaveLength(1);
  return plistValue(plist.children[0] as XmlElement) as Record<string, Json>;
}

const withoutPayloadKeys = (dict: Record<string, Json>) => Object.fromEntries(Object.entries(dict).filter(([k]) => !k.startsWith('Payload')));

// ---------------------------------------------------------------------------------------------------

describe('cordon policy: each format parses and says the same thing', () => {
  const expectedLinux = {
    ExtensionInstallForcelist: [`${DEFAULT_EXTENSION_ID};${CHROME_WEB_STORE_UPDATE_URL}`],
    ExtensionSettings: {
      [DEFAULT_EXTENSION_ID]: { installation_mode: 'force_installed', update_url: CHROME_WEB_STORE_UPDATE_URL, toolbar_pin: 'force_pinned' },
    },
    NetworkPredictionOptions: 2,
    '3rdparty': { extensions: { [DEFAULT_EXTENSION_ID]: SETTINGS } },
  };

  it('linux: the Chromium policy file, addressed to the manifest key\'s ID, from the Chrome Web Store by default', async () => {
    const text = await ok(['--format', 'linux', ...SIGNED]);
    expect(DEFAULT_EXTENSION_ID).toBe('cpekbjffbmhffkgecoaenakmlnmnchcl');
    expect(JSON.parse(text)).toEqual(expectedLinux);
    // Settings in the schema's order, as an admin reading chrome://policy expects them.
    expect(Object.keys(JSON.parse(text)['3rdparty'].extensions[DEFAULT_EXTENSION_ID])).toEqual(Object.keys(SETTINGS));
  });

  it('reporting and checkToken are written as given, in every format; a plain-http collector is refused in option terms', async () => {
    const extra = ['--report-url', 'https://otel.acme.example/v1/logs', '--report-blocked-visits', '--device-label', 'LT-0042', '--check-token', 'retraction-1'];
    const policy = JSON.parse(await ok(['--format', 'linux', ...SIGNED, ...extra]));
    expect(policy['3rdparty'].extensions[DEFAULT_EXTENSION_ID]).toEqual({
      ...SETTINGS,
      reportUrl: 'https://otel.acme.example/v1/logs',
      reportBlockedVisits: true,
      deviceLabel: 'LT-0042',
      checkToken: 'retraction-1',
    });
    const bad = await runCordonInProcess(['policy', '--format', 'linux', ...SIGNED, '--report-url', 'http://otel.acme.example/v1/logs']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--report-url \(reportUrl\) must be an https: URL/);
  });

  it('linux: --browser edge, --extension-id, --update-url and the optional lock-downs', async () => {
    const id = 'abcdefghijklmnopabcdefghijklmnop';
    const edgeStore = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx';
    const policy = JSON.parse(
      await ok(['--format', 'linux', '--builtin-apps', 'tiktok, temu', '--org', 'Acme', '--browser', 'edge', '--extension-id', id,
        '--update-url', edgeStore, '--disable-incognito', '--disable-developer-mode']),
    );
    expect(policy).toEqual({
      ExtensionInstallForcelist: [`${id};${edgeStore}`],
      ExtensionSettings: { [id]: { installation_mode: 'force_installed', update_url: edgeStore, toolbar_state: 'force_shown' } },
      NetworkPredictionOptions: 2,
      MandatoryExtensionsForInPrivateNavigation: [id],
      IncognitoModeAvailability: 1,
      ExtensionDeveloperModeSettings: 1,
      '3rdparty': { extensions: { [id]: { organization: 'Acme', builtinApps: ['tiktok', 'temu'] } } },
    });
  });

  it('edge: Cordon is made mandatory in InPrivate windows (Edge 139+), in every Edge format; Chrome and Chromium get no such key', async () => {
    const linux = JSON.parse(await ok(['--format', 'linux', ...SIGNED, '--browser', 'edge'])) as Record<string, Json>;
    expect(linux.MandatoryExtensionsForInPrivateNavigation).toEqual([DEFAULT_EXTENSION_ID]);
    const root = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge';
    const registry = applyReg(decodeReg(await written(['--format', 'windows', ...SIGNED, '--browser', 'edge'], 'edge-inprivate.reg')));
    expect(chromiumPolicyFromRegistry(registry, root, DEFAULT_EXTENSION_ID).MandatoryExtensionsForInPrivateNavigation).toEqual([DEFAULT_EXTENSION_ID]);
    const profile = readPlist(await ok(['--format', 'macos', ...SIGNED, '--browser', 'edge']));
    const browserPayload = (profile.PayloadContent as Record<string, Json>[])[0] ?? {};
    expect(browserPayload.MandatoryExtensionsForInPrivateNavigation).toEqual([DEFAULT_EXTENSION_ID]);
    for (const browser of ['chrome', 'chromium']) {
      expect(JSON.parse(await ok(['--format', 'linux', ...SIGNED, '--browser', browser]))).not.toHaveProperty('MandatoryExtensionsForInPrivateNavigation');
    }
  });

  it('google-admin: only the settings, each wrapped as {"Value": ...}', async () => {
    const policy = JSON.parse(await ok(['--format', 'google-admin', ...SIGNED]));
    expect(policy).toEqual(Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, { Value: v }])));
  });

  it('firefox: force-installed from --xpi-url, in private windows too, with the settings under 3rdparty.Extensions', async () => {
    const xpi = 'https://downloads.acme.example/cordon-0.1.0.xpi';
    const policy = JSON.parse(await ok(['--format', 'firefox', ...SIGNED, '--xpi-url', xpi]));
    expect(GECKO_ID).toBe('cordon@cordon-browser.org');
    expect(policy).toEqual({
      policies: {
        ExtensionSettings: { [GECKO_ID]: { installation_mode: 'force_installed', install_url: xpi, private_browsing: true, default_area: 'navbar' } },
        '3rdparty': { Extensions: { [GECKO_ID]: SETTINGS } },
      },
    });
    const locked = JSON.parse(await ok(['--format', 'firefox', '--builtin-apps', 'tiktok', '--org', 'Acme', '--xpi-url', 'file:///opt/cordon/cordon.xpi', '--disable-incognito']));
    expect(locked.policies.DisablePrivateBrowsing).toBe(true);
  });

  // Firefox ships the schema it validates policies.json against; where Firefox ESR is installed, hold
  // the generated policy to it (every field known, of the right type and value).
  const omni = '/usr/lib/firefox-esr/browser/omni.ja';
  const unzip = spawnSync('unzip', ['-v']).status === 0;
  it.skipIf(!existsSync(omni) || !unzip)(`firefox: every field is in Firefox's own policies-schema.json (needs ${omni} and unzip)`, async () => {
    const schema = JSON.parse(spawnSync('unzip', ['-p', omni, 'modules/policies/policies-schema.json'], { encoding: 'utf8' }).stdout) as {
      properties: Record<string, { type?: string; properties?: Record<string, unknown>; patternProperties?: Record<string, { properties: Record<string, { type: string; enum?: string[] }> }> }>;
    };
    const policy = JSON.parse(await ok(['--format', 'firefox', ...SIGNED, '--xpi-url', 'https://x.example/c.xpi', '--disable-incognito'])).policies;
    for (const name of Object.keys(policy)) expect(schema.properties, name).toHaveProperty([name]);
    expect(schema.properties.DisablePrivateBrowsing?.type).toBe('boolean');
    expect(schema.properties['3rdparty']?.properties).toHaveProperty(['Extensions']);
    const entrySchema = Object.values(schema.properties.ExtensionSettings?.patternProperties ?? {})[0]?.properties ?? {};
    for (const [field, value] of Object.entries(policy.ExtensionSettings[GECKO_ID] as Record<string, unknown>)) {
      const fieldSchema = entrySchema[field];
      expect(fieldSchema, field).toBeDefined();
      expect(typeof value, field).toBe(fieldSchema?.type);
      if (fieldSchema?.enum) expect(fieldSchema.enum, field).toContain(value);
    }
  });

  it('windows: a UTF-16LE .reg that, imported, gives Chromium exactly the Linux policy', async () => {
    const bytes = await written(['--format', 'windows', ...SIGNED], 'chrome.reg');
    const lines = decodeReg(bytes);
    const root = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome';
    const registry = applyReg(lines);
    expect(chromiumPolicyFromRegistry(registry, root, DEFAULT_EXTENSION_ID)).toEqual(expectedLinux);
    // Types as Chromium reads them: integers as DWORD, lists as numbered values.
    const policyKey = `${root}\\3rdparty\\extensions\\${DEFAULT_EXTENSION_ID}\\policy`;
    expect(registry.get(policyKey)?.get('threshold')).toEqual({ type: 'dword', data: 2 });
    expect(registry.get(root)?.get('NetworkPredictionOptions')).toEqual({ type: 'dword', data: 2 });
    expect([...(registry.get(`${policyKey}\\trustedKeys`) ?? [])]).toEqual([['1', { type: 'sz', data: PUB_A }], ['2', { type: 'sz', data: PUB_B }]]);
    // The escaped organisation reads back exactly.
    expect(registry.get(policyKey)?.get('organization')).toEqual({ type: 'sz', data: ORG });
  });

  it('windows: importing a new .reg over an old one leaves nothing of the old settings (key rotation)', async () => {
    const root = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome';
    const before = applyReg(decodeReg(await written(['--format', 'windows', ...SIGNED], 'before.reg')));
    const rotated = ['--list-url', LIST_URL, '--pub', PUB_B, '--list-id', 'acme-work-browsers', '--org', 'Acme'];
    const after = applyReg(decodeReg(await written(['--format', 'windows', ...rotated], 'after.reg')), before);
    const settings = chromiumPolicyFromRegistry(after, root, DEFAULT_EXTENSION_ID)['3rdparty'];
    expect(settings).toEqual({
      extensions: { [DEFAULT_EXTENSION_ID]: { listUrl: LIST_URL, trustedKeys: [PUB_B], threshold: 1, listId: 'acme-work-browsers', organization: 'Acme' } },
    });
  });

  it('windows: --browser edge and chromium write under their own policy keys', async () => {
    for (const [browser, root] of [
      ['edge', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge'],
      ['chromium', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium'],
    ] as const) {
      const registry = applyReg(decodeReg(await written(['--format', 'windows', ...SIGNED, '--browser', browser], `${browser}.reg`)));
      expect([...registry.keys()].every((key) => key.startsWith(root)), browser).toBe(true);
      expect(chromiumPolicyFromRegistry(registry, root, DEFAULT_EXTENSION_ID)['3rdparty'], browser).toEqual(expectedLinux['3rdparty']);
    }
  });

  it('macos: a well-formed configuration profile with the browser payload and the extension\'s managed domain', async () => {
    const xml = await ok(['--format', 'macos', ...SIGNED]);
    const profile = readPlist(xml);
    expect(profile).toMatchObject({
      PayloadType: 'Configuration',
      PayloadScope: 'System',
      PayloadVersion: 1,
      PayloadIdentifier: 'org.cordon-browser.policy.chrome',
      PayloadOrganization: ORG,
    });
    const [browserPayload, extensionPayload, ...rest] = profile.PayloadContent as Record<string, Json>[];
    expect(rest).toEqual([]);
    expect(browserPayload?.PayloadType).toBe('com.google.Chrome');
    expect(extensionPayload?.PayloadType).toBe(`com.google.Chrome.extensions.${DEFAULT_EXTENSION_ID}`);
    const { '3rdparty': _settings, ...browserPolicies } = expectedLinux;
    expect(withoutPayloadKeys(browserPayload ?? {})).toEqual(browserPolicies);
    expect(withoutPayloadKeys(extensionPayload ?? {})).toEqual(SETTINGS);
    const uuids = [profile.PayloadUUID, browserPayload?.PayloadUUID, extensionPayload?.PayloadUUID];
    for (const uuid of uuids) expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(new Set(uuids).size).toBe(3);
    expect(xml).toContain('<string>Acme &amp; Søns &lt;"Q"&gt; \\ Corp</string>');
  });

  it('macos: --browser edge uses Edge\'s preference domains', async () => {
    const profile = readPlist(await ok(['--format', 'macos', ...SIGNED, '--browser', 'edge']));
    const types = (profile.PayloadContent as Record<string, Json>[]).map((p) => p.PayloadType);
    expect(types).toEqual(['com.microsoft.Edge', `com.microsoft.Edge.extensions.${DEFAULT_EXTENSION_ID}`]);
  });

  const python = spawnSync('python3', ['-c', 'import plistlib']).status === 0;
  it.skipIf(!python)('macos: Python\'s plistlib (an independent reader) reads the same profile (needs python3)', async () => {
    const xml = await ok(['--format', 'macos', ...SIGNED]);
    const read = spawnSync('python3', ['-c', 'import json, plistlib, sys; json.dump(plistlib.loads(sys.stdin.buffer.read()), sys.stdout)'], { input: xml, encoding: 'utf8' });
    expect(read.status, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual(readPlist(xml));
  });

  it('is reproducible: the same inputs give the same bytes; a changed input changes the profile\'s UUIDs', async () => {
    for (const format of ['linux', 'macos', 'google-admin']) expect(await ok(['--format', format, ...SIGNED])).toBe(await ok(['--format', format, ...SIGNED]));
    expect((await written(['--format', 'windows', ...SIGNED], 'a.reg')).equals(await written(['--format', 'windows', ...SIGNED], 'b.reg'))).toBe(true);
    const uuids = async (args: readonly string[]) => (await ok(['--format', 'macos', ...args])).match(/[0-9A-F]{8}-[0-9A-F-]{27}/g);
    const base = await uuids(SIGNED);
    const changed = await uuids(SIGNED.map((a) => (a === '30' ? '45' : a)));
    expect(changed?.[0]).toBe(base?.[0]); // the browser payload did not change
    expect(changed?.[1]).not.toBe(base?.[1]);
    expect(changed?.[2]).not.toBe(base?.[2]);
  });

  it('--out writes exactly what is printed; --pub takes a key file as keygen writes it', async () => {
    const printed = await ok(['--format', 'linux', ...SIGNED]);
    expect((await written(['--format', 'linux', ...SIGNED], 'policy.json')).toString('utf8')).toBe(printed);
    const pubFile = join(tmp, 'signer-a.pub');
    writeFileSync(pubFile, `${PUB_A}\n`);
    expect(JSON.parse(await ok(['--format', 'google-admin', '--list-url', LIST_URL, '--pub', pubFile, '--list-id', 'a', '--org', 'Acme'])).trustedKeys).toEqual({ Value: [PUB_A] });
  });

  it('always writes the threshold (all pinned keys unless told otherwise) and the listId', async () => {
    const settingsOf = async (args: readonly string[]) =>
      (JSON.parse(await ok(['--format', 'linux', '--list-url', LIST_URL, '--list-id', 'acme', '--org', 'Acme', ...args])) as { '3rdparty': { extensions: Record<string, Record<string, Json>> } })['3rdparty'].extensions[DEFAULT_EXTENSION_ID];
    expect(await settingsOf(['--pub', PUB_A])).toMatchObject({ threshold: 1, listId: 'acme' });
    expect(await settingsOf(['--pub', PUB_A, '--pub', PUB_B])).toMatchObject({ threshold: 2 });
    expect(await settingsOf(['--pub', PUB_A, '--pub', PUB_B, '--threshold', '1'])).toMatchObject({ threshold: 1 });
  });

  it('built-in apps beside a signed list: the floor enforced while no list verifies', async () => {
    const policy = JSON.parse(await ok(['--format', 'linux', '--list-url', LIST_URL, '--pub', PUB_A, '--list-id', 'acme', '--builtin-apps', 'tiktok,deepseek', '--org', 'Acme'])) as {
      '3rdparty': { extensions: Record<string, Record<string, Json>> };
    };
    expect(policy['3rdparty'].extensions[DEFAULT_EXTENSION_ID]).toMatchObject({ builtinApps: ['tiktok', 'deepseek'], listId: 'acme' });
  });

  it('through the real binary', async () => {
    const run = await bin(['policy', '--format', 'linux', ...SIGNED]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expectedLinux);
  }, SPAWN_TIMEOUT);
});

describe('cordon policy refuses what the extension would refuse, one line each', () => {
  const cases: [string, string[], RegExp][] = [
    ['a key that is not 32 bytes', ['--list-url', LIST_URL, '--pub', 'AAAA', '--org', 'Acme'], /^cordon: policy: --pub #1 is 3 bytes; an Ed25519 public key is 32$/m],
    ['a key that is not base64', ['--list-url', LIST_URL, '--pub', 'not a key!', '--org', 'Acme'], /^cordon: policy: --pub #1 is not valid base64/m],
    ['a small-order key', ['--list-url', LIST_URL, '--pub', `AQ${'A'.repeat(41)}=`, '--org', 'Acme'], /--pub #1 is a point of small order/],
    ['the same key twice', ['--list-url', LIST_URL, '--pub', PUB_A, '--pub', PUB_A, '--org', 'Acme'], /--pub #2 repeats --pub #1/],
    ['a plain-http list URL', ['--list-url', 'http://lists.acme.example/cordon.json', '--pub', PUB_A, '--org', 'Acme'], /^cordon: policy: --list-url \(listUrl\) must be an https: URL$/m],
    ['a list URL with credentials', ['--list-url', 'https://u:p@lists.acme.example/x', '--pub', PUB_A, '--org', 'Acme'], /--list-url \(listUrl\) must not carry credentials/],
    ['a javascript: support link', ['--list-url', LIST_URL, '--pub', PUB_A, '--org', 'Acme', '--support', 'javascript:alert(1)'], /^cordon: policy: --support \(supportUrl\) must be an https: or mailto: URL$/m],
    ['a threshold above the keys', ['--list-url', LIST_URL, '--pub', PUB_A, '--threshold', '2', '--org', 'Acme'], /^cordon: policy: --threshold 2 is more than the 1 distinct pinned key\(s\)$/m],
    ['a refresh outside 5 to 1440', ['--builtin-apps', 'tiktok', '--org', 'Acme', '--refresh-minutes', '2'], /--refresh-minutes \(refreshMinutes\) must be a whole number from 5 to 1440/],
    ['an unknown catalogue id', ['--builtin-apps', 'tiktok,nosuchapp', '--org', 'Acme'], /--builtin-apps \(builtinApps\) names unknown catalogue entries: nosuchapp/],
    ['a list id no list can carry', ['--list-url', LIST_URL, '--pub', PUB_A, '--list-id', 'Acme Lists', '--org', 'Acme'], /--list-id must be 1 to 64 characters/],
    ['an organisation with a line break', ['--builtin-apps', 'tiktok', '--org', 'Acme\nCorp'], /--org \(organization\) must be a line of text up to 120 characters: it contains a control/],
    ['an organisation with a bidi override', ['--builtin-apps', 'tiktok', '--org', 'Acme \u202eproC'], /--org \(organization\) must be a line of text up to 120 characters: it contains a control, bidirectional or invisible/],
    ["one of Cordon's published test keys", ['--list-url', LIST_URL, '--pub', TEST_KEY, '--list-id', 'a', '--org', 'Acme'], /^cordon: policy: --pub #1 is Cordon's published test key "signer-a"/m],
    ['a signed list without --list-id', ['--list-url', LIST_URL, '--pub', PUB_A, '--org', 'Acme'], /^cordon: policy: --list-id \(listId\) is missing/m],
    ['a list URL whose host ends in a dot', ['--list-url', 'https://lists.acme.example./x.json', '--pub', PUB_A, '--list-id', 'a', '--org', 'Acme'], /--list-url \(listUrl\) must not end its host name with a dot/],
    ['a list URL with a tab in it', ['--list-url', 'https://lists.acme\t.example/x.json', '--pub', PUB_A, '--list-id', 'a', '--org', 'Acme'], /--list-url \(listUrl\) must not contain whitespace/],
    ['keys without a list URL', ['--pub', PUB_A, '--org', 'Acme'], /--list-url \(listUrl\) is missing, but other signed-list settings are present/],
    ['a list URL without keys', ['--list-url', LIST_URL, '--org', 'Acme'], /--pub \(trustedKeys\) is missing/],
  ];
  it.each(cases)('%s (exit 2)', async (_name, args, pattern) => {
    expectCleanError(await cordon(['policy', '--format', 'linux', ...args]), 2, pattern);
  });

  it('every problem at once, each on its own line', async () => {
    const run = await cordon(['policy', '--format', 'linux', '--list-url', 'http://lists.acme.example/x', '--pub', 'AAAA', '--list-id', 'a', '--org', 'Acme', '--support', 'javascript:void(0)']);
    expectCleanError(run, 2, /--pub #1/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(3);
  });

  const usage: [string, string[], RegExp][] = [
    ['no --format', ['--builtin-apps', 'tiktok', '--org', 'Acme'], /missing --format/],
    ['an unknown format', ['--format', 'yaml', '--builtin-apps', 'tiktok', '--org', 'Acme'], /--format must be one of linux, windows, macos, google-admin, firefox/],
    ['no --org', ['--format', 'linux', '--builtin-apps', 'tiktok'], /missing --org/],
    ['neither a list nor built-in apps', ['--format', 'linux', '--org', 'Acme'], /give --list-url and --pub for a signed list, or --builtin-apps/],
    ['the .reg on a terminal', ['--format', 'windows', '--builtin-apps', 'tiktok', '--org', 'Acme'], /writes a UTF-16 file: give --out FILE/],
    ['firefox without --xpi-url', ['--format', 'firefox', '--builtin-apps', 'tiktok', '--org', 'Acme'], /needs --xpi-url/],
    ['a plain-http xpi', ['--format', 'firefox', '--builtin-apps', 'tiktok', '--org', 'Acme', '--xpi-url', 'http://x.example/c.xpi'], /--xpi-url must be an https: \(or file:\) URL/],
    ['a plain-http update URL', ['--format', 'linux', '--builtin-apps', 'tiktok', '--org', 'Acme', '--update-url', 'http://x.example/u.xml'], /--update-url must be an https: URL/],
    ['a malformed extension id', ['--format', 'linux', '--builtin-apps', 'tiktok', '--org', 'Acme', '--extension-id', 'cpekbjffbmhffkgecoaenakmlnmnchc'], /--extension-id must be 32 letters a to p/],
    ['an unknown browser', ['--format', 'macos', '--builtin-apps', 'tiktok', '--org', 'Acme', '--browser', 'safari'], /--browser must be one of chrome, edge, chromium/],
    ['an option the format has no use for', ['--format', 'google-admin', '--builtin-apps', 'tiktok', '--org', 'Acme', '--update-url', 'https://x.example/u'], /--update-url does not apply to --format google-admin/],
    ['developer mode on Firefox', ['--format', 'firefox', '--builtin-apps', 'tiktok', '--org', 'Acme', '--xpi-url', 'https://x.example/c.xpi', '--disable-developer-mode'], /--disable-developer-mode does not apply to --format firefox/],
    ['an unknown option', ['--format', 'linux', '--builtin-apps', 'tiktok', '--org', 'Acme', '--incognito'], /Unknown option '--incognito'/],
  ];
  it.each(usage)('%s (exit 2)', async (_name, args, pattern) => {
    expectCleanError(await cordon(['policy', ...args]), 2, pattern);
  });

  it('an unwritable --out is a failure (exit 1), still one line', async () => {
    expectCleanError(await cordon(['policy', '--format', 'linux', '--builtin-apps', 'tiktok', '--org', 'Acme', '--out', join(tmp, 'no', 'such', 'dir.json')]), 1, /^cordon: cannot write .*: no such file$/m);
  });

  it('a loopback http list URL (test servers) is accepted with a warning, as the extension accepts it', async () => {
    const run = await cordon(['policy', '--format', 'linux', '--list-url', 'http://127.0.0.1:8080/list.json', '--pub', PUB_A, '--list-id', 'a', '--org', 'Acme']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^cordon: warning: --list-url is plain http on this machine/);
  });

  it('through the real binary: one line, exit 2, no stack trace', async () => {
    expectCleanError(await bin(['policy', '--format', 'linux', '--list-url', LIST_URL, '--pub', 'AAAA', '--org', 'Acme']), 2, /--pub #1 is 3 bytes/);
  }, SPAWN_TIMEOUT);

  it('cordon --help lists the command and cordon policy --help describes every format', async () => {
    expect((await cordon(['--help'])).stdout).toMatch(/^ {2}policy {3}print the enterprise policy/m);
    const help = await cordon(['policy', '--help']);
    expect(help.code).toBe(0);
    for (const format of ['linux', 'windows', 'macos', 'google-admin', 'firefox']) expect(help.stdout).toMatch(new RegExp(`^ {2}${format} `, 'm'));
  });
});
