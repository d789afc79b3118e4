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

/** The four ratios of the yardstick pass that take Cordon's cost at 10,000 names apart. */
export interface NamesCostRatios {
  /** Cordon's own rules for the names, carried by a control with no background / the minimal control. */
  readonly rules: { readonly load: Paired; readonly cpu: Paired };
  /** The plainest rules for the same names / the minimal control. */
  readonly plain: { readonly load: Paired; readonly cpu: Paired };
  /** Cordon at 10,000 names / its own rules without Cordon. */
  readonly cordon: { readonly load: Paired; readonly cpu: Paired };
  /** Cordon's rules / the plain rules. */
  readonly shape: { readonly load: Paired; readonly cpu: Paired };
}

const say = (p: Paired) => `${p.median.toFixed(3)} (${p.interval[0].toFixed(3)}–${p.interval[1].toFixed(3)})`;

/**
 * What the intervals say, on CPU per load (the finer measure), in three parts that cannot contradict
 * each other: what Cordon adds around its rules; what the rules cost and whether their shape or the
 * names themselves carry it; and, where CPU does not confirm it, a lead that load time shows.
 */
export function readNamesCost(r: NamesCostRatios): string[] {
  const around =
    sideOfOne(r.cordon.cpu) === 'above'
      ? "Cordon costs more than its own rules carried without it: that part is Cordon's own, around the rules, and Cordon's to remove."
      : 'Cordon adds nothing measurable around its own rules.';
  const rules =
    sideOfOne(r.shape.cpu) === 'above'
      ? "Cordon's rules cost more than plain block rules for the same names: the part above is the shape of its rules (the expressions), and Cordon's to remove."
      : sideOfOne(r.plain.cpu) === 'above'
        ? "Even the plainest rules for the same names cost CPU, and Cordon's rules measurably no more: that is the names themselves in Chromium's matcher, which any extension carrying them pays and a plainer shape of rules does not remove."
        : sideOfOne(r.rules.cpu) === 'above'
          ? "Cordon's rules cost CPU, but neither the plain rules nor the difference between the two is measurable on its own: these intervals do not yet say whether the names or the shape carry it."
          : 'No set of rules for the names costs measurable CPU here.';
  const lead =
    sideOfOne(r.shape.cpu) !== 'above' && sideOfOne(r.shape.load) === 'above'
      ? [`On load time, though, Cordon's rules come out above the plain ones, ${say(r.shape.load)}: a lead on the expressions for a later run, not a cost that CPU confirms.`]
      : [];
  return [around, rules, ...lead];
}
