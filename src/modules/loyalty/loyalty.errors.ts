import { AppError } from '../../shared/errors.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const loyaltyErrors = {
  noSuchTier: (path = 'tier') => bad(path, 'no such tier', '等级不存在'),
  notInvitationOnly: () => bad('tier', 'only an invitation-only tier is given by hand', '只有受邀等级可手工授予'),
  noEarnableTier: () => bad('invitationOnly', 'at least one tier must be earnable by the rules', '至少须有一个等级可按规则获得'),
  staleVersion: (what: string, current: number) => new AppError('version_conflict', 409, `Someone else changed this ${what}; reload and try again / 已被他人修改，请刷新后重试`, { currentVersion: current }),
  ruleExists: () => new AppError('version_conflict', 409, 'The tier has a rule already: send its version to change it / 该等级已有规则，修改时请带上版本号', {}),
  customerNotFound: (path = 'id') => new AppError('customer_not_found', 404, 'customer not found / 未找到客户', [{ path, message: 'not found' }]),
  friendNotFound: () => bad('friendId', 'no such customer', '客户不存在'),
  unknownCode: () => bad('code', 'no such referral code', '推荐码不存在'),
  refused: (rule: string, en: string, zh: string) => new AppError('referral_refused', 409, `${en} / ${zh}`, { rule }),
  referralNotFound: (id: string) => new AppError('referral_not_found', 404, `referral ${id} not found / 未找到推荐记录`, [{ path: 'id', message: 'not found' }]),
  illegalReferralStep: (status: string, step: string) => new AppError('illegal_step', 409, `The referral is ${status}: it cannot be ${step} / 推荐记录当前状态不允许此操作`, { status, step }),
  leadNotFound: (id: string) => new AppError('lead_not_found', 404, `lead ${id} not found / 未找到销售线索`, [{ path: 'id', message: 'not found' }]),
  unitNotOfCustomer: () => bad('unitId', 'not a unit of this customer', '不是该客户的设备'),
};
