import { describe, expect, it } from 'vitest';
import { goalVerdict, readNamesCost, sideOfOne, type NamesCostRatios, type Paired } from '../../bench/lib/names-cost.ts';

const at = (low: number, high: number): Paired => ({ median: (low + high) / 2, interval: [low, high] });
const level = at(0.99, 1.01);
const above = at(1.004, 1.02);
const ratio = (cpu: Paired, load: Paired = level) => ({ cpu, load });

/** The ratios of a run, every one level with 1 unless given. */
const run = (given: Partial<NamesCostRatios>): NamesCostRatios => ({
  rules: ratio(level),
  plain: ratio(level),
  access: ratio(level),
  names: ratio(level),
  cordon: ratio(level),
  shape: ratio(level),
  dynamic: ratio(level),
  beyondDynamic: ratio(level),
  proxies: ratio(level),
  ownRules: ratio(level),
  ...given,
});

describe('goalVerdict and sideOfOne', () => {
  it('decide only on the whole interval', () => {
    expect(goalVerdict(at(0.98, 1.01), 1.01)).toBe('met');
    expect(goalVerdict(at(1.0, 1.02), 1.01)).toBe('inconclusive');
    expect(goalVerdict(at(1.011, 1.02), 1.01)).toBe('missed');
    expect(sideOfOne(at(1.001, 1.02))).toBe('above');
    expect(sideOfOne(at(0.98, 0.999))).toBe('below');
    expect(sideOfOne(at(1.0, 1.02))).toBe('level');
  });
});

describe('readNamesCost', () => {
  it("reads a run where the names cost in Chromium's matcher and Cordon adds nothing around its rules", () => {
    const said = readNamesCost({
      rules: ratio(at(0.998, 1.019)),
      plain: ratio(at(1.001, 1.019)),
      access: ratio(at(0.995, 1.006)),
      names: ratio(at(1.002, 1.015)),
      cordon: ratio(at(0.991, 1.012)),
      shape: ratio(at(1.0, 1.013), at(1.004, 1.023)),
      dynamic: ratio(level),
      beyondDynamic: ratio(level),
      proxies: ratio(level),
      ownRules: ratio(level),
    });
    expect(said).toHaveLength(5);
    expect(said[0]).toMatch(/^Cordon adds nothing measurable around its own rules/);
    expect(said[1]).toMatch(/^Access to every host costs nothing measurable/);
    expect(said[2]).toMatch(/names themselves in Chromium's matcher/);
    expect(said[3]).toMatch(/^Neither the website-proxy expressions/);
    expect(said[4]).toMatch(/^On load time, though.*1\.004–1\.023.*a lead/);
  });

  it('says once, and only once, what Cordon adds around its rules', () => {
    for (const cordon of [level, above]) {
      for (const names of [level, above]) {
        const said = readNamesCost(run({ cordon: ratio(cordon), beyondDynamic: ratio(cordon), names: ratio(names), rules: ratio(above) }));
        const aroundSentences = said.filter((line) => /around (its own )?(the )?rules/.test(line));
        expect(aroundSentences).toHaveLength(1);
        expect(aroundSentences[0]).toMatch(cordon === above ? /Cordon's to remove/ : /nothing measurable/);
      }
    }
  });

  it('puts the cost on the shape of the rules when they cost more than plain rules, whatever the names cost', () => {
    for (const names of [level, above]) {
      const said = readNamesCost(run({ shape: ratio(above), names: ratio(names) }));
      expect(said[2]).toMatch(/shape of its rules/);
      expect(said.join(' ')).not.toMatch(/names themselves in Chromium/);
    }
  });

  it('puts the cost on host access when a control with the same access and one rule costs as much as the names', () => {
    const said = readNamesCost(run({ access: ratio(above), plain: ratio(above), rules: ratio(above) }));
    expect(said[1]).toMatch(/^Access to every host costs CPU on its own/);
    expect(said[2]).toMatch(/^The names themselves, in plain rules, cost nothing measurable beyond the access/);
  });

  it('does not guess when only the rules as a whole are measurable, and says so when nothing is', () => {
    expect(readNamesCost(run({ rules: ratio(above) }))[2]).toMatch(/do not yet say/);
    expect(readNamesCost(run({ plain: ratio(above) }))[2]).toMatch(/do not yet say/);
    expect(readNamesCost(run({}))[2]).toMatch(/^The names themselves, in plain rules, cost nothing measurable/);
  });

  it("puts Cordon's part above its static rules on Chromium's dynamic rules when a sleeping worker's dynamic rules cost as much", () => {
    const said = readNamesCost(run({ cordon: ratio(above), dynamic: ratio(above), beyondDynamic: ratio(level) }));
    expect(said[0]).toMatch(/Chromium's charge for dynamic rules/);
    expect(said[0]).not.toMatch(/Cordon's to remove/);
  });

  it("keeps Cordon's part its own when it costs more than the same dynamic rules without it", () => {
    for (const dynamic of [level, above]) {
      const said = readNamesCost(run({ cordon: ratio(above), dynamic: ratio(dynamic), beyondDynamic: ratio(above) }));
      expect(said[0]).toMatch(/Cordon's to remove/);
    }
  });

  it('does not guess between dynamic rules and Cordon when neither is measurable on its own', () => {
    expect(readNamesCost(run({ cordon: ratio(above) }))[0]).toMatch(/do not yet say which/);
  });

  it('gives the load-time lead only when CPU does not already put the cost on the shape', () => {
    expect(readNamesCost(run({ shape: ratio(level, above) }))).toHaveLength(5);
    expect(readNamesCost(run({ shape: ratio(above, above) }))).toHaveLength(4);
    expect(readNamesCost(run({ shape: ratio(level, level) }))).toHaveLength(4);
  });

  it('tells the website-proxy expressions from the shape of each app\'s own rules, and names only what is measurable', () => {
    const cases = [
      [above, level, /^The website-proxy expressions cost CPU/],
      [level, above, /^The website-proxy expressions cost nothing measurable.*each app's own rules .*\) do,/],
      [above, above, /^Both parts of the shape cost/],
      [level, level, /^Neither the website-proxy expressions/],
    ] as const;
    for (const [proxies, ownRules, words] of cases) {
      expect(readNamesCost(run({ shape: ratio(above), proxies: ratio(proxies), ownRules: ratio(ownRules) }))[3]).toMatch(words);
    }
  });
});
