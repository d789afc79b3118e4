/**
 * The deployment kit against real Chromium: `cordon policy --format linux` output, written verbatim as
 * a managed policy file, makes Chromium force-install Cordon from an update URL, pin it, turn network
 * prediction off and hand Cordon its settings; Cordon then fetches and applies a signed list, and
 * chrome://policy lists every value with status OK.
 *
 * Why not --load-extension as elsewhere: once a policy force-installs an ID, Chromium 156 no longer
 * loads a command-line copy of that ID at all (measured: no worker, nothing on chrome://extensions).
 * So this test does what a deployment does. It packs dist/ into a CRX with a throwaway key (the
 * release key is not in this repository, so the ID differs: `--extension-id` gives it to the CLI),
 * serves an update manifest and the CRX on loopback, and launches Chromium itself, because a
 * force-install needs background networking, which launchChromium's Playwright defaults turn off.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdFromKey } from '../../src/cli/extension-id.ts';
import type { CordonState } from '../../src/core/state.ts';
import { CHROMIUM, DIST, newProfileDir } from '../support/chromium.ts';
import { waitForState as waitForStateIn } from '../support/extension.ts';
import { startListServer, type ListServer } from '../support/list-server.ts';
import { canWritePolicy, chromiumPolicyFile, POLICY_SKIP_REASON, privatePolicyChromium } from '../support/policy.ts';
import { listPayload, newSigner, type TestSigner } from '../support/signing.ts';
import { startTrafficServer, type TrafficServer } from '../support/traffic-server.ts';
import { runCordonBin } from '../support/cli.ts';

const cordon = (args: readonly string[]) => runCordonBin(args);
const ORG = 'Acme Corp (policy kit)';
const SUPPORT = 'https://help.acme.example/cordon';
const LIST_ID = 'acme-policy-kit';



/** dist/ packed as a CRX signed with a fresh key; the manifest's key is that key's, so the IDs agree. */
function packCrx(work: string): { id: string; crx: Buffer; version: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dir = join(work, 'cordon');
  // _metadata is what Chromium writes into an unpacked extension it has loaded; never part of a package.
  cpSync(DIST, dir, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('_metadata') });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { key: string; version: string };
  manifest.key = key;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(work, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const pack = spawnSync(CHROMIUM, [`--pack-extension=${dir}`, `--pack-extension-key=${join(work, 'key.pem')}`, '--no-sandbox', '--headless'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const crxPath = join(work, 'cordon.crx');
  if (!existsSync(crxPath)) throw new Error(`chromium --pack-extension failed (${pack.status}): ${pack.stderr.slice(-500)}`);
  return { id: extensionIdFromKey(key), crx: readFileSync(crxPath), version: manifest.version };
}

interface UpdateServer {
  readonly updateUrl: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** What a self-hosted deployment serves: an update manifest (gupdate) and the CRX it points to. */
async function startUpdateServer(id: string, crx: Buffer, version: string): Promise<UpdateServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const { port } = server.address() as AddressInfo;
    if (req.url?.startsWith('/updates.xml')) {
      res.writeHead(200, { 'Content-Type': 'text/xml' }).end(
        `<?xml version='1.0' encoding='UTF-8'?>\n<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>` +
          `<app appid='${id}'><updatecheck codebase='http://127.0.0.1:${port}/cordon.crx' version='${version}'/></app></gupdate>\n`,
      );
    } else if (req.url === '/cordon.crx') {
      res.writeHead(200, { 'Content-Type': 'application/x-chrome-extension' }).end(crx);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    updateUrl: `http://127.0.0.1:${port}/updates.xml`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe.skipIf(!canWritePolicy)(`cordon policy --format linux under real Chromium (${POLICY_SKIP_REASON})`, () => {
  const policyFile = chromiumPolicyFile('cordon-test-policy-kit');
  const work = mkdtempSync(join(tmpdir(), 'cordon-policy-kit-'));
  const profileDir = newProfileDir();
  let traffic: TrafficServer;
  let lists: ListServer;
  let updates: UpdateServer;
  let signer: TestSigner;
  let extensionId: string;
  let generated: Record<string, unknown>;
  let context: BrowserContext;
  let worker: Worker;

  const waitForState = (test: (s: CordonState) => boolean, what: string) => waitForStateIn(worker, test, what, { timeout: 45_000 });

  beforeAll(async () => {
    traffic = await startTrafficServer();
    lists = await startListServer();
    signer = await newSigner();
    lists.serve({ kind: 'list', body: signer.sign(listPayload(LIST_ID, 1, [{ id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'] }])) });
    const packed = packCrx(work);
    extensionId = packed.id;
    updates = await startUpdateServer(packed.id, packed.crx, packed.version);

    const run = await cordon([
      'policy', '--format', 'linux',
      '--list-url', lists.url, '--pub', signer.publicKey, '--list-id', LIST_ID,
      '--org', ORG, '--support', SUPPORT, '--refresh-minutes', '30',
      '--extension-id', extensionId, '--update-url', updates.updateUrl,
    ]);
    expect(run.code, run.stderr).toBe(0);
    // The list server is plain http on loopback, which the CLI accepts with a warning, as the extension does.
    expect(run.stderr.trim()).toMatch(/^cordon: warning: --list-url is plain http on this machine/);
    generated = JSON.parse(run.stdout) as Record<string, unknown>;
    // The generated policy exactly, plus one test-only line: without it Chromium keeps DevTools (and so
    // Playwright) away from a force-installed extension's worker. Deployments leave it unset.
    policyFile.write({ ...generated, DeveloperToolsAvailability: 1 });

    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: policyFile.privateDir ? privatePolicyChromium(CHROMIUM, policyFile.privateDir) : CHROMIUM,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
      args: ['--no-sandbox', `--proxy-server=${traffic.proxyUrl}`, '--ignore-certificate-errors', '--disable-quic'],
    });
    const origin = `chrome-extension://${extensionId}/`;
    worker =
      context.serviceWorkers().find((w) => w.url().startsWith(origin)) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(origin), timeout: 60_000 }));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    policyFile.dispose();
    await updates?.close();
    await lists?.close();
    await traffic?.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('Chromium force-installs Cordon from the update URL, pinned; Cordon takes its settings and applies the signed list', async () => {
    expect(updates.requests.some((r) => r.startsWith('/updates.xml?') && r.includes('installedby%3Dpolicy'))).toBe(true);
    expect(updates.requests).toContain('/cordon.crx');

    const state = await waitForState((s) => s.organization === ORG && s.source.kind === 'signed' && s.list !== undefined, 'the policy and the first list');
    expect(state).toMatchObject({
      organization: ORG,
      supportUrl: SUPPORT,
      source: { kind: 'signed', url: lists.url },
      list: { listId: LIST_ID, serial: 1, signers: [signer.keyId] },
      installedByAdmin: true,
    });
    expect(state.problem).toBeUndefined();
    expect(state.apps.map((a) => a.id)).toEqual(['chatapp']);

    const self = await worker.evaluate(async () => {
      const me = await chrome.management.getSelf();
      const action = chrome.action as unknown as { getUserSettings(): Promise<{ isOnToolbar: boolean }> };
      const prediction = await chrome.privacy.network.networkPredictionEnabled.get({});
      return { installType: me.installType, mayDisable: me.mayDisable, onToolbar: (await action.getUserSettings()).isOnToolbar, prediction };
    });
    expect(self).toMatchObject({ installType: 'admin', mayDisable: false, onToolbar: true });
    // NetworkPredictionOptions: 2 holds the setting, so no extension controls it (Cordon included).
    expect(self.prediction).toMatchObject({ value: false, levelOfControl: 'not_controllable' });
  }, 90_000);

  it('chrome://policy lists every generated value, the browser policies and Cordon\'s settings, each with status OK', async () => {
    const page: Page = await context.newPage();
    try {
      await page.goto('chrome://policy');
      /** One row of a chrome://policy table (custom elements with shadow roots; CSS locators pierce them). */
      const row = (section: string, name: string) => {
        const table = page.locator('policy-table').filter({ has: page.locator('#policy-header', { hasText: section }) });
        const policyRow = table.locator('policy-row').filter({ has: page.locator('#name', { hasText: new RegExp(`^${name}$`) }) });
        return {
          value: () => policyRow.locator('.policy.row > .value').textContent(),
          status: () => policyRow.locator('.policy.row > .messages').textContent(),
          errors: () => policyRow.locator('.errors.row > .value').textContent(),
          warnings: () => policyRow.locator('.warnings.row > .value').textContent(),
        };
      };
      const expectShown = async (section: string, name: string, expected: unknown) => {
        const r = row(section, name);
        await expect.poll(() => r.status(), { message: `${section} ${name}`, timeout: 15_000 }).toBe('OK');
        const [shown, errors, warnings] = await Promise.all([r.value(), r.errors(), r.warnings()]);
        // Strings are shown as they are, everything else as JSON.
        expect(typeof expected === 'string' ? shown : JSON.parse(shown ?? ''), `${section} ${name}`).toEqual(expected);
        expect(errors?.trim(), `${section} ${name}`).toBe('');
        expect(warnings?.trim(), `${section} ${name}`).toBe('');
      };

      const { '3rdparty': thirdParty, ...browserPolicies } = generated as { '3rdparty': { extensions: Record<string, Record<string, unknown>> } };
      expect(Object.keys(browserPolicies).sort()).toEqual(['ExtensionInstallForcelist', 'ExtensionSettings', 'NetworkPredictionOptions']);
      await Promise.all(Object.entries(browserPolicies).map(([name, value]) => expectShown('Chrome Policies', name, value)));

      const settings = thirdParty.extensions[extensionId] ?? {};
      expect(Object.keys(settings).sort()).toEqual(['listId', 'listUrl', 'organization', 'refreshMinutes', 'supportUrl', 'threshold', 'trustedKeys']);
      await Promise.all(Object.entries(settings).map(([name, value]) => expectShown('Cordon', name, value)));
    } finally {
      await page.close();
    }
  }, 120_000); // chrome://policy renders ~580 rows, and each locator query walks them: seconds on a busy machine
});
