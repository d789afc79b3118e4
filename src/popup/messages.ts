/** The pages' side of the contract with the worker (core/contract.ts): typed requests and replies. */
import browser from 'webextension-polyfill';
import type { ReplyTo, Request } from '../core/contract.ts';

/** Sends `request`; the reply is the contract's for that type, or undefined when the worker sent none. */
export async function send<R extends Request>(request: R): Promise<ReplyTo<R['type']> | undefined> {
  return (await browser.runtime.sendMessage(request)) as ReplyTo<R['type']> | undefined;
}
