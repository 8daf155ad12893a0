// Pulse figures by group, the minimum group size respected: what the results page shows and what
// the scorecard reads (pulseFigures, through index.ts).
import type { Queryable } from '../../db/database.js';
import * as repo from './staff-voice.repo.js';
import { enps, pulseScore, visibleGroups } from './staff-voice.rules.js';

export type GroupBy = 'provider' | 'role' | 'all';
export type GroupFigure = { group: string; responses: number | null; enps: number | null; pulseScore: number | null; questions: { code: string; score: number | null }[]; hidden: boolean };
export type PulseFigures = { minGroupSize: number; total: GroupFigure; groups: GroupFigure[] };

const groupKey = (r: repo.ResponseRow, by: GroupBy) => (by === 'all' ? 'all' : by === 'role' ? r.role : (r.providerId ?? 'hq'));

/**
 * Figures of the responses grouped `by` provider ('hq' for headquarters), role, or not at all. A
 * group below the minimum size (and any hidden with it, see visibleGroups) shows no count and no figure.
 */
export function figuresOf(responses: repo.ResponseRow[], codes: string[], by: GroupBy, min: number): PulseFigures {
  const groups = new Map<string, repo.ResponseRow[]>();
  for (const r of responses) {
    const k = groupKey(r, by);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const { shown, totalShown } = visibleGroups([...groups].map(([key, rs]) => ({ key, n: rs.length })), min);
  const figure = (group: string, rs: repo.ResponseRow[], visible: boolean): GroupFigure =>
    visible
      ? { group, responses: rs.length, enps: enps(rs.map((r) => r.enps)).enps, pulseScore: pulseScore(rs.flatMap((r) => codes.map((c) => r.scores[c]).filter((x): x is number => typeof x === 'number'))), questions: codes.map((code) => ({ code, score: pulseScore(rs.map((r) => r.scores[code]).filter((x): x is number => typeof x === 'number')) })), hidden: false }
      : { group, responses: null, enps: null, pulseScore: null, questions: codes.map((code) => ({ code, score: null })), hidden: true };
  return {
    minGroupSize: min,
    total: figure('all', responses, totalShown),
    groups: by === 'all' ? [] : [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, rs]) => figure(k, rs, shown.has(k))),
  };
}

/** For the scorecard: the month's pulse figures (every survey counted in it), by group, the largest minimum of its surveys respected. */
export async function pulseFigures(q: Queryable, month: string, by: GroupBy): Promise<PulseFigures | null> {
  const surveys = await repo.surveysOfMonth(q, month);
  if (!surveys.length) return null;
  const codes = [...new Set(surveys.flatMap((s) => s.questions.map((x) => x.code)))];
  const responses = await repo.responsesOf(q, surveys.map((s) => s.id));
  return figuresOf(responses, codes, by, Math.max(...surveys.map((s) => s.minGroupSize)));
}
