/**
 * "Request access" on the block page (issue #15): a link, never a request sent by itself. Either the
 * list's `requestUrl`, an https template the organisation's request form understands, filled with the
 * app, host, list, serial, install id and groups (each URL-encoded), or the list's mailto: contact with
 * a subject and body prefilled with the same facts.
 */
import { MAX_TEXT } from './blocklist/limits.ts';

export const REQUEST_PLACEHOLDERS = ['app', 'host', 'listId', 'serial', 'installId', 'groups'] as const;
export type RequestPlaceholder = (typeof REQUEST_PLACEHOLDERS)[number];
export type RequestFacts = Readonly<Record<RequestPlaceholder, string>>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Why a `requestUrl` template is refused, or undefined. */
export function requestUrlProblem(template: string): string | undefined {
  if (template.length > MAX_TEXT.requestUrl) return `is longer than ${MAX_TEXT.requestUrl} characters`;
  if (/[\s\p{Cc}\p{Cf}]/u.test(template)) return 'contains whitespace, control or invisible formatting characters';
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!(REQUEST_PLACEHOLDERS as readonly string[]).includes(name ?? '')) {
      return `has an unknown placeholder {${name ?? ''}} (known: ${REQUEST_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`;
    }
  }
  const bare = template.replace(PLACEHOLDER, 'x');
  if (/[{}]/.test(bare)) return 'has a brace that is not part of a placeholder';
  let url: URL;
  try {
    url = new URL(bare);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return 'must be an https: URL';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  return undefined;
}

/** The template with every placeholder replaced by its URL-encoded value. */
export function fillRequestUrl(template: string, facts: RequestFacts): string {
  return template.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(facts[name as RequestPlaceholder] ?? ''));
}

/** A mailto: link to the contact's address (its own query dropped) with the subject and body given. */
export function mailtoRequest(contact: string, subject: string, body: string): string | undefined {
  let url: URL;
  try {
    url = new URL(contact);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'mailto:' || !/^[^@/?]+@[^@/?]+$/.test(url.pathname)) return undefined;
  return `mailto:${url.pathname}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
