/**
 * What the view models need from the browser's i18n, passed in so that they stay pure: a message
 * lookup (`chrome.i18n.getMessage` in the extension), the UI language for `Intl`, and the clock.
 */

/** Every message id, checked against the English catalogue at compile time. */
export type MessageKey = keyof typeof import('../../../public/_locales/en/messages.json');

export type Translate = (key: MessageKey, substitutions?: readonly string[]) => string;

export interface ViewEnv {
  readonly t: Translate;
  /** BCP 47 language of the browser UI, e.g. `en-US` or `id`. */
  readonly locale: string;
  readonly now: Date;
  /** IANA time zone for instants; the system's when absent (tests pin one). */
  readonly timeZone?: string;
}

/** The shape of a `_locales/<lang>/messages.json` file. */
export type MessagesFile = Readonly<
  Record<string, { readonly message: string; readonly placeholders?: Readonly<Record<string, { readonly content: string }>> }>
>;

/**
 * `chrome.i18n.getMessage` over a messages file, for tests and tools: named placeholders
 * (`$NAME$`, case-insensitive) expand to their content, `$1`..`$9` in it to the substitutions, and
 * `$$` to `$`. Substituted text is never expanded again. Unknown keys give `''`, as in Chrome.
 */
export function lookupIn(messages: MessagesFile): Translate {
  return (key, substitutions = []) => {
    const entry = messages[key];
    if (entry === undefined) return '';
    const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
    const numbered = (text: string) => text.replace(/\$(\d)/g, (_m, n: string) => substitutions[Number(n) - 1] ?? '');
    return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$|\$(\d)/g, (match, name: string | undefined, digit: string | undefined) => {
      if (match === '$$') return '$';
      if (name !== undefined) {
        const content = placeholders[name.toLowerCase()];
        return content === undefined ? '' : numbered(content);
      }
      return substitutions[Number(digit) - 1] ?? '';
    });
  };
}

/**
 * Splits a message around one substitution so that it can be rendered as its own element (the app's
 * name in bold on the block page), whatever the word order of the language.
 */
export function splitAround(t: Translate, key: MessageKey, substitutions: readonly string[], index: number): {
  readonly before: string;
  readonly value: string;
  readonly after: string;
} {
  // A private-use character: chrome.i18n drops NUL and other control characters from substitutions.
  const marker = '\uE000';
  const marked = substitutions.map((s, i) => (i === index ? marker : s));
  const text = t(key, marked);
  const at = text.indexOf(marker);
  const value = substitutions[index] ?? '';
  if (at < 0) return { before: t(key, substitutions), value: '', after: '' };
  return { before: text.slice(0, at), value, after: text.slice(at + marker.length) };
}
