/**
 * What the worker keeps in `storage.local`. The accepted envelope is stored as the exact text that was
 * verified, with the keys it was verified against, so start-up can verify it again before trusting it.
 * The envelope has a key of its own: every cycle reads the record (validators, serial), but only
 * start-up reads the envelope, which for a large list is hundreds of kilobytes.
 */
import browser from './browser-api.ts';
import { readState, STORAGE_KEYS } from '../core/contract.ts';
import type { AcceptedList } from '../core/cycle.ts';
import type { CordonState } from '../core/state.ts';

export type { AcceptedList };

export interface Schedule {
  readonly failures: number;
}

async function read<T>(key: string): Promise<T | undefined> {
  const stored = await browser.storage.local.get(key);
  return stored[key] as T | undefined;
}

export const loadState = async (): Promise<CordonState | undefined> => readState(await read<unknown>(STORAGE_KEYS.state));
export const loadAccepted = () => read<AcceptedList>(STORAGE_KEYS.accepted);
export const loadAcceptedEnvelope = () => read<string>(STORAGE_KEYS.acceptedEnvelope);
export const loadSchedule = async (): Promise<Schedule> => (await read<Schedule>(STORAGE_KEYS.schedule)) ?? { failures: 0 };

export async function saveState(state: CordonState): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.state]: state });
}

/**
 * Accepted list, its envelope and state in one write: after a crash all three describe the same list,
 * or none changed.
 */
export async function saveAccepted(accepted: AcceptedList, envelope: string, state: CordonState): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.accepted]: accepted, [STORAGE_KEYS.acceptedEnvelope]: envelope, [STORAGE_KEYS.state]: state });
}

export async function saveSchedule(schedule: Schedule): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.schedule]: schedule });
}

export const STATE_KEY = STORAGE_KEYS.state;
