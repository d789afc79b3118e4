/**
 * The verification context in a JSON-safe form (`now` as an ISO string), as stored in the test vectors
 * and as a browser test passes it into the service worker.
 */
import type { LastAccepted, VerifyContext } from './verify.ts';

export interface VerifyContextJson {
  readonly trustedKeys: readonly string[];
  readonly threshold: number;
  readonly expectedListId?: string;
  readonly listHost?: string;
  /** YYYY-MM-DDTHH:MM:SSZ */
  readonly now: string;
  readonly lastAccepted?: LastAccepted;
}

export function contextFromJson(json: VerifyContextJson): VerifyContext {
  return {
    trustedKeys: json.trustedKeys,
    threshold: json.threshold,
    now: new Date(json.now),
    ...(json.expectedListId === undefined ? {} : { expectedListId: json.expectedListId }),
    ...(json.listHost === undefined ? {} : { listHost: json.listHost }),
    ...(json.lastAccepted === undefined ? {} : { lastAccepted: json.lastAccepted }),
  };
}
