import { AppError } from '../../shared/errors.js';
import type { PricingProblem } from './fees.rules.js';

const field = (path: string, en: string, zh: string, code = 'validation_failed') => new AppError(code, 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const feesErrors = {
  listNotFound: (id: string) => new AppError('price_list_not_found', 404, `price list ${id} not found / 未找到价目表`, [{ path: 'id', message: 'not found' }]),
  versionNotFound: (id: string) => new AppError('price_list_version_not_found', 404, `price list version ${id} not found / 未找到价目表版本`, [{ path: 'id', message: 'not found' }]),
  lineNotFound: (id: string) => new AppError('fee_line_not_found', 404, `fee line ${id} not found / 未找到收费明细`, [{ path: 'lineId', message: 'not found' }]),
  listExists: (scope: string) =>
    new AppError('price_list_exists', 409, `scope: a ${scope === 'national' ? 'national list' : "list for this provider"} exists already; add a version to it / 该${scope === 'national' ? '全国' : '服务商'}价目表已存在，请在其下新增版本`, [{ path: scope === 'national' ? 'scope' : 'providerId', message: 'exists already' }]),
  providerNeeded: () => field('providerId', 'a contract list names its provider; the national list names none', '服务商合同价目表须指定服务商，全国价目表不指定'),
  noProvider: () => field('providerId', 'no such provider', '服务商不存在'),
  published: () =>
    new AppError('price_list_version_published', 409, 'This version is published and never changes; add a new version / 该版本已发布，不可修改，请新增版本', [{ path: 'id', message: 'published' }]),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this; reload and try again / 已被他人修改，请刷新后重试', { currentVersion: current }),
  sameDay: (day: string) =>
    field('effectiveFrom', `a published version of this list takes effect on ${day} already`, `该价目表已有 ${day} 生效的已发布版本`, 'price_list_effective_taken'),
  notPriceable: (status: string) =>
    new AppError('fees_not_priceable', 409, `Fees are priced once the work is done and changed only until the order is closed (it is ${status}) / 完工后方可计费，工单关闭后不可再改（当前：${status}）`, [{ path: 'id', message: status }]),
  noVersion: (day: string) =>
    new AppError('no_price_list_in_force', 422, `No published price list is in force on ${day} / ${day} 没有生效的已发布价目表`, [{ path: 'workDay', message: 'no version in force' }]),
  problems: (p: PricingProblem[]) => new AppError('pricing_problem', 422, `${p.map((x) => `${x.path}: ${x.en}`).join('; ')} / ${p.map((x) => x.zh).join('；')}`, p.map((x) => ({ path: x.path, message: x.en, zh: x.zh }))),
  samePayer: () => field('payer', 'the line is charged to this payer already', '该明细已由此方承担'),
  notStaffLine: () => field('lineId', 'only a line staff added may be removed; a price-list line changes by re-pricing', '只能删除人工添加的明细；价目表生成的明细请重新计费'),
  creditLocked: () =>
    new AppError('fee_credit_locked', 409, 'lineId: this is a credit from a fee dispute decided by its reviewer; staff can neither remove nor change it / 该行是费用争议审核后的退还，人工不能删除或修改', [{ path: 'lineId', message: 'a dispute credit', zh: '费用争议退还行' }]),
  orderNeeded: () => field('orderId', 'name the order to price', '请指定要预览的工单'),
  orderNotDone: () => field('orderId', 'the order has no work done yet: nothing to preview', '工单尚未完工，无法预览'),
};
