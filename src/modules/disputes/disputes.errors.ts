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
  currency: () => bad('amount.currency', "must be the line's currency", '须与费用行币种一致'),
};
