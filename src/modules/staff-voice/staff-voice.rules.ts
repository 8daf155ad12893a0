// The staff's voice, pure: eNPS, the pulse score, which groups' results may be shown (a minimum
// group size, with complementary hiding so a hidden group cannot be worked out from the total),
// and a suggestion's steps.

export type EnpsFigures = { responses: number; promoters: number; passives: number; detractors: number; enps: number | null };

/** eNPS: the share of promoters (9–10) less the share of detractors (0–6), in whole points from −100 to 100. */
export function enps(answers: number[]): EnpsFigures {
  const promoters = answers.filter((a) => a >= 9).length;
  const detractors = answers.filter((a) => a <= 6).length;
  const n = answers.length;
  return { responses: n, promoters, passives: n - promoters - detractors, detractors, enps: n ? Math.round((100 * (promoters - detractors)) / n) : null };
}

/** The pulse score: the mean of every 1–5 answer, to two decimals; null without answers. */
export function pulseScore(scores: number[]): number | null {
  if (!scores.length) return null;
  return Math.round((100 * scores.reduce((s, x) => s + x, 0)) / scores.length) / 100;
}

/**
 * Which groups' results are shown: a group smaller than `min` is hidden; and when the hidden ones
 * together number fewer than `min` (yet some), the smallest shown group is hidden too, again until
 * they reach `min` — else the company's total less the shown groups would give them away. The total
 * is shown only when it reaches `min` itself.
 */
export function visibleGroups(groups: { key: string; n: number }[], min: number): { shown: Set<string>; totalShown: boolean } {
  const shown = new Set(groups.filter((g) => g.n >= min).map((g) => g.key));
  const total = groups.reduce((s, g) => s + g.n, 0);
  const hiddenCount = () => groups.filter((g) => !shown.has(g.key)).reduce((s, g) => s + g.n, 0);
  while (shown.size && hiddenCount() > 0 && hiddenCount() < min) {
    const smallest = groups.filter((g) => shown.has(g.key)).sort((a, b) => a.n - b.n || a.key.localeCompare(b.key))[0];
    shown.delete(smallest.key);
  }
  return { shown, totalShown: total >= min };
}

export const suggestionStatuses = ['new', 'under_review', 'accepted', 'rejected', 'implemented'] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];

export const suggestionStatusNames: Record<SuggestionStatus, { zh: string; en: string }> = {
  new: { zh: '新提交', en: 'New' },
  under_review: { zh: '评估中', en: 'Under review' },
  accepted: { zh: '已采纳', en: 'Accepted' },
  rejected: { zh: '未采纳', en: 'Not adopted' },
  implemented: { zh: '已实施', en: 'Implemented' },
};

const next: Record<SuggestionStatus, SuggestionStatus[]> = {
  new: ['under_review', 'accepted', 'rejected'],
  under_review: ['accepted', 'rejected'],
  accepted: ['implemented', 'rejected'],
  // A suggestion not adopted may be looked at again.
  rejected: ['under_review'],
  implemented: [],
};

export const mayMove = (from: SuggestionStatus, to: SuggestionStatus) => next[from].includes(to);

/** The month (YYYY-MM) and day of an instant, China time. */
