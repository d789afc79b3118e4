/**
 * Helpers shared by the tests of Cordon's own pages (popup, block page): reading recorded states,
 * writing states the way the worker writes them, polling in hooks, and the accessibility checks run
 * in the page (WCAG AA contrast, nothing cut off at the viewport's edge).
 */
import { mkdirSync } from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import type { CordonState, EnforcedApp, ListInfo } from '../../src/core/state.ts';
import { pollUntil } from './poll.ts';

export const SCREENSHOTS = 'test-results/screenshots';

/** Where the screenshot `name` goes, the folder made first: a test file may run alone, or first. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}/${name}.png`;
}
/** A loaded 2-core machine can take seconds to draw a page. */
export const POLL = { timeout: 10_000 };
/** Markup that would run script if any list or policy string were ever rendered as HTML. */
export const HOSTILE = '<img src=x onerror="window.__pwned=1">';

export function listOf(state: CordonState): ListInfo {
  if (!state.list) throw new Error('the state has no list');
  return state.list;
}

export function appOf(state: CordonState, index: number): EnforcedApp {
  const app = state.apps[index];
  if (!app) throw new Error(`the state has no app ${index}`);
  return app;
}

/** Polls until `read` gives `want` (expect.poll is for tests only, not hooks). */
export async function until<T>(read: () => Promise<T>, want: T, what: string, timeout = 20_000): Promise<void> {
  await pollUntil(read, (value) => value === want, what, { timeout });
}

/** Records `state` where the worker keeps it; the pages redraw from `storage.onChanged`. */
export async function writeState(worker: Worker, state: CordonState): Promise<void> {
  await worker.evaluate((s) => chrome.storage.local.set({ state: s }), state);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

/** Text whose contrast against its background is under WCAG AA (4.5:1; 3:1 for large text). */
export function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r = 0, g = 0, b = 0]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c[3] ?? 0) > 0.99) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bad: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!own || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      const a = lum(rgb(style.color));
      const b = lum(background(el));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${el.tagName}#${el.id}.${el.className} "${el.textContent?.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return bad;
  });
}

/** Elements reaching past the right edge of the viewport (cut off, or forcing sideways scrolling). */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('body *')]
      .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > width + 1)
      .map((el) => `${el.tagName}#${el.id}.${el.className}`);
    if (document.documentElement.scrollWidth > width + 1) out.push(`scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}
