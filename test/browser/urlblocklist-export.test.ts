/**
 * `cordon export --format urlblocklist` (issue #17) under real Chromium enterprise policy, with no
 * Cordon at all (for fleets where the extension is not installed, or as a second layer): Chromium
 * accepts the generated URLBlocklist and URLAllowlist, refuses the blocked names and their
 * subdomains before any request leaves, and loads the allowed host, a lookalike and a sibling.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCordonInProcess } from '../support/cli.ts';
import { useChromium } from '../support/fixture.ts';
import { canWritePolicy, chromiumPolicyFile, POLICY_SKIP_REASON } from '../support/policy.ts';
import { listPayload, newSigner } from '../support/signing.ts';
import { drained } from '../support/traffic-server.ts';

describe.skipIf(!canWritePolicy)(`the URLBlocklist export in real Chromium policy (${POLICY_SKIP_REASON})`, () => {
  const policy = chromiumPolicyFile('cordon-test-urlblocklist');
  const chromium = useChromium({
    loadExtension: false,
    policy,
    before: async () => {
      const signer = await newSigner();
      const dir = mkdtempSync(join(tmpdir(), 'cordon-urlblocklist-'));
      const list = join(dir, 'list.signed.json');
      writeFileSync(list, signer.sign(listPayload('acme', 3, [{ id: 'tiktok', name: 'TikTok', domains: ['tiktok.com', 'tiktokv.com'], allow: ['developers.tiktok.com'] }])));
      const run = await runCordonInProcess(['export', '--pub', signer.publicKey, '--format', 'urlblocklist', list]);
      expect(run.code, run.stderr).toBe(0);
      // As an admin deploys it: with network prediction off (cordon policy writes that too), or Chromium
      // opens a connection to a typed host before the blocklist refuses the navigation (measured: a CONNECT, no request).
      policy.write({ ...(JSON.parse(run.stdout) as Record<string, unknown>), NetworkPredictionOptions: 2 });
    },
    after: () => policy.dispose(),
  });

  it('chrome://policy shows both values as OK', async () => {
    const { page } = chromium;
    await page.goto('chrome://policy');
    // Custom elements with shadow roots; CSS locators pierce them.
    const row = (name: string) => page.locator('policy-row').filter({ has: page.locator('#name', { hasText: new RegExp(`^${name}$`) }) }).first();
    for (const name of ['URLBlocklist', 'URLAllowlist']) {
      expect((await row(name).locator('.policy.row > .messages').textContent())?.trim(), name).toBe('OK');
    }
  });

  it('blocks the names and their subdomains before any request; the allowed host, a lookalike and a sibling load', async () => {
    const { browser, page, server } = chromium;
    const control = await browser.context.newPage();
    await control.goto('https://www.control.example/');
    for (const url of ['https://www.tiktok.com/@someone', 'https://tiktok.com/', 'https://api16.tiktokv.com/x']) {
      server.reset();
      const error = await page.goto(url, { timeout: 15_000 }).then(() => 'loaded', (e: Error) => e.message);
      expect(error, url).toMatch(/ERR_BLOCKED_BY_ADMINISTRATOR/);
      await drained(server, control);
      expect(server.hitsFor(new URL(url).hostname), url).toEqual([]);
    }
    for (const url of ['https://developers.tiktok.com/doc', 'https://nottiktok.com/', 'https://www.capcut.com/']) {
      server.reset();
      const fresh = await browser.context.newPage();
      const response = await fresh.goto(url, { timeout: 15_000 });
      expect(response?.status(), url).toBe(200);
      expect(server.hitsFor(new URL(url).hostname).some((h) => h.kind === 'http'), url).toBe(true);
    }
  });
});
