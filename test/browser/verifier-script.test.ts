/**
 * Chromium's worker runs its verifier (`verifier.js`) from the scripts it imported while installing,
 * only when something must be verified (src/background/load-verifier.ts; update-cycle.test.ts shows it
 * run on demand in a worker started again). Here the verifier cannot be loaded at all: a copy of the
 * build without it, under real enterprise policy naming a signed list. Nothing from the list may be
 * applied, since nothing verified it; the built-in floor stays enforced; the state and the popup say why.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERIFIER_SCRIPT } from '../../src/background/verifier-handoff.ts';
import { DIST, EXTENSION_ID, navigate } from '../support/chromium.ts';
import { waitForState } from '../support/extension.ts';
import { BLOCK_PAGE, POPUP, useChromium } from '../support/fixture.ts';
import { startListServer, type ListServer } from '../support/list-server.ts';
import { canWritePolicy, chromiumPolicyFile, POLICY_SKIP_REASON } from '../support/policy.ts';
import { listPayload, newSigner } from '../support/signing.ts';
import { drained } from '../support/traffic-server.ts';

const LIST_ID = 'acme-verifier-missing';

describe.skipIf(!canWritePolicy)(`a worker that cannot load its verifier fails closed (${POLICY_SKIP_REASON})`, () => {
  const policy = chromiumPolicyFile('cordon-test-verifier-script');
  const build = mkdtempSync(join(tmpdir(), 'cordon-no-verifier-'));
  let lists: ListServer | undefined;
  const c = useChromium({
    extension: build,
    policy,
    ready: 'worker',
    before: async () => {
      cpSync(DIST, build, { recursive: true });
      rmSync(join(build, VERIFIER_SCRIPT));
      lists = await startListServer();
      const signer = await newSigner();
      lists.serve({ kind: 'list', body: signer.sign(listPayload(LIST_ID, 1, [{ id: 'chatapp', name: 'ChatApp', domains: ['chatapp.example'] }])) });
      policy.write({ '3rdparty': { extensions: { [EXTENSION_ID]: { listUrl: lists.url, trustedKeys: [signer.publicKey], listId: LIST_ID } } } });
    },
    after: async () => {
      await lists?.close();
      policy.dispose();
      rmSync(build, { recursive: true, force: true });
    },
  });

  it('the list is fetched but never applied, the floor stays, and the state and the popup say why', async () => {
    const state = await waitForState(c.worker, (s) => s.problem !== undefined, 'the failed cycle', { timeout: 45_000 });
    expect(state.problem?.code).toBe('verifier-unavailable');
    expect(state.problem?.message).toContain(`could not load its verifier (${VERIFIER_SCRIPT})`);
    expect(state.list).toBeUndefined();
    expect(lists?.requests.length).toBeGreaterThan(0);

    // The floor (the built-in TikTok entry) is enforced: not one request reaches it.
    expect(await navigate(c.page, 'https://www.tiktok.com/')).toBe(`${BLOCK_PAGE}#app=tiktok&url=https://www.tiktok.com/`);
    await drained(c.server, c.page);
    expect(c.server.hitsFor('www.tiktok.com')).toEqual([]);
    // The list's app was never verified, so nothing of the list blocks it (the same probe reaches it).
    expect(await navigate(c.page, 'https://chatapp.example/')).toBe('https://chatapp.example/');
    expect(c.server.hitsFor('chatapp.example').some((h) => h.kind === 'http')).toBe(true);

    await c.page.goto(POPUP);
    await expect.poll(() => c.page.locator('body').innerText()).toContain('cannot check signed lists on this browser');
  });
});
