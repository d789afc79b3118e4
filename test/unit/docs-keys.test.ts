/**
 * Documentation must never hand an admin a public key to copy into a policy: not one of the committed
 * test keys (their private halves are in this repository) and not any other key that would validate.
 * Every base64 token of a 32-byte value in the README, docs/ and examples/ is checked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPublicKey } from '../../src/core/blocklist/keys.ts';
import { PUBLISHED_TEST_PUBLIC_KEYS } from '../../src/core/blocklist/test-keys.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const DOCUMENTS = [join(ROOT, 'README.md'), ...filesUnder(join(ROOT, 'docs')), ...filesUnder(join(ROOT, 'examples'))];
// 43 base64 characters and one '=' encode 32 bytes; not part of a longer base64 run.
const KEY_LIKE = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/g;

describe('documentation examples carry no usable public key', () => {
  it.each(DOCUMENTS.map((path) => [path.slice(ROOT.length + 1), path] as const))('%s', (_name, path) => {
    const text = readFileSync(path, 'utf8');
    const usable = [...text.matchAll(KEY_LIKE)].map((m) => m[0]).filter((token) => checkPublicKey(token).ok || PUBLISHED_TEST_PUBLIC_KEYS.includes(token));
    expect(usable).toEqual([]);
  });

  it('the check finds what it looks for (control)', () => {
    const [testKey] = PUBLISHED_TEST_PUBLIC_KEYS;
    expect(`"trustedKeys": ["${testKey}"]`.match(KEY_LIKE)).toEqual([testKey]);
  });
});
