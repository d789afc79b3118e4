/**
 * The public halves of the signing keys committed with Cordon's test vectors (test/vectors/keys/).
 * Their private keys are in the repository, so a list "signed" with one proves nothing: a policy that
 * pins one is refused by the extension and by `cordon policy`. A unit test checks this list against
 * the committed key files.
 */
const PUBLISHED_TEST_KEYS: Readonly<Record<string, string>> = {
  'ak3/FMuEI+K1o3xdz5MO2jwjoJBhyvuLOLb7WNgvWYQ=': 'outsider',
  'xklRYHvos1l56VxzZoDGiG8TTJBfEtwtbjl4Vu30FME=': 'signer-a',
  'E5uFT74rxCYbA2IJ7NYvF3k/x94urLDGdz9PjeNGhdA=': 'signer-b',
};

/** The test key's name when `publicKey` (standard base64 of the raw 32 bytes) is a published test key. */
export function publishedTestKeyName(publicKey: unknown): string | undefined {
  return typeof publicKey === 'string' && Object.hasOwn(PUBLISHED_TEST_KEYS, publicKey) ? PUBLISHED_TEST_KEYS[publicKey] : undefined;
}

export const PUBLISHED_TEST_PUBLIC_KEYS: readonly string[] = Object.keys(PUBLISHED_TEST_KEYS);
