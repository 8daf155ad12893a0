import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  approverPermission,
  bearerFor,
  caseAmountFen,
  decisionsAfterAppraisal,
  defaultReturnPolicy,
  needsOverride,
  signaturesNeeded,
  stepCase,
  stepWayBack,
  wayBackSettled,
  type CaseAction,
  type CaseStatus,
  type Responsibility,
} from './returns.rules.js';

describe('the case state machine', () => {
  const table: [CaseStatus, CaseAction, CaseStatus | null][] = [
    ['opened', 'start_appraisal', 'appraising'],
    ['opened', 'decide', null],
    ['opened', 'reject', 'rejected'],
    ['appraising', 'appraise', 'appraising'],
    ['appraising', 'sign', 'appraising'],
    ['appraising', 'decide', null],
    ['appraised', 'decide', 'decided'],
    ['appraised', 'approve', null],
    ['decided', 'decide', 'decided'],
    ['decided', 'approve', 'approved'],
    ['decided', 'execute', null],
    ['approved', 'execute', 'executed'],
    ['approved', 'reject', null],
    ['executed', 'way_back', 'executed'],
    ['executed', 'close', 'closed'],
    ['closed', 'reject', null],
    ['rejected', 'start_appraisal', null],
  ];
  it.each(table)('%s + %s → %s', (status, action, to) => {
    const r = stepCase(status, action);
    if (to === null) {
      expect(r.ok).toBe(false);
      expect(r.ok ? [] : r.allowed).toEqual(allowedActions(status));
    } else expect(r).toEqual({ ok: true, to });
  });
  it('names what is allowed from each state', () => {
    expect(allowedActions('opened')).toEqual(['start_appraisal', 'reject']);
    expect(allowedActions('executed')).toEqual(['way_back', 'close']);
    expect(allowedActions('closed')).toEqual([]);
    expect(allowedActions('rejected')).toEqual([]);
  });
});

describe('who bears the cost', () => {
  const table: [Responsibility, boolean, string][] = [
    ['product_quality', false, 'maker'],
    ['installation', false, 'installer'],
    ['transport', false, 'carrier'],
    ['customer_misuse', false, 'customer'],
    ['customer_misuse', true, 'customer'],
    ['no_fault_found', false, 'customer'],
    ['no_fault_found', true, 'maker'],
  ];
  it.each(table)('%s (no-reason return %s) → %s', (r, noReason, bearer) => expect(bearerFor(r, noReason)).toBe(bearer));
});

describe('remedies against the 三包 answer and the appraisal', () => {
  it('needs an override for a remedy the rules do not allow', () => {
    expect(needsOverride(['replace', 'repair'], 'exchange')).toBe(false);
    expect(needsOverride(['replace', 'repair'], 'refund')).toBe(true);
    expect(needsOverride(['repair'], 'exchange')).toBe(true);
    expect(needsOverride(['refund'], 'refund')).toBe(false);
  });
  const table: [string[], Responsibility, boolean, string[]][] = [
    [['exchange', 'refund'], 'product_quality', false, ['exchange', 'refund']],
    [['exchange', 'refund'], 'installation', false, ['exchange', 'refund']],
    [['exchange', 'refund', 'repair'], 'customer_misuse', false, ['repair']],
    [['exchange', 'refund'], 'customer_misuse', false, []],
    [['exchange', 'repair'], 'no_fault_found', false, []],
    [['refund'], 'no_fault_found', true, ['refund']],
  ];
  it.each(table)('%j after %s (no-reason %s) → %j', (allowed, r, noReason, open) => expect(decisionsAfterAppraisal(allowed as never, r, noReason)).toEqual(open));
});

describe('the policy as data', () => {
  const policy = { ...defaultReturnPolicy, panelAboveFen: 1_000_000, panelForRefunds: true, panelSize: 3, managerApprovalAboveFen: 500_000 };
  it.each([
    [999_999, 'exchange', 1],
    [1_000_000, 'exchange', 1],
    [1_000_001, 'exchange', 3],
    [100, 'refund', 3],
  ] as const)('a unit of %i fen asking %s needs %i signatures', (unitPriceFen, requested, n) => expect(signaturesNeeded(policy, { unitPriceFen, requested })).toBe(n));
  it('a panel is at least two people whatever the data says', () => expect(signaturesNeeded({ ...policy, panelSize: 1 }, { unitPriceFen: 2_000_000, requested: 'repair' })).toBe(2));
  it.each([
    [500_000, 'returns.handle'],
    [500_001, 'returns.approve'],
    [0, 'returns.handle'],
  ] as const)('refunds of %i fen are approved with %s', (amount, permission) => expect(approverPermission(policy, amount)).toBe(permission));
  it('adds only the refunds of a case', () => {
    expect(caseAmountFen([{ decision: 'refund', refundFen: 300_000 }, { decision: 'exchange', refundFen: null }, { decision: 'refund', refundFen: 250_001 }, { decision: null, refundFen: null }])).toBe(550_001);
  });
});

describe("the old unit's way back", () => {
  it('goes pickup → warehouse → fate, each once', () => {
    expect(stepWayBack('with_customer', 'book_pickup')).toEqual({ ok: true, to: 'pickup_booked' });
    expect(stepWayBack('with_customer', 'receive')).toEqual({ ok: true, to: 'received' });
    expect(stepWayBack('pickup_booked', 'receive')).toEqual({ ok: true, to: 'received' });
    expect(stepWayBack('received', 'fate', 'scrap')).toEqual({ ok: true, to: 'scrap' });
    expect(stepWayBack('received', 'fate')).toEqual({ ok: false, allowed: ['fate'] });
    expect(stepWayBack('with_customer', 'fate', 'stock')).toEqual({ ok: false, allowed: ['book_pickup', 'receive'] });
    expect(stepWayBack('stock', 'receive')).toEqual({ ok: false, allowed: [] });
  });
  it('is settled by a fate, or not needed after a repair', () => {
    expect(wayBackSettled('repair', 'with_customer')).toBe(true);
    expect(wayBackSettled('refund', 'received')).toBe(false);
    expect(wayBackSettled('exchange', 'back_to_factory')).toBe(true);
  });
});
