import { describe, expect, it } from 'vitest';
import { creditFor, disputableFen, disputeReasons, disputeStatuses, isOverdue, nextStatus, outcomes, queueOrder, reasonNames, reviewDueAt, statusNames } from './disputes.rules.js';

describe('fee dispute rules', () => {
  it('names every reason and status in both languages', () => {
    for (const r of disputeReasons) expect(reasonNames[r].zh && reasonNames[r].en, r).toBeTruthy();
    for (const s of disputeStatuses) expect(statusNames[s].zh && statusNames[s].en, s).toBeTruthy();
  });

  it('moves only an open dispute, once, to its outcome or withdrawn', () => {
    expect(nextStatus('open', 'upheld')).toBe('upheld');
    expect(nextStatus('open', 'partly_upheld')).toBe('partly_upheld');
    expect(nextStatus('open', 'rejected')).toBe('rejected');
    expect(nextStatus('open', 'withdraw')).toBe('withdrawn');
    for (const from of disputeStatuses.filter((s) => s !== 'open')) {
      for (const action of [...outcomes, 'withdraw' as const]) expect(nextStatus(from, action), `${from} ${action}`).toBeNull();
    }
  });

  it('leaves disputable what earlier disputes did not credit, never below nothing', () => {
    expect(disputableFen(8000, 0)).toBe(8000);
    expect(disputableFen(8000, 3000)).toBe(5000);
    expect(disputableFen(8000, 8000)).toBe(0);
    expect(disputableFen(8000, 9000)).toBe(0);
  });

  it('credits never above the disputed amount: upheld all of it, partly upheld a part, rejected nothing', () => {
    expect(creditFor('upheld', 8000, undefined)).toEqual({ fen: 8000 });
    expect(creditFor('upheld', 8000, 8000)).toEqual({ fen: 8000 });
    expect(creditFor('upheld', 8000, 7999)).toMatchObject({ path: 'amount' });
    expect(creditFor('partly_upheld', 8000, 1)).toEqual({ fen: 1 });
    expect(creditFor('partly_upheld', 8000, 7999)).toEqual({ fen: 7999 });
    // The edges: all of it is "upheld", nothing is "rejected", more is never credited.
    expect(creditFor('partly_upheld', 8000, 8000)).toMatchObject({ path: 'amount.amountFen' });
    expect(creditFor('partly_upheld', 8000, 8001)).toMatchObject({ path: 'amount.amountFen' });
    expect(creditFor('partly_upheld', 8000, 0)).toMatchObject({ path: 'amount.amountFen' });
    expect(creditFor('partly_upheld', 8000, 12.5)).toMatchObject({ path: 'amount.amountFen' });
    expect(creditFor('partly_upheld', 8000, undefined)).toMatchObject({ path: 'amount', zh: expect.any(String) });
    expect(creditFor('rejected', 8000, undefined)).toEqual({ fen: 0 });
    expect(creditFor('rejected', 8000, 0)).toEqual({ fen: 0 });
    expect(creditFor('rejected', 8000, 100)).toMatchObject({ path: 'amount' });
  });

  it('is due a number of calendar hours after it was raised, overdue only while open', () => {
    const raised = new Date('2026-06-05T09:30:00Z');
    const due = reviewDueAt(raised, 48);
    expect(due.toISOString()).toBe('2026-06-07T09:30:00.000Z');
    expect(isOverdue({ status: 'open', dueAt: due }, new Date('2026-06-07T09:30:00Z'))).toBe(false);
    expect(isOverdue({ status: 'open', dueAt: due }, new Date('2026-06-07T09:30:01Z'))).toBe(true);
    expect(isOverdue({ status: 'rejected', dueAt: due }, new Date('2026-06-09T00:00:00Z'))).toBe(false);
  });

  it('queues the overdue first, then the open by due time, then the decided newest first', () => {
    const now = new Date('2026-06-10T00:00:00Z');
    const d = (id: string, status: 'open' | 'upheld', due: string, created: string) => ({ id, status, dueAt: new Date(due), createdAt: new Date(created) });
    const items = [
      d('decided-old', 'upheld', '2026-06-03T00:00:00Z', '2026-06-01T00:00:00Z'),
      d('open-later', 'open', '2026-06-12T00:00:00Z', '2026-06-10T00:00:00Z'),
      d('overdue-a-little', 'open', '2026-06-09T00:00:00Z', '2026-06-07T00:00:00Z'),
      d('decided-new', 'upheld', '2026-06-08T00:00:00Z', '2026-06-06T00:00:00Z'),
      d('open-sooner', 'open', '2026-06-11T00:00:00Z', '2026-06-09T00:00:00Z'),
      d('overdue-long', 'open', '2026-06-05T00:00:00Z', '2026-06-03T00:00:00Z'),
    ];
    expect(queueOrder(items, now).map((x) => x.id)).toEqual(['overdue-long', 'overdue-a-little', 'open-sooner', 'open-later', 'decided-new', 'decided-old']);
  });
});
