import { AppError } from '../../shared/errors.js';
import { statusNames, type DisputeStatus } from './disputes.rules.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const disputesErrors = {
  notFound: (id: string) => new AppError('fee_dispute_not_found', 404, `fee dispute ${id} not found / 未找到费用争议`, [{ path: 'id', message: 'not found' }]),
  lineNotFound: () => bad('lineId', 'not an active fee line of this order', '不是该工单的有效费用行'),
  notDisputable: () => bad('lineId', 'nothing of this line is left to dispute (a credit, free, or credited in full)', '该费用行无可争议金额（冲减行、免费或已全额退还）'),
  alreadyOpen: () => new AppError('fee_dispute_open', 409, 'lineId: this line has an open dispute already / 该费用行已有审核中的争议', [{ path: 'lineId', message: 'has an open dispute' }]),
  photoNotOfOrder: (i: number) => bad(`photoIds.${i}`, "not a photo of the dispute's order", '不是该工单的照片'),
  notRaiser: () => new AppError('forbidden', 403, 'Only a customer of the order or a provider admin (disputes.raise) may dispute a fee / 仅工单顾客或服务商管理员可提出费用争议', { permission: 'disputes.raise' }),
  notWithdrawer: () => new AppError('forbidden', 403, 'Only whoever raised the dispute may withdraw it / 仅争议提出人可撤回', []),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this dispute; reload and try again / 争议已被他人处理，请刷新后重试', { currentVersion: current }),
  notOpen: (status: DisputeStatus) => new AppError('illegal_step', 409, `The dispute is ${statusNames[status].en.toLowerCase()}: only an open dispute is reviewed or withdrawn / 争议${statusNames[status].zh}，仅审核中的争议可处理或撤回`, { status }),
  credit: (p: { path: string; en: string; zh: string }) => bad(p.path, p.en, p.zh),
  notRefundable: (status: DisputeStatus) =>
    new AppError('fee_dispute_not_refundable', 409, `Only an upheld or partly upheld dispute is refunded (this one is ${statusNames[status].en.toLowerCase()}) / 仅成立或部分成立的争议可退款（当前：${statusNames[status].zh}）`, [{ path: 'id', message: status }]),
  refundTooMuch: (leftFen: number) => bad('amountFen', `more than is left to refund for this dispute (${leftFen} fen)`, `超过该争议尚可退款的金额（${leftFen} 分）`),
  refundNotCustomers: () => bad('id', "the credited line is not the customer's to pay: nothing was paid by the customer to refund", '该费用不由顾客承担，无需向顾客退款'),
  evidenceEmpty: () => bad('(body)', 'empty file', '文件为空'),
  evidenceTooLarge: (bytes: number, limit: number) => new AppError('evidence_too_large', 413, `(body): ${bytes} bytes, at most ${limit} / 文件过大（最多 ${limit} 字节）`, [{ path: '(body)', message: `at most ${limit} bytes` }]),
  evidenceNotImage: (problem: string) => bad('(body)', `only a well-formed JPEG, PNG or WebP photo (${problem})`, '仅支持完整的 JPEG、PNG、WebP 照片'),
  evidenceTooMany: (max: number) => new AppError('evidence_too_many', 409, `(body): a dispute holds at most ${max} files / 每个争议最多 ${max} 个文件`, [{ path: '(body)', message: `at most ${max}` }]),
  evidenceClosed: () => new AppError('illegal_step', 409, 'Evidence is added while the dispute is open / 争议已处理，不能再添加材料', [{ path: 'id', message: 'not open' }]),
  evidenceNotFound: (id: string) => new AppError('fee_dispute_evidence_not_found', 404, `evidence ${id} not found / 未找到争议材料`, [{ path: 'id', message: 'not found' }]),
  currency: () => bad('amount.currency', "must be the line's currency", '须与费用行币种一致'),
};
