import { describe, expect, it } from 'vitest';
import { allowedActions, diff, nextStatus, orderActions, orderKinds, orderStatuses, regionKey, type OrderAction, type OrderStatus } from './work-orders.rules.js';

// The whole table, written out independently of the rules file, so a change to either shows.
const expected: Record<OrderStatus, Partial<Record<OrderAction, OrderStatus>>> = {
  intake: { accept: 'awaiting_dispatch', cancel: 'cancelled' },
  awaiting_dispatch: { dispatch: 'dispatched', cancel: 'cancelled' },
  dispatched: { dispatch: 'dispatched', assign: 'assigned', cancel: 'cancelled', hold: 'on_hold' },
  assigned: { dispatch: 'dispatched', assign: 'assigned', accept_job: 'assigned', decline_job: 'dispatched', book: 'booked', cancel: 'cancelled', hold: 'on_hold' },
  booked: { dispatch: 'dispatched', assign: 'assigned', decline_job: 'dispatched', book: 'booked', check_in: 'on_site', cancel: 'cancelled', hold: 'on_hold' },
  on_site: { complete: 'work_done', hold: 'on_hold' },
  work_done: { send_acceptance_code: 'work_done', confirm: 'confirmed', redo: 'assigned' },
  confirmed: { follow_up: 'followed_up', redo: 'assigned' },
  followed_up: { close: 'closed', redo: 'assigned' },
  closed: { reopen: 'awaiting_dispatch' },
  cancelled: { reopen: 'awaiting_dispatch' },
  on_hold: { cancel: 'cancelled', resume: 'booked' },
};

describe('work-order state machine', () => {
  for (const status of orderStatuses) {
    for (const action of orderActions) {
      const to = expected[status][action];
      it(`${status} --${action}--> ${to ?? 'refused'}`, () => {
        const r = nextStatus({ status, kind: 'repair', statusBeforeHold: status === 'on_hold' ? 'booked' : null }, action);
        if (to) {
          expect(r).toEqual({ ok: true, to });
        } else {
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(r.status).toBe(status);
          expect(r.allowed).toEqual(Object.keys(expected[status]).sort((a, b) => orderActions.indexOf(a as OrderAction) - orderActions.indexOf(b as OrderAction)));
          expect(r.message).toContain(status);
          expect(r.message).toContain(action);
        }
      });
    }
  }

  it('resumes to whichever status was held', () => {
    for (const held of ['dispatched', 'assigned', 'booked', 'on_site'] as const) {
      expect(nextStatus({ status: 'on_hold', kind: 'repair', statusBeforeHold: held }, 'resume')).toEqual({ ok: true, to: held });
    }
  });

  it('lets only a consultation close from intake', () => {
    for (const kind of orderKinds) {
      const r = nextStatus({ status: 'intake', kind, statusBeforeHold: null }, 'close');
      expect(r.ok).toBe(kind === 'consultation');
      expect(allowedActions('intake', kind).includes('close')).toBe(kind === 'consultation');
    }
  });

  it('every status but closed and cancelled can reach closed', () => {
    const reachable = new Set<OrderStatus>(['closed']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of orderStatuses) {
        if (reachable.has(s)) continue;
        const targets = Object.values(expected[s]);
        if (s === 'on_hold' || targets.some((t) => reachable.has(t))) {
          reachable.add(s);
          grew = true;
        }
      }
    }
    expect([...reachable].sort()).toEqual([...orderStatuses].sort());
  });
});

describe('diff for history rows', () => {
  it('keeps only changed fields, comparing dates by instant', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(diff<Record<string, unknown>>({ a: 1, b: at, c: null }, { a: 1, b: new Date(at.getTime()), c: 'x' })).toEqual({ c: { from: null, to: 'x' } });
    expect(diff({ a: { x: 1 } }, { a: { x: 2 } })).toEqual({ a: { from: { x: 1 }, to: { x: 2 } } });
  });
});

describe('regions written with or without their suffix', () => {
  it('takes 市, 省, 区, 县 and the autonomous regions off; a one-character name keeps its suffix', () => {
    expect(['广州', '广州市', ' 广州市 '].map(regionKey)).toEqual(['广州', '广州', '广州']);
    expect([regionKey('广东省'), regionKey('番禺区'), regionKey('从化县'), regionKey('广西壮族自治区'), regionKey('香港特别行政区')]).toEqual(['广东', '番禺', '从化', '广西', '香港']);
    expect([regionKey('津市'), regionKey('沙县'), regionKey('Guangzhou')]).toEqual(['津市', '沙县', 'Guangzhou']);
  });
});
