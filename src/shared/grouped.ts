import { isDatabaseUnavailable } from '../db/unavailable.js';

/**
 * Group commit. Calls made while a write is in flight wait for the next write, which carries them
 * all: alone, a call goes at once; under load, many share one statement and one commit. `write`
 * answers each item of its group, in order. When a group's write throws, each of its items is
 * written alone, so one bad item fails only its own call. `fits` may keep an item for a later
 * group (e.g. two that must not share a statement). Each call settles when its own write is done.
 */
export function grouped<T, R>(write: (items: T[]) => Promise<R[]>, options: { max: number; fits?: (group: T[], item: T) => boolean }): (item: T) => Promise<R> {
  type Waiting = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };
  let waiting: Waiting[] = [];
  let writing = false;

  function nextGroup(): Waiting[] {
    const group: Waiting[] = [];
    const items: T[] = [];
    const rest: Waiting[] = [];
    for (const w of waiting) {
      if (group.length < options.max && (!options.fits || options.fits(items, w.item))) {
        group.push(w);
        items.push(w.item);
      } else rest.push(w);
    }
    waiting = rest;
    return group;
  }

  /** Writes a group; resolves to the function that answers its callers. */
  async function writeGroup(group: Waiting[]): Promise<() => void> {
    try {
      const results = await write(group.map((w) => w.item));
      return () => group.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      // Alone, each would meet the same closed door, one connect timeout after another.
      if (group.length === 1 || isDatabaseUnavailable(err)) return () => group.forEach((w) => w.reject(err));
      const answers: (() => void)[] = [];
      for (const w of group) answers.push(await writeGroup([w]));
      return () => answers.forEach((answer) => answer());
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    let current = writeGroup(nextGroup());
    for (;;) {
      const answer = await current;
      const more = waiting.length > 0;
      if (more) current = writeGroup(nextGroup());
      // The next statement is on its way before the finished group's answers are built, so the
      // database does not sit idle while this process writes the responses.
      setImmediate(answer);
      if (!more) break;
    }
    writing = false;
  }

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
