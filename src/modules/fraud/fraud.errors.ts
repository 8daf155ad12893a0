import { AppError } from '../../shared/errors.js';
import { statusNames, type ReviewStatus } from './fraud.rules.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const fraudErrors = {
  notScored: (orderId: string) => new AppError('fraud_score_not_found', 404, `order ${orderId} has no fraud score / 该工单尚无风险评分`, [{ path: 'id', message: 'not found' }]),
  ruleNotFound: (code: string) => new AppError('fraud_rule_not_found', 404, `fraud rule ${code} not found / 未找到风险规则`, [{ path: 'code', message: 'not found' }]),
  param: (p: { path: string; en: string; zh: string }) => bad(p.path, p.en, p.zh),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this; reload and try again / 已被他人修改，请刷新后重试', { currentVersion: current }),
  notHeld: (status: ReviewStatus) => new AppError('illegal_step', 409, `The order is ${statusNames[status].en.toLowerCase()}: only a held order is released or confirmed / 该工单${statusNames[status].zh}，仅暂扣待审的工单可放行或确认欺诈`, { status }),
};
