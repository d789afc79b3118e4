/**
 * `cordon fleet --html`: one self-contained page (no script, no network: inline CSS and SVG) for the
 * admin to open or mail: the uptake curve of each recent serial, the health and problem counts, and
 * the browsers gone quiet. Every value from the records is escaped as text: device labels and problem
 * codes come from browsers, or from anyone able to post to the collector.
 */
import type { FleetSummary, Uptake } from './summary.ts';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/:\d{2}\.\d{3}Z$/, 'Z').replace('T', ' ');
const int = (n: number) => n.toLocaleString('en-US');
const pct = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)} %`);

function minutes(ms: number | undefined): string {
  if (ms === undefined) return 'not yet';
  return ms < 2 * 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`;
}

/** Rows per browser table: a page an admin can read; --json has every browser. */
const MAX_ROWS = 500;

const W = 640;
const H = 240;
const PAD = { left: 48, right: 16, top: 12, bottom: 36 };
const COLOURS = ['#1f5fbf', '#b35c00', '#5b7f2a'];

/** Step curves of the share of browsers holding each serial against minutes since it was first reported. */
function uptakeChart(recent: readonly Uptake[]): string {
  // The newest serial's uptake sets the time scale (an older one, long complete, would squeeze it):
  // older curves run off the right edge at the share they reached.
  const newest = recent[0];
  const span = Math.max(10 * 60_000, newest === undefined ? 0 : ((newest.curve.at(-1)?.[0] ?? newest.firstSeen) - newest.firstSeen) * 1.1);
  const x = (ms: number) => PAD.left + (Math.min(ms, span) / span) * (W - PAD.left - PAD.right);
  const y = (share: number) => H - PAD.bottom - share * (H - PAD.top - PAD.bottom);
  const grid = [0, 0.5, 0.9, 1]
    .map((s) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(s).toFixed(1)}" y2="${y(s).toFixed(1)}" class="grid"/><text x="${PAD.left - 6}" y="${(y(s) + 4).toFixed(1)}" class="tick" text-anchor="end">${Math.round(s * 100)} %</text>`)
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => `<text x="${x(f * span).toFixed(1)}" y="${H - PAD.bottom + 16}" class="tick" text-anchor="${f === 1 ? 'end' : 'middle'}">${escapeHtml(minutes(f * span))}</text>`)
    .join('');
  const lines = recent
    .map((u, i) => {
      let points = `${x(0).toFixed(1)},${y(0).toFixed(1)}`;
      let previous = 0;
      for (const [t, share] of u.curve) {
        const px = x(t - u.firstSeen).toFixed(1);
        points += ` ${px},${y(previous).toFixed(1)} ${px},${y(share).toFixed(1)}`;
        previous = share;
      }
      return `<polyline class="curve" data-serial="${u.serial}" points="${points}" stroke="${COLOURS[i % COLOURS.length]}"/>`;
    })
    .join('');
  return `<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><title id="chart-title">Share of the browsers seen holding each recent serial, by time since it was first reported</title>${grid}${ticks}<text x="${(W + PAD.left) / 2}" y="${H - 4}" class="axis" text-anchor="middle">time since first reported</text>${lines}</svg>`;
}

const row = (cells: readonly string[]) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
const head = (cells: readonly string[]) => `<tr>${cells.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;

export function fleetHtml(summary: FleetSummary, generatedAt: Date): string {
  const uptakeRows = summary.recent.map((u, i) =>
    `<tr><td><span class="swatch" style="background:${COLOURS[i % COLOURS.length]}"></span>${escapeHtml(`${u.listId} ${u.serial}`)}</td>${[iso(u.firstSeen), `${int(u.holding)} of ${int(u.of)} (${pct(u.holding, u.of)})`, minutes(u.after[50]), minutes(u.after[90]), minutes(u.after[99])].map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
  );
  const quiet = summary.quiet;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Cordon fleet report</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:60rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #ccc;text-align:left}
.grid{stroke:#ddd}.tick,.axis{font-size:11px;fill:#444}.curve{fill:none;stroke-width:2}
.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.4rem;vertical-align:middle}
.health span{margin-right:1.5rem}
</style></head><body>
<h1>Cordon fleet report</h1>
<p id="window">Browsers seen from ${escapeHtml(iso(summary.from))} to ${escapeHtml(iso(summary.to))} (UTC): <strong>${int(summary.seen)}</strong>. Generated ${escapeHtml(iso(generatedAt.getTime()))}.</p>
<p class="health" id="health"><span>current ${int(summary.health.current)}</span><span>stale ${int(summary.health.stale)}</span><span>error ${int(summary.health.error)}</span></p>
<h2>Uptake of the recent serials</h2>
${summary.recent.length === 0 ? '<p>No signed list is reported.</p>' : `${uptakeChart(summary.recent)}
<table id="uptake">${head(['serial', 'first reported', 'held by', '50 %', '90 %', '99 %'])}${uptakeRows.join('')}</table>`}
<h2>Serial held</h2>
<table id="serials">${head(['list', 'serial', 'browsers', 'share'])}${summary.serials.map((s) => row([s.listId ?? '(built-in catalogue)', s.serial === undefined ? '' : String(s.serial), int(s.browsers), pct(s.browsers, summary.seen)])).join('')}</table>
<h2>Problems</h2>
${summary.problems.length === 0 ? '<p id="problems">None reported.</p>' : `<table id="problems">${head(['problem', 'browsers'])}${summary.problems.map((p) => row([p.code, int(p.browsers)])).join('')}</table>`}
<h2>Stale or failing browsers</h2>
${summary.attention.length === 0 ? '<p id="attention">None.</p>' : `<table id="attention">${head(['install', 'label', 'status', 'problem', 'serial', 'last report'])}${summary.attention.slice(0, MAX_ROWS).map((b) => row([b.install, b.label ?? '', b.health, b.problem ?? '', b.serial === undefined ? '' : String(b.serial), iso(b.lastSeen)])).join('')}</table>${summary.attention.length > MAX_ROWS ? `<p>… and ${int(summary.attention.length - MAX_ROWS)} more (cordon fleet --json lists them all).</p>` : ''}`}
${quiet === undefined ? '' : `<h2>Not seen since ${escapeHtml(iso(quiet.since))}</h2>
${quiet.browsers.length === 0 ? '<p id="quiet">None.</p>' : `<table id="quiet">${head(['install', 'label', 'last seen', 'serial'])}${quiet.browsers.slice(0, MAX_ROWS).map((b) => row([b.install, b.label ?? '', iso(b.lastSeen), b.serial === undefined ? '' : String(b.serial)])).join('')}</table>${quiet.browsers.length > MAX_ROWS ? `<p>… and ${int(quiet.browsers.length - MAX_ROWS)} more (cordon fleet --json lists them all).</p>` : ''}`}`}
</body></html>
`;
}
