/**
 * `npm start`: the built extension in a real Chromium, doing its job.
 *
 * With a display, a browser window opens with Cordon loaded and TikTok in a tab (showing the block
 * page); use it as you like, close it to stop. Without one (a server, CI), a headless run visits
 * TikTok and a few lookalikes through a local counting proxy, prints what happened and where requests
 * went, and saves screenshots to test-results/start/.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, DIST, EXTENSION_ID, launchChromium, navigate, waitForEnforcementReady } from '../test/support/chromium.ts';
import { startTrafficServer } from '../test/support/traffic-server.ts';

const OUT = 'test-results/start';

async function withWindow(): Promise<void> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('https://www.tiktok.com/').catch(() => undefined);
  console.log(`Cordon ${EXTENSION_ID} is loaded. TikTok is blocked in this window; close it to stop.`);
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
}

async function headless(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await startTrafficServer();
  const browser = await launchChromium({ proxyUrl: server.proxyUrl });
  try {
    await waitForEnforcementReady(await browser.worker());
    console.log(`No display: headless Chromium with Cordon ${EXTENSION_ID}; all traffic goes to a local counting proxy.\n`);
    const page = await browser.context.newPage();
    const visits = [
      'https://www.tiktok.com/',
      'https://www.tiktok.com/@someone/video/1234567890',
      'https://m.tiktok.com/',
      'https://nottiktok.com/',
      'https://tiktok.com.example.org/',
    ];
    for (const [i, url] of visits.entries()) {
      server.reset();
      const landed = await navigate(page, url);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const host = new URL(url).hostname;
      const reached = server.hits.filter((h) => h.host === host).length;
      const blocked = landed.startsWith(`chrome-extension://${EXTENSION_ID}/`);
      const shot = `${OUT}/${i + 1}-${host}.png`;
      await page.screenshot({ path: shot });
      console.log(
        `${blocked ? 'BLOCKED' : 'loaded '}  ${url}\n         ${reached} request(s)/connection(s) reached ${host}; screenshot ${shot}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await (process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? withWindow() : headless());
