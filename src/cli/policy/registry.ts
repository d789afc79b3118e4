/**
 * A Windows .reg file for a Chromium browser's policy: what `reg import` and regedit read, UTF-16LE
 * with a byte-order mark and CRLF line ends, under "Windows Registry Editor Version 5.00".
 *
 * How Chromium reads policy from the registry (components/policy/core/common/registry_dict.cc and
 * policy_loader_win.cc): integers as REG_DWORD, strings as REG_SZ, a list as a subkey of numbered
 * values ("1", "2", ...), a dictionary policy as a JSON string; an extension's settings under
 * <browser key>\3rdparty\extensions\<id>\policy, converted to the extension's managed schema the same
 * way.
 */
import { BROWSER_NAMES, chromiumBrowserPolicies, settingsObject, type ChromiumBrowser, type ChromiumKit, type PolicyObject, type PolicyValue } from './formats.ts';

export const REG_HEADER = 'Windows Registry Editor Version 5.00';

export const REGISTRY_ROOTS: Readonly<Record<ChromiumBrowser, string>> = {
  chrome: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome',
  edge: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge',
  chromium: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium',
};

/** A .reg string literal: backslashes and quotes escaped. Values never hold line breaks (validated). */
function regString(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error('a registry string cannot hold a line break or NUL');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function regDword(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new Error(`${value} does not fit a REG_DWORD`);
  return `dword:${value.toString(16).padStart(8, '0')}`;
}

interface Section {
  readonly key: string;
  readonly delete?: boolean;
  readonly values: [string, string][];
}

/**
 * Writes one policy dictionary into `key`: scalars as values, string lists as numbered subkeys,
 * dictionaries as JSON strings (Chromium's form for dictionary policies such as ExtensionSettings).
 */
function sectionsFor(key: string, policy: PolicyObject): Section[] {
  const values: [string, string][] = [];
  const lists: Section[] = [];
  for (const [name, value] of Object.entries(policy)) {
    if (typeof value === 'string') values.push([name, regString(value)]);
    else if (typeof value === 'number') values.push([name, regDword(value)]);
    else if (typeof value === 'boolean') values.push([name, regDword(value ? 1 : 0)]);
    else if (Array.isArray(value)) {
      lists.push({
        key: `${key}\\${name}`,
        values: (value as readonly PolicyValue[]).map((item, i) => {
          if (typeof item !== 'string') throw new Error(`${name}: only lists of strings are written as numbered values`);
          return [String(i + 1), regString(item)];
        }),
      });
    } else values.push([name, regString(JSON.stringify(value))]);
  }
  return [{ key, values }, ...lists];
}

export function registryText(kit: ChromiumKit, comment: readonly string[]): string {
  const root = REGISTRY_ROOTS[kit.browser];
  const extensionKey = `${root}\\3rdparty\\extensions\\${kit.extensionId}`;
  const sections: Section[] = [
    ...sectionsFor(root, chromiumBrowserPolicies(kit)),
    // Importing a .reg adds and overwrites but never removes: clear Cordon's settings first, so a key
    // dropped from trustedKeys (a rotation) or a setting left out is really gone.
    { key: extensionKey, delete: true, values: [] },
    ...sectionsFor(`${extensionKey}\\policy`, settingsObject(kit.settings)),
  ];
  const lines = [REG_HEADER, '', ...comment.map((line) => `; ${line}`), ''];
  for (const section of sections) {
    lines.push(section.delete ? `[-${section.key}]` : `[${section.key}]`);
    for (const [name, data] of section.values) lines.push(`${regString(name)}=${data}`);
    lines.push('');
  }
  return lines.join('\r\n');
}

/** The file's bytes: UTF-16LE with a byte-order mark, as regedit writes and expects for version 5.00. */
export function registryFile(kit: ChromiumKit, comment: readonly string[]): Uint8Array {
  const text = registryText(kit, comment);
  const body = Buffer.from(text, 'utf16le');
  const out = new Uint8Array(2 + body.length);
  out[0] = 0xff;
  out[1] = 0xfe;
  out.set(body, 2);
  return out;
}

export function registryComment(kit: ChromiumKit): string[] {
  return [
    `Cordon for ${BROWSER_NAMES[kit.browser]}, made by \`cordon policy --format windows\`.`,
    'Import as an administrator: reg import FILE (or double-click). Machine-wide (HKEY_LOCAL_MACHINE).',
    'It writes ExtensionInstallForcelist value "1" and the whole ExtensionSettings value: if you already',
    'use those policies, merge Cordon\'s entries into yours instead (docs/deploying.md).',
  ];
}
