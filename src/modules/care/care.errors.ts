import { AppError } from '../../shared/errors.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const careErrors = {
  campaignNotFound: (id: string) => new AppError('care_campaign_not_found', 404, `care campaign ${id} not found / 未找到关怀活动`, [{ path: 'id', message: 'not found' }]),
  customerNotFound: (id: string) => new AppError('customer_not_found', 404, `customer ${id} not found / 未找到客户`, [{ path: 'id', message: 'not found' }]),
  messageNotFound: (id: string) => new AppError('care_message_not_found', 404, `message ${id} not found / 未找到消息`, [{ path: 'id', message: 'not found' }]),
  param: (p: { path: string; en: string; zh: string }) => bad(p.path, p.en, p.zh),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this; reload and try again / 已被他人修改，请刷新后重试', { currentVersion: current }),
  notSendable: (status: string) => new AppError('illegal_step', 409, `The campaign is ${status}: only an active campaign is sent / 活动状态为${status}，仅进行中的活动可发送`, { status }),
  badLink: () => new AppError('care_link_invalid', 404, 'This link is not valid / 链接无效', [{ path: 'token', message: 'invalid' }]),
  inboundOff: () => new AppError('care_inbound_off', 404, 'Inbound SMS is not configured / 未配置短信上行', []),
  badSignature: () => new AppError('bad_signature', 401, 'The signature does not match / 签名不符', []),
  badInbound: (path: string, message: string) => bad(path, message, '格式不符'),
  customersOnly: () => new AppError('forbidden', 403, 'Only a signed-in customer has an inbox / 仅登录客户可查看消息', {}),
};
