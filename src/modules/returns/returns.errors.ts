import { AppError } from '../../shared/errors.js';
import { actionWords, statusWords, wayBackStepWords, type CaseAction, type CaseStatus, type Decision, type WayBackStep } from './returns.rules.js';

const words = (actions: readonly CaseAction[]) => ({ en: actions.map((a) => actionWords[a].en).join(', ') || 'nothing', zh: actions.map((a) => actionWords[a].zh).join('、') || '无' });
const decisionWords: Record<Decision, { zh: string; en: string }> = { exchange: { zh: '换货', en: 'exchange' }, refund: { zh: '退货退款', en: 'refund' }, repair: { zh: '修理', en: 'repair' } };
const decisionList = (d: readonly Decision[]) => ({ en: d.map((x) => decisionWords[x].en).join(', ') || 'none', zh: d.map((x) => decisionWords[x].zh).join('、') || '无' });
const bad = (path: string, en: string, zh: string, code = 'validation_failed') => new AppError(code, 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const returnsErrors = {
  notFound: (id: string) => new AppError('return_case_not_found', 404, `return case ${id} not found / 未找到退换货案件`, [{ path: 'id', message: 'not found' }]),
  staleVersion: (current: number) =>
    new AppError('version_conflict', 409, 'Someone else changed this case; reload and try again / 案件已被他人修改，请刷新后重试', { currentVersion: current }),
  illegalStep: (action: CaseAction, status: CaseStatus, allowed: CaseAction[]) => {
    const a = words(allowed);
    return new AppError('illegal_step', 409, `Cannot ${actionWords[action].en} a case that is ${statusWords[status].en.toLowerCase()}; allowed now: ${a.en} / 案件${statusWords[status].zh}，不能${actionWords[action].zh}；当前可以：${a.zh}`, {
      status,
      allowedActions: allowed,
    });
  },
  wayBackRefused: (step: WayBackStep, state: string, allowed: WayBackStep[]) =>
    new AppError('illegal_step', 409, `Cannot ${wayBackStepWords[step].en} now (the old unit is ${state.replace(/_/g, ' ')}); allowed: ${allowed.map((s) => wayBackStepWords[s].en).join(', ') || 'nothing'} / 旧机当前不能${wayBackStepWords[step].zh}；可以：${allowed.map((s) => wayBackStepWords[s].zh).join('、') || '无'}`, {
      state,
      allowedSteps: allowed,
    }),
  noWayBack: (i: number) => bad('lineId', `line ${i} was repaired in place: its unit has no way back`, `第 ${i} 行为修理，旧机无需返回`),
  notReturnOrder: () => bad('orderId', 'not a return/exchange order of this customer', '不是该顾客的退换货工单'),
  orderTaken: () => new AppError('order_has_case', 409, 'orderId: this order has an open return case already / 该工单已有未完结的退换货案件', [{ path: 'orderId', message: 'has an open case' }]),
  notCustomersUnit: (i: number) => bad(`lines.${i}.unitId`, "not one of the order's customer's units", '不是该顾客的设备'),
  duplicateUnit: (i: number) => bad(`lines.${i}.unitId`, 'the same unit twice', '同一设备重复'),
  remedyNeedsOverride: (i: number, requested: Decision, allowed: Decision[]) => {
    const a = decisionList(allowed);
    return new AppError(
      'remedy_not_allowed',
      422,
      `lines.${i}.requested: the 三包 rules allow ${a.en}, not ${decisionWords[requested].en}; a manager's override with a reason is needed / 三包规定可选：${a.zh}，不含${decisionWords[requested].zh}；须经理批准并填写理由`,
      [{ path: `lines.${i}.requested`, message: `allowed: ${a.en}`, zh: `可选：${a.zh}`, allowed }],
    );
  },
  overrideNeedsManager: (i: number) =>
    new AppError('forbidden', 403, `lines.${i}.override: only a manager may override the 三包 rules (needs returns.approve) / 仅经理可越过三包规定`, { permission: 'returns.approve', path: `lines.${i}.override` }),
  lineNotInCase: (path: string) => bad(path, 'not a line of this case', '不是本案件的设备行'),
  alreadyAppraised: () => new AppError('already_appraised', 409, 'lineId: this line has its appraisal; a panel member signs it instead / 该设备已鉴定，其他鉴定人请会签', [{ path: 'lineId', message: 'already appraised' }]),
  photoNotOfOrder: (i: number) => bad(`photoIds.${i}`, "not a photo of the case's order", '不是本案件工单的照片'),
  alreadySigned: () => new AppError('already_signed', 409, 'You have signed this appraisal already: a panel needs distinct people / 您已签过，会签须由不同的人完成', []),
  noSignatureNeeded: () => new AppError('illegal_step', 409, 'This appraisal needs no more signatures / 该鉴定无需更多签名', []),
  decisionNotAllowed: (i: number, decision: Decision, allowed: Decision[]) => {
    const a = decisionList(allowed);
    return new AppError('decision_not_allowed', 422, `lines.${i}.decision: after the appraisal only ${a.en} is open, not ${decisionWords[decision].en} / 鉴定后可选：${a.zh}，不能${decisionWords[decision].zh}`, [
      { path: `lines.${i}.decision`, message: `allowed: ${a.en}`, zh: `可选：${a.zh}`, allowed },
    ]);
  },
  everyLine: (path: string) => bad(path, 'every line of the case needs its decision, once', '每个设备行须且仅须有一个处理方案'),
  priceDifference: (i: number) => bad(`lines.${i}.priceDifference`, 'given only for an exchange to another model', '仅换成其他型号时填写差价'),
  noSuchModel: (i: number) => bad(`lines.${i}.replacementModelId`, 'no such product model', '型号不存在'),
  serialsNeeded: (i: number) => bad(`replacements.${i}.serials`, "the replacement unit's serials are needed for every exchanged line", '换货须填写新机序列号'),
  approvalNeedsManager: (amount: string, limit: string) =>
    new AppError('forbidden', 403, `Refunds of ${amount} are over ${limit}: a manager approves them (needs returns.approve) / 退款 ${amount} 超过 ${limit}，须经理批准`, { permission: 'returns.approve' }),
  pickupWindow: () => bad('to', 'must be after from', '须晚于开始时间'),
  customerIdNeeded: () => bad('customerId', "required: whose cases", '请指定顾客'),
  unsettled: () => new AppError('illegal_step', 409, "Every returned unit needs its fate before the case closes / 旧机须全部确定去向后才能完结", []),
};
