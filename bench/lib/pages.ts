/**
 * The local pages of the page-load benchmark: ten pages of different lengths, each with eleven
 * subresources on five hosts (stylesheets, scripts, images), none cacheable, all served by the test
 * harness's traffic server through its proxy.
 */
import type { TrafficServer } from '../../test/support/traffic-server.ts';

export const PAGE_NAMES = ['news', 'shop', 'docs', 'wiki', 'mail', 'crm', 'intranet', 'video', 'maps', 'blog'] as const;
const SUB_HOSTS = ['cdn.bench-static.example', 'img.bench-media.example', 'fonts.bench-fonts.example', 'js.bench-analytics.example'];
const LOREM =
  'Quarterly figures were published this morning alongside the revised travel policy and the new expense categories for hybrid teams. ';

function pageHtml(name: string, index: number): string {
  const paragraphs = Array.from({ length: 40 + index * 4 }, (_, i) => `<p>${LOREM.repeat(2 + (i % 3))}</p>`).join('\n');
  const images = Array.from({ length: 6 }, (_, i) => `<img src="http://${i % 2 ? `${name}.bench-pages.example` : SUB_HOSTS[1]}/${name}/img-${i}.png" width="1" height="1" alt="">`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title>
<link rel="stylesheet" href="http://${SUB_HOSTS[0]}/${name}/site.css">
<link rel="stylesheet" href="http://${SUB_HOSTS[2]}/${name}/fonts.css">
<script src="http://${SUB_HOSTS[0]}/${name}/app.js"></script>
<script src="http://${SUB_HOSTS[3]}/${name}/tag.js"></script>
</head><body><h1>${name}</h1>
${images}
${paragraphs}
<script src="http://${name}.bench-pages.example/${name}/page.js"></script>
</body></html>`;
}

export function routePages(server: TrafficServer): void {
  const css = `body{font:16px/1.5 sans-serif;margin:0 auto;max-width:60em}${'.c{color:#333}'.repeat(200)}`;
  const js = `window.__n=(window.__n||0)+1;${'void 0;'.repeat(1500)}`;
  server.route(({ host, path }) => {
    if (!host.endsWith('.example') || !(host.endsWith('bench-pages.example') || SUB_HOSTS.includes(host))) return undefined;
    const headers = { 'Cache-Control': 'no-store' };
    if (path.endsWith('.css')) return { headers: { ...headers, 'Content-Type': 'text/css' }, body: css };
    if (path.endsWith('.js')) return { headers: { ...headers, 'Content-Type': 'application/javascript' }, body: js };
    if (path.endsWith('.png')) return undefined; // the harness's 1x1 PNG
    const name = host.split('.')[0] ?? 'news';
    const index = PAGE_NAMES.indexOf(name as (typeof PAGE_NAMES)[number]);
    return { headers: { ...headers, 'Content-Type': 'text/html' }, body: pageHtml(name, Math.max(0, index)) };
  });
}
