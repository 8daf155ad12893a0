import { AppError } from '../../shared/errors.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const contactsErrors = {
  customerNotFound: (id: string) => new AppError('customer_not_found', 404, `customer ${id} not found / 未找到客户`, [{ path: 'customerId', message: 'not found' }]),
  suggestionNotFound: (id: string) => new AppError('suggestion_not_found', 404, `suggestion ${id} not found / 未找到建议`, [{ path: 'id', message: 'not found' }]),
  orderNotFound: () => bad('orderId', 'no such order', '工单不存在'),
  orderOfOtherCustomer: () => bad('orderId', 'not an order of this customer', '不是该客户的工单'),
  orderRequired: () => bad('orderId', 'a provider or technician records contacts only about one of their orders: name it', '服务商和师傅只能记录关于自己工单的联系，请指明工单'),
  badCursor: () => bad('cursor', 'not a cursor of this timeline; start again without it', '无效的翻页标记，请从第一页重新开始'),
  badRange: () => bad('to', 'the end of the range must be after its start', '结束时间须晚于开始时间'),
  startedInFuture: () => bad('startedAt', 'a call cannot start in the future', '通话开始时间不能晚于当前时间'),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this suggestion; reload and try again / 建议已被他人处理，请刷新后重试', { currentVersion: current }),
  answeredAlready: () => new AppError('illegal_step', 409, 'This suggestion is answered already / 该建议已答复', { step: 'answer' }),
  hqOnly: () => new AppError('forbidden', 403, "Customers' suggestions are handled by headquarters / 客户建议由总部处理", { permission: 'contacts.write' }),
};
