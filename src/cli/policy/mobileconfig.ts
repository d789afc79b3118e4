/**
 * A macOS configuration profile (.mobileconfig) for a Chromium browser: one payload in the browser's
 * preference domain (com.google.Chrome, ...) with the browser-wide policies, and one in the domain
 * Chromium reads an extension's managed settings from, "<browser domain>.extensions.<id>"
 * (components/policy/core/common/policy_loader_mac.mm, LoadPolicyForDomain). Values pushed by a
 * profile are forced managed preferences, which Chromium treats as mandatory policy.
 *
 * Reproducible: every PayloadUUID is a name-based (version 5) UUID of the payload's content, so the
 * same inputs give the same file byte for byte, and a changed policy gets new UUIDs.
 */
import { createHash } from 'node:crypto';
import { BROWSER_NAMES, chromiumBrowserPolicies, settingsObject, type ChromiumBrowser, type ChromiumKit, type PolicyObject, type PolicyValue } from './formats.ts';

export const MAC_DOMAINS: Readonly<Record<ChromiumBrowser, string>> = {
  chrome: 'com.google.Chrome',
  edge: 'com.microsoft.Edge',
  chromium: 'org.chromium.Chromium',
};

/** Cordon's own namespace for name-based UUIDs (a random UUID, fixed once). */
const UUID_NAMESPACE = 'c915200e-a580-46e8-b0c9-260c251529d7';
const PROFILE_ID_PREFIX = 'org.cordon-browser.policy';

/** RFC 9562 version 5: SHA-1 over namespace bytes and name, version and variant bits set. */
export function uuidV5(name: string, namespace = UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether the text holds a character XML 1.0 cannot carry: a C0 control but tab, LF and CR, U+FFFE, U+FFFF, a lone surrogate. */
function hasNonXmlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) return true;
    if (c >= 0xdc00 && c <= 0xdfff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    }
  }
  return false;
}

/** XML 1.0 text with the markup characters escaped. The validated inputs never hold a control character. */
export function xmlText(value: string): string {
  if (hasNonXmlCharacter(value)) throw new Error('text holds a character XML cannot carry');
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function plistValue(value: PolicyValue, indent: string): string[] {
  if (typeof value === 'string') return [`${indent}<string>${xmlText(value)}</string>`];
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`${value} is not an integer`);
    return [`${indent}<integer>${value}</integer>`];
  }
  if (typeof value === 'boolean') return [`${indent}<${value ? 'true' : 'false'}/>`];
  if (Array.isArray(value)) {
    const items = value as readonly PolicyValue[];
    if (items.length === 0) return [`${indent}<array/>`];
    return [`${indent}<array>`, ...items.flatMap((item) => plistValue(item, `${indent}  `)), `${indent}</array>`];
  }
  return plistDict(value as PolicyObject, indent);
}

function plistDict(dict: PolicyObject, indent: string): string[] {
  const entries = Object.entries(dict);
  if (entries.length === 0) return [`${indent}<dict/>`];
  return [
    `${indent}<dict>`,
    ...entries.flatMap(([key, value]) => [`${indent}  <key>${xmlText(key)}</key>`, ...plistValue(value, `${indent}  `)]),
    `${indent}</dict>`,
  ];
}

export function plistDocument(root: PolicyObject): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    ...plistDict(root, ''),
    '</plist>',
    '',
  ].join('\n');
}

function payload(type: string, identifier: string, displayName: string, content: PolicyObject): PolicyObject {
  return {
    PayloadType: type,
    PayloadIdentifier: identifier,
    PayloadUUID: uuidV5(JSON.stringify([identifier, type, content])),
    PayloadVersion: 1,
    PayloadDisplayName: displayName,
    ...content,
  };
}

export function mobileconfigProfile(kit: ChromiumKit): PolicyObject {
  const domain = MAC_DOMAINS[kit.browser];
  const name = BROWSER_NAMES[kit.browser];
  const organization = kit.settings.organization;
  const id = `${PROFILE_ID_PREFIX}.${kit.browser}`;
  const content = [
    payload(domain, `${id}.browser`, `${name}: install Cordon`, chromiumBrowserPolicies(kit)),
    payload(`${domain}.extensions.${kit.extensionId}`, `${id}.extension`, `Cordon settings`, settingsObject(kit.settings)),
  ];
  return {
    PayloadContent: content,
    PayloadDescription: `Installs the Cordon extension in ${name} (${kit.extensionId}) and configures it for ${organization}.`,
    PayloadDisplayName: `Cordon for ${name} (${organization})`,
    PayloadIdentifier: id,
    PayloadOrganization: organization,
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: uuidV5(JSON.stringify([id, content])),
    PayloadVersion: 1,
  };
}

export function mobileconfigText(kit: ChromiumKit): string {
  return plistDocument(mobileconfigProfile(kit));
}
