/**
 * The small-order and S < L checks, recomputed from the curve's definition with BigInt arithmetic so
 * the byte tables in src/core/blocklist/ed25519.ts are checked, not trusted.
 */
import { describe, expect, it } from 'vitest';
import { isScalarReduced, pointProblem, signatureProblem } from '../../src/core/blocklist/index.ts';
import { defined } from '../vectors/vectors.ts';

const p = (1n << 255n) - 19n;
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const mod = (a: bigint): bigint => ((a % p) + p) % p;
const pow = (b: bigint, e: bigint): bigint => {
  let r = 1n;
  b = mod(b);
  for (; e > 0n; e >>= 1n, b = mod(b * b)) if (e & 1n) r = mod(r * b);
  return r;
};
const inv = (a: bigint): bigint => pow(a, p - 2n);
const d = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (p - 1n) / 4n);

type Point = readonly [bigint, bigint];
const IDENTITY: Point = [0n, 1n];

/** Twisted Edwards addition, a = -1 (complete, so it also doubles). */
function add([x1, y1]: Point, [x2, y2]: Point): Point {
  const t = mod(d * x1 * x2 * y1 * y2);
  return [mod((x1 * y2 + y1 * x2) * inv(1n + t)), mod((y1 * y2 + x1 * x2) * inv(1n - t))];
}
function times(n: number, P: Point): Point {
  let R = IDENTITY;
  for (let i = 0; i < n; i++) R = add(R, P);
  return R;
}
function decode(enc: Uint8Array): Point | undefined {
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? (enc[i] ?? 0) & 0x7f : (enc[i] ?? 0));
  const sign = (enc[31] ?? 0) >> 7;
  if (y >= p) return undefined;
  const u = mod(y * y - 1n);
  const v = mod(d * y * y + 1n);
  let x = pow(mod(u * inv(v)), (p + 3n) / 8n);
  if (mod(v * x * x) !== u) x = mod(x * SQRT_M1);
  if (mod(v * x * x) !== u) return undefined;
  if (x === 0n && sign === 1) return undefined;
  if (Number(x & 1n) !== sign) x = mod(-x);
  return [x, y];
}
function encode([x, y]: Point): Uint8Array {
  const out = new Uint8Array(32);
  let v = y;
  for (let i = 0; i < 32; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  out[31] = (out[31] ?? 0) | (Number(x & 1n) << 7);
  return out;
}
function le(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}
const same = (P: Point, Q: Point): boolean => P[0] === Q[0] && P[1] === Q[1];

describe('small-order points', () => {
  // Any point of order 8 generates the whole 8-torsion subgroup (it is cyclic of order 8).
  const orderEight = defined(decode(Uint8Array.from(Buffer.from('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', 'hex'))));

  it('the order-8 entry really has order 8', () => {
    expect(same(times(8, orderEight), IDENTITY)).toBe(true);
    expect(same(times(4, orderEight), IDENTITY)).toBe(false);
  });

  it('every point of order dividing 8 is refused, in both sign spellings', () => {
    for (let k = 0; k < 8; k++) {
      const P = times(k, orderEight);
      const enc = encode(P);
      expect(pointProblem(enc), `${k}T`).toBe('small-order');
      const flipped = Uint8Array.from(enc);
      flipped[31] = (flipped[31] ?? 0) ^ 0x80;
      expect(pointProblem(flipped), `${k}T with the sign bit flipped`).toBe('small-order');
    }
  });

  it('non-canonical encodings (y >= p) are refused', () => {
    for (const y of [p, p + 1n, p + 2n, p + 18n, (1n << 255n) - 1n]) expect(pointProblem(le(y)), `y = p + ${y - p}`).toBeDefined();
  });

  it('the base point and ordinary keys are accepted', () => {
    const base = Uint8Array.from([0x58, ...new Array<number>(31).fill(0x66)]);
    expect(decode(base)).toBeDefined();
    expect(pointProblem(base)).toBeUndefined();
    expect(pointProblem(Uint8Array.from(Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex')))).toBeUndefined();
  });
});

describe('S < L', () => {
  it.each([
    [0n, true],
    [1n, true],
    [L - 1n, true],
    [L, false],
    [L + 1n, false],
    [(1n << 256n) - 1n, false],
  ])('S = %s reduced: %s', (s, expected) => {
    expect(isScalarReduced(le(s))).toBe(expected);
  });

  it('signatureProblem checks length, then S, then R', () => {
    const good = new Uint8Array(64);
    good.set(encode(defined(decode(Uint8Array.from([0x58, ...new Array<number>(31).fill(0x66)])))), 0);
    expect(signatureProblem(good)).toBeUndefined();
    expect(signatureProblem(good.subarray(0, 63))).toBe('length');
    const highS = Uint8Array.from(good);
    highS.set(le(L), 32);
    expect(signatureProblem(highS)).toBe('s-out-of-range');
    const smallR = Uint8Array.from(good);
    smallR.set(encode(IDENTITY), 0);
    expect(signatureProblem(smallR)).toBe('small-order-r');
  });
});
