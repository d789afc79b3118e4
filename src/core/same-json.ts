/**
 * Whether two JSON-like values are the same data, as `JSON.stringify` would compare them but without
 * building either string, and whatever the order of each object's keys: keys whose value is
 * `undefined` count as absent (as in JSON, and as after a round trip through extension storage);
 * arrays keep their order. The worker compares whole rule sets and app lists with it at every update,
 * and at the list cap serialising both sides cost tens of milliseconds where a walk costs one string
 * comparison per name.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = definedKeys(left);
  if (keys.length !== definedKeys(right).length) return false;
  return keys.every((key) => sameJson(left[key], right[key]));
}

function definedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((key) => o[key] !== undefined);
}
