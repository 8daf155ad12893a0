import { describe, expect, it } from 'vitest';
import { compensationProblem, complaintNumber, isBreached, levelForSeverity, nextLevel, previousLevel, progressWords, repeatSince, statusAfter, targetMinutes, type Rung } from './complaints.rules.js';

const t = (low: number, normal: number, high: number, critical: number) => ({ low, normal, high, critical });
// Out of rank order on purpose: the ladder is read by rank, not by row order.
const ladder: Rung[] = [
  { level: 'manager', rank: 3, nameZh: '经理', nameEn: 'Manager', minSeverity: 'critical', targetMinutes: t(480, 480, 240, 120) },
  { level: 'desk', rank: 1, nameZh: '客服', nameEn: 'Desk', minSeverity: null, targetMinutes: t(960, 480, 240, 120) },
  { level: 'executive', rank: 4, nameZh: '高层', nameEn: 'Executive', minSeverity: null, targetMinutes: t(480, 480, 240, 120) },
  { level: 'supervisor', rank: 2, nameZh: '主管', nameEn: 'Supervisor', minSeverity: 'high', targetMinutes: t(960, 480, 240, 60) },
];

describe('the escalation ladder', () => {
  it('starts a complaint on the highest rung its severity reaches', () => {
    expect(levelForSeverity(ladder, 'low')).toBe('desk');
    expect(levelForSeverity(ladder, 'normal')).toBe('desk');
    expect(levelForSeverity(ladder, 'high')).toBe('supervisor');
    expect(levelForSeverity(ladder, 'critical')).toBe('manager');
  });
  it('climbs and descends by rank, with nothing beyond the ends', () => {
    expect(nextLevel(ladder, 'desk')).toBe('supervisor');
    expect(nextLevel(ladder, 'manager')).toBe('executive');
    expect(nextLevel(ladder, 'executive')).toBeNull();
    expect(previousLevel(ladder, 'supervisor')).toBe('desk');
    expect(previousLevel(ladder, 'desk')).toBeNull();
  });
  it("reads each rung's clock per severity", () => {
    expect(targetMinutes(ladder, 'supervisor', 'critical')).toBe(60);
    expect(targetMinutes(ladder, 'desk', 'low')).toBe(960);
  });
  it('is breached only while open with its clock run out', () => {
    const due = new Date('2026-06-01T10:00:00Z');
    expect(isBreached({ status: 'open', dueAt: due }, new Date('2026-06-01T10:00:00Z'))).toBe(true);
    expect(isBreached({ status: 'open', dueAt: due }, new Date('2026-06-01T09:59:59Z'))).toBe(false);
    expect(isBreached({ status: 'resolved', dueAt: due }, new Date('2026-06-02T00:00:00Z'))).toBe(false);
    expect(isBreached({ status: 'open', dueAt: null }, new Date('2026-06-02T00:00:00Z'))).toBe(false);
  });
});

describe('the steps of a complaint', () => {
  it('moves on the ladder only while open; the customer answers only a resolution; a rejection opens it again', () => {
    expect(statusAfter('open', 'escalate')).toBe('open');
    expect(statusAfter('resolved', 'escalate')).toBeNull();
    expect(statusAfter('open', 'resolve')).toBe('resolved');
    expect(statusAfter('resolved', 'reject')).toBe('open');
    expect(statusAfter('resolved', 'accept')).toBe('closed');
    expect(statusAfter('open', 'accept')).toBeNull();
    expect(statusAfter('closed', 'log')).toBeNull();
    expect(statusAfter('resolved', 'log')).toBe('resolved');
  });
  it('checks compensation amounts', () => {
    expect(compensationProblem('apology', null)).toBeNull();
    expect(compensationProblem('apology', 100)?.path).toBe('amount');
    expect(compensationProblem('refund', null)?.path).toBe('amount.amountFen');
    expect(compensationProblem('credit', 0)?.path).toBe('amount.amountFen');
    expect(compensationProblem('refund', 5000)).toBeNull();
    expect(compensationProblem('free_service', null)).toBeNull();
  });
  it('looks for repeats in a window of days, and numbers complaints by month', () => {
    expect(repeatSince(new Date('2026-07-15T00:00:00Z'), 14).toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(complaintNumber(new Date('2026-06-30T12:00:00Z'), 42)).toBe('CP2606-000042');
  });
  it('tells the customer where it stands in plain words', () => {
    expect(progressWords({ status: 'open', level: 'supervisor', customerAnswer: null }).en).toBe('A supervisor is handling your complaint');
    expect(progressWords({ status: 'open', level: 'desk', customerAnswer: 'rejected' }).zh).toBe('您未接受上次的方案，客服专员正在处理您的投诉');
    expect(progressWords({ status: 'closed', level: 'desk', customerAnswer: 'accepted' }).en).toContain('closed');
  });
});
