import { describe, expect, it } from 'vitest';
import { grouped } from './grouped.js';

describe('grouped writes', () => {
  it('writes a lone call at once and the calls that arrive meanwhile together, each answered with its own result', async () => {
    const groups: number[][] = [];
    const write = grouped(async (items: number[]) => {
      groups.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => i * 10);
    }, { max: 3 });
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(write));
    expect(answers).toEqual([10, 20, 30, 40, 50, 60]);
    expect(groups).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('keeps an item that does not fit for a later group, in order', async () => {
    const groups: string[][] = [];
    const write = grouped(async (items: string[]) => {
      groups.push(items);
      return items;
    }, { max: 10, fits: (group, item) => !group.includes(item) });
    await Promise.all(['x', 'a', 'b', 'a', 'c', 'a'].map(write));
    expect(groups).toEqual([['x'], ['a', 'b', 'c'], ['a'], ['a']]);
  });

  it('when a group fails, writes each of its items alone so only the bad one fails', async () => {
    const groups: string[][] = [];
    const write = grouped(async (items: string[]) => {
      groups.push(items);
      if (items.includes('bad')) throw new Error(`cannot write ${items.join(',')}`);
      return items.map((i) => i.toUpperCase());
    }, { max: 10 });
    const answers = await Promise.allSettled(['first', 'ok', 'bad', 'fine'].map(write));
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual(['FIRST', 'OK', 'cannot write bad', 'FINE']);
    expect(groups).toEqual([['first'], ['ok', 'bad', 'fine'], ['ok'], ['bad'], ['fine']]);
  });

  it('sends the next group before answering the callers of the one just written', async () => {
    const events: string[] = [];
    // The first write waits until the second call has arrived (no timers: a loaded machine reorders them).
    let releaseFirst!: () => void;
    const firstInFlight = new Promise<void>((r) => (releaseFirst = r));
    const write = grouped(async (items: number[]) => {
      events.push(`write ${items.join(',')}`);
      if (items.includes(1)) await firstInFlight;
      return items;
    }, { max: 10 });
    const first = write(1).then(() => events.push('answered 1'));
    const second = write(2).then(() => events.push('answered 2'));
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['write 1', 'write 2', 'answered 1', 'answered 2']);
  });
});
