import { AppError } from '../../shared/errors.js';
import { statusNames, type StatementStatus } from './settlement.rules.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const settlementErrors = {
  notFound: (id: string) => new AppError('statement_not_found', 404, `statement ${id} not found / 未找到结算单`, [{ path: 'id', message: 'not found' }]),
  ruleNotFound: (id: string) => new AppError('settlement_rule_not_found', 404, `settlement rule ${id} not found / 未找到奖惩规则`, [{ path: 'id', message: 'not found' }]),
  providerNotFound: () => bad('providerId', 'no such provider', '服务商不存在'),
  lineNotFound: (lineNo: number) => bad('lineNo', `statement has no line ${lineNo}`, `结算单无第 ${lineNo} 行`),
  frozen: (status: StatementStatus) => new AppError('statement_frozen', 409, `The statement is ${statusNames[status].en.toLowerCase()}: only a draft is generated again; corrections go to the next period / 结算单${statusNames[status].zh}，仅草稿可重新生成，更正计入下期`, { status }),
  illegalStep: (status: StatementStatus, action: string) => new AppError('illegal_step', 409, `The statement is ${statusNames[status].en.toLowerCase()}: it cannot ${action} now / 结算单${statusNames[status].zh}，当前不能执行该操作`, { status, action }),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this statement; reload and try again / 结算单已被他人处理，请刷新后重试', { currentVersion: current }),
  lineDisputeOpen: () => new AppError('line_dispute_open', 409, 'lineNo: this line is disputed already / 该行已有异议', [{ path: 'lineNo', message: 'disputed already' }]),
  lineNotDisputed: () => bad('lineNo', 'the line has no open dispute', '该行无待答复的异议'),
  openDisputes: () => new AppError('statement_disputed', 409, 'Lines are still disputed: answer them first / 仍有未答复的异议行', []),
  needsSecondRole: (thresholdFen: number) => new AppError('forbidden', 403, `The statement exceeds ${thresholdFen} fen: approving it needs settlement.approve_large / 结算金额超过审批额度，需更高权限审批`, { permission: 'settlement.approve_large' }),
  preparedBySelf: () => new AppError('second_person_needed', 409, 'You prepared or sent this statement: a second person approves it / 本结算单由您生成或发送，须由另一人审批', []),
  ruleCodeTaken: () => new AppError('settlement_rule_code_taken', 409, 'code: a rule with this code exists / 规则编码已存在', [{ path: 'code', message: 'taken' }]),
  rule: (p: { path: string; en: string; zh: string }) => bad(p.path, p.en, p.zh),
  unknownMeasure: () => bad('measure', 'not a known measure', '未知的考核指标'),
  periodInFuture: () => bad('period', 'the period has not ended yet', '该期间尚未结束'),
  noProvider: () => bad('providerId', 'give the provider (staff of headquarters)', '须指定服务商'),
};
