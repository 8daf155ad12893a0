import { AppError } from '../../shared/errors.js';
import { statusNames, type Status } from './complaints.rules.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const complaintsErrors = {
  notFound: (id: string) => new AppError('complaint_not_found', 404, `complaint ${id} not found / 未找到投诉`, [{ path: 'id', message: 'not found' }]),
  noOrderOrCustomer: () => bad('orderIds', 'name at least one order, or the customer', '请至少指明一个工单或客户'),
  orderNotFound: (i: number) => bad(`orderIds.${i}`, 'no such order', '工单不存在'),
  ordersOfOthers: (i: number) => bad(`orderIds.${i}`, 'not an order of this customer', '不是该客户的工单'),
  portalNeedsOrder: () => bad('orderId', 'name the order the complaint is about', '请指明投诉涉及的工单'),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this complaint; reload and try again / 投诉已被他人处理，请刷新后重试', { currentVersion: current }),
  illegalStep: (status: Status, step: string) =>
    new AppError('illegal_step', 409, `The complaint is ${statusNames[status].en.toLowerCase()}: it cannot ${step} now / 投诉当前状态（${statusNames[status].zh}）不允许此操作`, { status, step }),
  topOfLadder: () => new AppError('illegal_step', 409, 'The complaint is at the top of the ladder already / 投诉已在最高处理级别', { step: 'escalate' }),
  bottomOfLadder: () => new AppError('illegal_step', 409, 'The complaint is at the bottom of the ladder already / 投诉已在最低处理级别', { step: 'deescalate' }),
  belowSeverity: () => bad('severity', 'the severity keeps the complaint at this level; lower the severity first', '该严重程度要求保持当前级别，请先降低严重程度'),
  sameSeverity: () => bad('severity', 'the complaint has this severity already', '投诉已是该严重程度'),
  compensation: (p: { path: string; en: string; zh: string }) => bad(p.path, p.en, p.zh),
  refundOrder: (named: boolean) =>
    named ? bad('payment.orderId', 'not an order of this complaint', '不是该投诉涉及的工单') : bad('payment.orderId', 'a refund is paid back on an order; the complaint names none', '退款须退在工单上，该投诉未关联工单'),
  visitNeedsOrder: () => bad('visit', 'a visit is booked on one of the complaint\u2019s orders or units; the complaint has none', '投诉未关联工单或设备，无法预约上门'),
  unitNotOfComplaint: () => bad('visit.unitId', 'not a unit of the complaint', '不是该投诉涉及的设备'),
  notTheirs: () => new AppError('forbidden', 403, 'Only the complainant answers in the portal / 仅投诉人本人可在自助服务中答复', []),
  hqOnly: () => new AppError('forbidden', 403, 'Complaints are handled by headquarters, never by a provider or technician / 投诉由总部处理，服务商和师傅不得处理', { permission: 'complaints.handle' }),
};
