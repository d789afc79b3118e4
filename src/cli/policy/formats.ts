/**
 * The policy objects `cordon policy` prints: one Chromium policy (shared by the Linux JSON, the
 * Windows .reg and the macOS profile), the Google Admin console's "Policy for extensions" JSON, and
 * Firefox's policies.json. Pure functions of already-validated inputs.
 */
import type { PolicyKey } from '../../core/policy.ts';


/**
 * The managed settings Cordon reads (public/schema.json), only what was given. Its keys are the
 * schema's (a compile-time check below), so a key added to the schema must be added here too.
 */
export interface ManagedSettings {
  readonly listUrl?: string;
  readonly trustedKeys?: readonly string[];
  readonly threshold?: number;
  readonly listId?: string;
  readonly refreshMinutes?: number;
  readonly organization: string;
  readonly supportUrl?: string;
  readonly builtinApps?: readonly string[];
  readonly reportUrl?: string;
  readonly reportBlockedVisits?: boolean;
  readonly deviceLabel?: string;
  readonly checkToken?: string;
  readonly groups?: readonly string[];
}
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
const managedSettingsMatchSchema: SameKeys<ManagedSettings, Record<PolicyKey, unknown>> = true;
void managedSettingsMatchSchema;

export type ChromiumBrowser = 'chrome' | 'edge' | 'chromium';

export interface ChromiumKit {
  readonly browser: ChromiumBrowser;
  readonly extensionId: string;
  /** Where the browser fetches the extension (an update manifest URL; the store's for a store listing). */
  readonly updateUrl: string;
  readonly settings: ManagedSettings;
  readonly disableIncognito: boolean;
  readonly disableDeveloperMode: boolean;
}

export interface FirefoxKit {
  readonly geckoId: string;
  readonly xpiUrl: string;
  readonly settings: ManagedSettings;
  readonly disableIncognito: boolean;
}

export const CHROME_WEB_STORE_UPDATE_URL = 'https://clients2.google.com/service/update2/crx';

export const BROWSER_NAMES: Readonly<Record<ChromiumBrowser, string>> = {
  chrome: 'Google Chrome',
  edge: 'Microsoft Edge',
  chromium: 'Chromium',
};

/** A JSON value as the policy formats carry it. */
export type PolicyValue = string | number | boolean | readonly PolicyValue[] | { readonly [key: string]: PolicyValue };
export type PolicyObject = { readonly [key: string]: PolicyValue };

export function settingsObject(settings: ManagedSettings): PolicyObject {
  const out: Record<string, PolicyValue> = {};
  for (const [key, value] of Object.entries(settings) as [string, PolicyValue | undefined][]) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The browser-wide policies of a Chromium format, without the extension's own settings. */
export function chromiumBrowserPolicies(kit: ChromiumKit): PolicyObject {
  // Edge spells "always on the toolbar" differently, and each flags the other's spelling (Chromium 156 on
  // chrome://policy: "Schema validation error: Unknown property: toolbar_state").
  const toolbar: PolicyObject = kit.browser === 'edge' ? { toolbar_state: 'force_shown' } : { toolbar_pin: 'force_pinned' };
  return {
    ExtensionInstallForcelist: [`${kit.extensionId};${kit.updateUrl}`],
    ExtensionSettings: {
      [kit.extensionId]: { installation_mode: 'force_installed', update_url: kit.updateUrl, ...toolbar },
    },
    // Speculative connections open before any extension code runs (docs/policy.md).
    NetworkPredictionOptions: 2,
    // Edge 139+: Cordon runs in InPrivate windows too, without the user's say. Chrome has no such
    // policy; there, private windows go with --disable-incognito (docs/deploying.md).
    ...(kit.browser === 'edge' ? { MandatoryExtensionsForInPrivateNavigation: [kit.extensionId] } : {}),
    ...(kit.disableIncognito ? { IncognitoModeAvailability: 1 } : {}),
    ...(kit.disableDeveloperMode ? { ExtensionDeveloperModeSettings: 1 } : {}),
  };
}

/** The whole Chromium policy as a Linux policy file holds it. */
export function chromiumPolicy(kit: ChromiumKit): PolicyObject {
  return {
    ...chromiumBrowserPolicies(kit),
    '3rdparty': { extensions: { [kit.extensionId]: settingsObject(kit.settings) } },
  };
}

/** Google Admin console, Apps & extensions, Cordon, "Policy for extensions": each setting as {"Value": ...}. */
export function googleAdminPolicy(settings: ManagedSettings): PolicyObject {
  const out: Record<string, PolicyValue> = {};
  for (const [key, value] of Object.entries(settingsObject(settings))) out[key] = { Value: value };
  return out;
}

/** Firefox's policies.json. `private_browsing` (Firefox 136, ESR 128.8) runs Cordon in private windows too. */
export function firefoxPolicy(kit: FirefoxKit): PolicyObject {
  return {
    policies: {
      ExtensionSettings: {
        [kit.geckoId]: { installation_mode: 'force_installed', install_url: kit.xpiUrl, private_browsing: true, default_area: 'navbar' },
      },
      ...(kit.disableIncognito ? { DisablePrivateBrowsing: true } : {}),
      '3rdparty': { Extensions: { [kit.geckoId]: settingsObject(kit.settings) } },
    },
  };
}

export function jsonText(value: PolicyValue): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
