/**
 * Waits for a condition the test cannot subscribe to (a state record, a page's location, a file
 * Chromium writes): reads it again, a short interval apart, until it holds. The interval only paces
 * the reads; the wait ends as soon as the condition holds, and a timeout names what never happened
 * and the last value seen.
 */
export interface PollOptions {
  readonly timeout?: number;
  readonly interval?: number;
}

export async function pollUntil<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  what: string,
  { timeout = 10_000, interval = 50 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await read();
      if (done(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  const seen = last === undefined ? 'nothing' : 'error' in last ? `error ${String(last.error)}` : JSON.stringify(last.value)?.slice(0, 2000);
  throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${seen}`);
}
