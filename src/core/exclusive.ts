/**
 * Serialises async tasks: each starts only after every task queued before it has settled, whatever
 * their outcome. The update cycle's triggers (install, alarm, policy change, "check now") can fire
 * together; two cycles interleaving could apply an older list after a newer one.
 */
export function createExclusive(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
