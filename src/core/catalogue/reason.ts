/**
 * The catalogue's one neutral line for why an employer bans an app (shown when no signed list gives a
 * reason): the same words for every entry, so they are reviewed and changed in one place.
 */
export function notApprovedReason(subject: string, verb: 'is' | 'are' = 'is'): string {
  return `${subject} ${verb} not approved for use on work devices under the organisation's security policy.`;
}
