import browser from 'webextension-polyfill';

/**
 * Chromium opens connections to a navigation's host before any request is sent (preconnect, DNS
 * prefetch, prerender), and pages can ask for them with <link rel=preconnect>. declarativeNetRequest
 * only sees requests, so those connections would reach a blocked host. Turning network prediction off
 * stops them; the cost is that ordinary pages lose the head start of speculative connections.
 */
export async function disableNetworkPrediction(): Promise<void> {
  const setting = browser.privacy.network.networkPredictionEnabled;
  const current = await setting.get({});
  if (current.value === false && current.levelOfControl === 'controlled_by_this_extension') return;
  await setting.set({ value: false });
}
