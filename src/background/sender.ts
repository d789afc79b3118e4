/**
 * Who sent a runtime message. Cordon has no content scripts and no `externally_connectable`, so only
 * its own pages can message the worker; but its block page is web-accessible, so any site can frame it
 * and a click inside that frame would send a message from a real Cordon page. Every action therefore
 * checks that the sender is the expected page as the top-level document (`isTopLevelSender`).
 */
import browser from './browser-api.ts';
import type { Runtime } from 'webextension-polyfill';
import { isTopLevelSender } from '../core/sender.ts';
import { extensionPageUrl } from './extension-url.ts';

export function fromTopLevelPage(sender: Runtime.MessageSender, pagePath: string): boolean {
  return isTopLevelSender(sender, { extensionId: browser.runtime.id, pageUrl: extensionPageUrl(pagePath) });
}
