import { AppError } from '../../shared/errors.js';
import type { Missing, Problem } from './evidence.rules.js';

export const evidenceErrors = {
  missing: (m: Missing[]) =>
    new AppError(
      'evidence_missing',
      422,
      `Evidence missing: ${m.map((x) => x.en).join(', ')} / 缺少完工凭证：${m.map((x) => x.zh).join('、')}`,
      m.map((x) => ({ path: x.path, message: x.en, zh: x.zh, what: x.what })),
    ),
  problems: (p: Problem[]) =>
    new AppError(p[0].code, 422, `${p.map((x) => `${x.path}: ${x.en}`).join('; ')} / ${p.map((x) => x.zh).join('；')}`, p.map((x) => ({ path: x.path, message: x.en, zh: x.zh, code: x.code }))),
  ruleExists: () =>
    new AppError('evidence_rule_exists', 409, 'kind: a rule for this category and kind exists; change that one / 该品类与工单类型已有凭证规则，请修改原规则', [{ path: 'kind', message: 'a rule exists' }]),
  staleVersion: (current: number) =>
    new AppError('version_conflict', 409, 'Someone else changed this rule; reload and try again / 规则已被他人修改，请刷新后重试', { currentVersion: current }),
  notFound: (id: string) => new AppError('evidence_rule_not_found', 404, `evidence rule ${id} not found / 未找到凭证规则`, [{ path: 'id', message: 'not found' }]),
  noCategory: () => new AppError('validation_failed', 400, 'categoryId: no such category / 品类不存在', [{ path: 'categoryId', message: 'no such category' }]),
};
