// Service-standard audit rules, pure: a checklist template's shape and problems, how one item's
// evidence passes or fails, the 100-point score with its stars, the corrective actions a failed
// item opens and their steps, what a follow-up answer says about an item, and how an audit score
// weighs in a provider's dispatch ranking.

export const evidenceTypes = ['pass_fail', 'measured', 'photo'] as const;
export type EvidenceType = (typeof evidenceTypes)[number];
export const auditKinds = ['on_site', 'mystery_shopper', 'follow_up', 'self_assessment'] as const;
export type AuditKind = (typeof auditKinds)[number];
export const itemResults = ['pass', 'fail', 'na'] as const;
export type ItemResult = (typeof itemResults)[number];

export const kindNames: Record<AuditKind, { zh: string; en: string }> = {
  on_site: { zh: '现场检查', en: 'On-site check' },
  mystery_shopper: { zh: '神秘顾客', en: 'Mystery shopper' },
  follow_up: { zh: '回访推导', en: 'From follow-up' },
  self_assessment: { zh: '自评', en: 'Self-assessment' },
};

/**
 * One checklist item. `weight`: its points (a 100-point template's weights sum to 100; any others
 * are scaled to 100). `critical`: a red line — failing it fails the audit whatever the score.
 * `fromFollowUp`: which follow-up answer decides it in an audit derived from follow-ups (a
 * survey's `aspects.tidiness` score, a call script's yes/no question code; several separated by |,
 * the first answered counts): false, or a score at or below `failAtOrBelow`, fails it.
 */
export type TemplateItem = {
  code: string;
  textZh: string;
  textEn: string;
  weight: number;
  evidence: EvidenceType;
  criteriaZh?: string;
  criteriaEn?: string;
  /** Measured items: the target and the tolerance either side, in `unit`. */
  target?: number;
  tolerance?: number;
  unit?: string;
  critical?: boolean;
  /** Days the provider has to correct a failure of this item (the template's default otherwise). */
  dueDays?: number;
  fromFollowUp?: { key: string; failAtOrBelow?: number };
};

/** `indicatorClass`: GB/T 27922's three classes (the after-sales system; service around the goods; service to the customer), or none. */
export type TemplateSection = { code: string; nameZh: string; nameEn: string; indicatorClass?: 'system' | 'goods' | 'customer'; items: TemplateItem[] };

/** The grade bands: below `pass` fails; each star band's minimum gives its stars. */
export type Grading = { pass: number; stars: { min: number; stars: number }[] };
export const gbGrading: Grading = { pass: 70, stars: [{ min: 80, stars: 3 }, { min: 90, stars: 4 }, { min: 95, stars: 5 }] };

export type TemplateContent = { sections: TemplateSection[]; grading: Grading; dueDays: number };

export type Problem = { path: string; en: string; zh: string };

/** What is wrong with a template's content: duplicate codes, a measured item without a target, an empty section, star bands out of order. */
export function templateProblems(c: TemplateContent): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const sectionCodes = new Set<string>();
  if (!c.sections.length) out.push({ path: 'content.sections', en: 'a template needs at least one section', zh: '模板至少需要一个分区' });
  c.sections.forEach((s, i) => {
    if (sectionCodes.has(s.code)) out.push({ path: `content.sections.${i}.code`, en: 'two sections share this code', zh: '分区编码重复' });
    sectionCodes.add(s.code);
    if (!s.items.length) out.push({ path: `content.sections.${i}.items`, en: 'a section needs at least one item', zh: '分区至少需要一个检查项' });
    s.items.forEach((it, j) => {
      const path = `content.sections.${i}.items.${j}`;
      if (seen.has(it.code)) out.push({ path: `${path}.code`, en: 'two items share this code', zh: '检查项编码重复' });
      seen.add(it.code);
      if (it.evidence === 'measured' && (it.target === undefined || it.tolerance === undefined)) out.push({ path: `${path}.target`, en: 'a measured item needs a target and a tolerance', zh: '测量项须有目标值和允差' });
    });
  });
  const mins = c.grading.stars.map((s) => s.min);
  if (mins.some((m, i) => i > 0 && m <= mins[i - 1]) || c.grading.stars.some((s) => s.min < c.grading.pass)) out.push({ path: 'content.grading.stars', en: 'star bands rise above the pass mark', zh: '星级分档须高于及格线且递增' });
  return out;
}

export const templateItems = (c: Pick<TemplateContent, 'sections'>) => c.sections.flatMap((s) => s.items.map((item) => ({ section: s, item })));

/** One item as the auditor found it: a result (pass/fail/na), or for a measured item the value read. */
export type ItemFinding = { itemCode: string; result?: ItemResult; value?: number; photoId?: string; note?: string };

/** The result an item's finding gives: a measured value passes within the tolerance; a photo item passes only with its photo. */
export function itemResult(item: TemplateItem, f: ItemFinding | undefined): ItemResult | { problem: Pick<Problem, 'en' | 'zh'> } {
  if (!f) return { problem: { en: 'no finding for this item', zh: '该检查项未填写结果' } };
  if (f.result === 'na') return 'na';
  if (item.evidence === 'measured') {
    if (f.value === undefined) return { problem: { en: 'a measured item needs the value read', zh: '测量项须填写测量值' } };
    return Math.abs(f.value - item.target!) <= item.tolerance! + 1e-9 ? 'pass' : 'fail';
  }
  if (f.result === undefined) return { problem: { en: 'pass, fail or not applicable', zh: '请选择合格、不合格或不适用' } };
  if (item.evidence === 'photo' && f.result === 'pass' && !f.photoId) return { problem: { en: 'a photo item passes only with its photo', zh: '拍照项须附照片才算合格' } };
  return f.result;
}

/** Points to one decimal (half up), so a score never carries float noise. */
export const round1 = (x: number) => Math.round(x * 10 + 1e-9) / 10;

export type Scored = {
  /** 0–100, one decimal; null when every item was not applicable. */
  score: number | null;
  passed: boolean;
  stars: number;
  criticalFailed: boolean;
  sections: { code: string; indicatorClass: string | null; score: number | null; earned: number; possible: number }[];
  results: { itemCode: string; sectionCode: string; result: ItemResult; weight: number }[];
};

/**
 * The score: points earned over points applicable, scaled to 100 (an item not applicable leaves
 * both); the grade from the template's bands; a failed critical item fails the audit and gives no
 * stars, whatever the score.
 */
export function scoreAudit(content: TemplateContent, results: Map<string, ItemResult>): Scored {
  let earned = 0;
  let possible = 0;
  let criticalFailed = false;
  const rows: Scored['results'] = [];
  const sections = content.sections.map((s) => {
    let e = 0;
    let p = 0;
    for (const item of s.items) {
      const r = results.get(item.code) ?? 'na';
      rows.push({ itemCode: item.code, sectionCode: s.code, result: r, weight: item.weight });
      if (r === 'na') continue;
      p += item.weight;
      if (r === 'pass') e += item.weight;
      else if (item.critical) criticalFailed = true;
    }
    earned += e;
    possible += p;
    return { code: s.code, indicatorClass: s.indicatorClass ?? null, score: p > 0 ? round1((100 * e) / p) : null, earned: e, possible: p };
  });
  const score = possible > 0 ? round1((100 * earned) / possible) : null;
  const g = grade(content.grading, score, criticalFailed);
  return { score, ...g, criticalFailed, sections, results: rows };
}

export function grade(grading: Grading, score: number | null, criticalFailed = false): { passed: boolean; stars: number } {
  if (score === null) return { passed: true, stars: 0 };
  if (criticalFailed || score < grading.pass) return { passed: false, stars: 0 };
  const stars = grading.stars.filter((b) => score >= b.min).reduce((m, b) => Math.max(m, b.stars), 0);
  return { passed: true, stars };
}

/** What a follow-up answer says about an item (null: it says nothing): false or a low score fails it. */
export function followUpResult(item: TemplateItem, answers: Record<string, unknown>): ItemResult | null {
  if (!item.fromFollowUp) return null;
  // Keys separated by | are tried in turn: a survey's aspect, then a call script's question.
  const at = (path: string) => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), answers);
  const v = item.fromFollowUp.key.split('|').map(at).find((x) => x !== undefined);
  if (typeof v === 'boolean') return v ? 'pass' : 'fail';
  if (typeof v === 'number' && Number.isFinite(v)) return v <= (item.fromFollowUp.failAtOrBelow ?? 2) ? 'fail' : 'pass';
  return null;
}

// ---------------------------------------------------------------- corrective actions

export const actionStatuses = ['open', 'submitted', 'verified'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actionSteps = ['submit', 'verify', 'reject'] as const;
export type ActionStep = (typeof actionSteps)[number];

export const actionStatusNames: Record<ActionStatus, { zh: string; en: string }> = {
  open: { zh: '待整改', en: 'Open' },
  submitted: { zh: '待验证', en: 'Awaiting verification' },
  verified: { zh: '已验证关闭', en: 'Verified' },
};

const actionTransitions: Record<ActionStep, { from: ActionStatus; to: ActionStatus }> = {
  // The owner says it is put right, with what was done.
  submit: { from: 'open', to: 'submitted' },
  // The verifier checks it: verified closes it, rejected sends it back to the owner.
  verify: { from: 'submitted', to: 'verified' },
  reject: { from: 'submitted', to: 'open' },
};

export function actionStatusAfter(from: ActionStatus, step: ActionStep): ActionStatus | null {
  const t = actionTransitions[step];
  return t.from === from ? t.to : null;
}

/** The due time of a failed item's action: `dueDays` (the item's, else the template's) after the audit. */
export function actionDueAt(auditedAt: Date, item: Pick<TemplateItem, 'dueDays'>, templateDueDays: number): Date {
  return new Date(auditedAt.getTime() + (item.dueDays ?? templateDueDays) * 86_400_000);
}

/** Overdue: past its due time and not yet verified (a submitted one waits on the verifier, but the owner's time still counts). */
export const isOverdue = (a: { status: ActionStatus; dueAt: Date }, now: Date) => a.status !== 'verified' && a.dueAt.getTime() < now.getTime();

/** The month (YYYY-MM) of an instant, China time: audits and scores are by the business's month. */
export const chinaMonth = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
