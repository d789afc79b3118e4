/**
 * The little DOM the popup and the block page share. Text only ever goes in through `textContent`,
 * attributes through `setAttribute`, and a link's href only if it is https: or mailto: (the view
 * models already filtered it; this checks again). No HTML is ever parsed from data.
 */
import browser from 'webextension-polyfill';
import type { MessageKey, Translate, ViewEnv } from '../core/text/i18n.ts';
import type { FieldView } from '../core/view/popup.ts';
import { safeLink } from '../core/view/safe-link.ts';

export const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions ? [...substitutions] : undefined);

export function viewEnv(): ViewEnv {
  return { t, locale: browser.i18n.getUILanguage(), now: new Date() };
}

type Child = Node | string | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string | undefined>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (name === 'href' && safeLink(value) === undefined) continue;
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** A link opened outside the extension page, or plain text when the href is not safe. */
export function link(href: string, text: string, attributes: Readonly<Record<string, string | undefined>> = {}): HTMLElement {
  if (safeLink(href) === undefined) return el('span', attributes, text);
  return el('a', { ...attributes, href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

/** A definition list of label/value fields; a field's id goes on its value. */
export function fieldList(target: HTMLElement, fields: readonly FieldView[]): void {
  target.replaceChildren(
    ...fields.flatMap((field) => {
      const value = field.link
        ? link(field.link.href, field.link.text, { id: field.id })
        : field.mono
          ? el('code', { id: field.id }, field.value)
          : el('span', { id: field.id }, field.value);
      return [el('dt', {}, field.label), el('dd', {}, value)];
    }),
  );
}

/** Fills static text: `data-i18n` (text), `data-i18n-label` (aria-label), from the message catalogue. */
export function applyMessages(root: ParentNode): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = t(node.dataset.i18n as MessageKey);
    if (text) node.textContent = text;
  }
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const text = t(node.dataset.i18nLabel as MessageKey);
    if (text) node.setAttribute('aria-label', text);
  }
  document.documentElement.lang = browser.i18n.getUILanguage();
}

export function setText(id: string, text: string): void {
  const node = document.getElementById(id);
  if (node) node.textContent = text;
}
