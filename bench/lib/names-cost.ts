/**
 * How the benchmark reads its paired ratios: a goal verdict, and where Cordon's cost at 10,000 names
 * lies. Pure, so the sentences the report prints follow from the intervals by rules a unit test checks,
 * and nothing is decided before a run.
 */

/** A paired ratio: the median over pairs and a bootstrap interval of it. */
export interface Paired {
  /** Median over turns of (load in `of` / load in `to`, same page, same turn). */
  readonly median: number;
  /** Bootstrap interval of that median (95 % unless said otherwise). */
  readonly interval: readonly [number, number];
}

/**
 * A ratio against an upper goal: met only when the whole interval is at or under it, missed only when
 * it is wholly above, inconclusive otherwise.
 */
export function goalVerdict(paired: Paired, goal: number): 'met' | 'missed' | 'inconclusive' {
  return paired.interval[1] <= goal ? 'met' : paired.interval[0] > goal ? 'missed' : 'inconclusive';
}

/** Where a paired ratio's interval lies against 1: wholly above, wholly below, or around it. */
export function sideOfOne(p: Paired): 'above' | 'below' | 'level' {
  return p.interval[0] > 1 ? 'above' : p.interval[1] < 1 ? 'below' : 'level';
}

/** The ratios of the yardstick pass that take Cordon's cost at 10,000 names apart (CPU and load each). */
export interface NamesCostRatios {
  /** Cordon's own rules for the names, carried by a control with no background / the minimal control. */
  readonly rules: { readonly load: Paired; readonly cpu: Paired };
  /** The plainest rules for the same names / the minimal control. */
  readonly plain: { readonly load: Paired; readonly cpu: Paired };
  /** A control with Cordon's access to every host and one rule / the minimal control. */
  readonly access: { readonly load: Paired; readonly cpu: Paired };
  /** The plain rules / that control with the same access: the names alone. */
  readonly names: { readonly load: Paired; readonly cpu: Paired };
  /** Cordon at 10,000 names / its own rules without Cordon. */
  readonly cordon: { readonly load: Paired; readonly cpu: Paired };
  /** Cordon's rules / the plain rules. */
  readonly shape: { readonly load: Paired; readonly cpu: Paired };
  /** Cordon's rules added as dynamic rules by a worker that then only sleeps / the same rules, static. */
  readonly dynamic: { readonly load: Paired; readonly cpu: Paired };
  /** Cordon at 10,000 names / that control with the dynamic rules: what Cordon adds beyond them. */
  readonly beyondDynamic: { readonly load: Paired; readonly cpu: Paired };
  /** Cordon's rules / the same without the website-proxy expressions: what the expressions cost. */
  readonly proxies: { readonly load: Paired; readonly cpu: Paired };
  /**
   * Cordon's rules without the website-proxy expressions / the plain rules: what the shape of each
   * app's own rules costs (its navigation redirect, an expression that carries the refused address, and
   * the exact proxy hosts of the names the expressions do not carry).
   */
  readonly ownRules: { readonly load: Paired; readonly cpu: Paired };
}

/** `1.016 (1.008–1.024)`, or with a word on the interval: `1.016 (1.008–1.024, wholly above 1)`. */
export const sayRatio = (p: Paired, note?: string): string =>
  `${p.median.toFixed(3)} (${p.interval[0].toFixed(3)}–${p.interval[1].toFixed(3)}${note === undefined ? '' : `, ${note}`})`;

/**
 * What the intervals say, on CPU per load (the finer measure), in parts that cannot contradict each
 * other: what Cordon adds around its rules; what access to every host costs on its own; what the rules
 * cost beyond that access, and whether their shape or the names carry it; which part of the shape,
 * the website-proxy expressions or each app's own rules; and, where CPU does not confirm it, a lead
 * that load time shows.
 */
export function readNamesCost(r: NamesCostRatios): string[] {
  const above = (p: Paired) => sideOfOne(p) === 'above';
  const around = above(r.beyondDynamic.cpu)
    ? `Cordon costs more than its own rules added as dynamic rules by a worker that then only sleeps, ${sayRatio(r.beyondDynamic.cpu)}: that part is Cordon's own, around the rules, and Cordon's to remove.`
    : above(r.cordon.cpu) && above(r.dynamic.cpu)
      ? `Cordon costs more than its rules carried as a static ruleset, but measurably no more than the same rules added as dynamic rules by a worker that then only sleeps (${sayRatio(r.beyondDynamic.cpu)}), and those cost more than the static ones, ${sayRatio(r.dynamic.cpu)}: the part is Chromium's charge for dynamic rules, which any extension that learns its names at run time pays, not Cordon's work around the rules.`
      : above(r.cordon.cpu)
        ? `Cordon costs more than its rules carried as a static ruleset, but neither the dynamic rules (${sayRatio(r.dynamic.cpu)}) nor Cordon around them (${sayRatio(r.beyondDynamic.cpu)}) is measurable on its own: these intervals do not yet say which carries it.`
        : 'Cordon adds nothing measurable around its own rules.';
  const access = above(r.access.cpu)
    ? `Access to every host costs CPU on its own: a control with Cordon's access and one rule costs ${sayRatio(r.access.cpu)} of the minimal control. Chromium redirects a request to an extension's page only where the extension has access to the request's host, so any extension that shows a block page for names it learns at run time pays this.`
    : `Access to every host costs nothing measurable on its own, ${sayRatio(r.access.cpu)}.`;
  const rules = above(r.shape.cpu)
    ? "Cordon's rules cost more than plain block rules for the same names: the part above is the shape of its rules, and Cordon's to remove."
    : above(r.names.cpu)
      ? "Even the plainest rules for the same names cost CPU beyond the access they come with, and Cordon's rules measurably no more: that is the names themselves in Chromium's matcher, which any extension carrying them pays and a plainer shape of rules does not remove."
      : (above(r.rules.cpu) || above(r.plain.cpu)) && !above(r.access.cpu)
        ? 'The rules for the names cost CPU, but neither the names alone, nor their shape, nor the access they come with is measurable on its own: these intervals do not yet say which carries it.'
        : `The names themselves, in plain rules, cost nothing measurable beyond the access they come with, ${sayRatio(r.names.cpu)}.`;
  // What "each app's own rules" are, said once for the two sentences that name them.
  const ownRules = "each app's own rules (its navigation redirect, an expression carrying the refused address, and the exact proxy hosts)";
  const proxies = above(r.proxies.cpu);
  const own = above(r.ownRules.cpu);
  const parts =
    proxies && own
      ? `Both parts of the shape cost: the website-proxy expressions, ${sayRatio(r.proxies.cpu)} of Cordon's rules without them, and ${ownRules}, ${sayRatio(r.ownRules.cpu)} of plain rules.`
      : proxies
        ? `The website-proxy expressions cost CPU: Cordon's rules cost ${sayRatio(r.proxies.cpu)} of the same rules without them, and those ${sayRatio(r.ownRules.cpu)} of plain rules.`
        : own
          ? `The website-proxy expressions cost nothing measurable, ${sayRatio(r.proxies.cpu)}; ${ownRules} do, ${sayRatio(r.ownRules.cpu)} of plain rules.`
          : `Neither the website-proxy expressions (${sayRatio(r.proxies.cpu)} of Cordon's rules without them) nor the shape of each app's own rules (${sayRatio(r.ownRules.cpu)} of plain rules) is measurable on its own.`;
  const lead =
    !above(r.shape.cpu) && above(r.shape.load)
      ? [`On load time, though, Cordon's rules come out above the plain ones, ${sayRatio(r.shape.load)}: a lead on the expressions for a later run, not a cost that CPU confirms.`]
      : [];
  return [around, access, rules, parts, ...lead];
}
