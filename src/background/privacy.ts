import browser from './browser-api.ts';
import { predictionStatus, type PredictionStatus } from '../core/prediction.ts';

/**
 * Chromium opens connections to a navigation's host before any request is sent (preconnect, DNS
 * prefetch, prerender), and pages can ask for them with <link rel=preconnect>. declarativeNetRequest
 * only sees requests, so those connections would reach a blocked host. Turning network prediction off
 * stops them; the cost is that ordinary pages lose the head start of speculative connections.
 *
 * Returns how the setting stands afterwards: 'off', or why it is on (another extension took it over,
 * or a policy forces it on), which the worker records for the popup.
 */
export async function disableNetworkPrediction(): Promise<PredictionStatus> {
  const setting = browser.privacy.network.networkPredictionEnabled;
  const current = await setting.get({});
  if (current.value === false && current.levelOfControl === 'controlled_by_this_extension') return 'off';
  const status = predictionStatus(current);
  if (status === 'turn-off' || (current.value === false && current.levelOfControl === 'controllable_by_this_extension')) {
    await setting.set({ value: false });
    return predictionStatus(await setting.get({}));
  }
  return status;
}

/** Calls `listener` whenever anyone changes the setting (another extension, a policy). */
export function onPredictionSettingChange(listener: () => void): void {
  browser.privacy.network.networkPredictionEnabled.onChange.addListener(listener);
}
