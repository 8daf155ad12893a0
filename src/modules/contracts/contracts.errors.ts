import { AppError } from '../../shared/errors.js';

export const contractsErrors = {
  notFound: (id: string) => new AppError('contract_not_found', 404, `contract ${id} not found / 未找到服务合同`, [{ path: 'id', message: 'not found' }]),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this contract; reload and try again / 服务合同已被他人修改，请刷新后重试', { currentVersion: current }),
  notActive: () => new AppError('illegal_step', 409, 'The contract is cancelled already / 服务合同已取消', { step: 'cancel' }),
  customersOnly: () => new AppError('forbidden', 403, 'Only the customer renews in the portal / 仅客户本人可在门户续约', {}),
  notRenewable: (reason: { en: string; zh: string }) => new AppError('illegal_step', 409, `${reason.en} / ${reason.zh}`, { step: 'renew' }),
  termsNotAccepted: () => new AppError('validation_failed', 400, 'acceptTerms: the renewal needs your agreement to its terms / 续约须同意服务条款', [{ path: 'acceptTerms', message: 'must be true', zh: '须同意条款' }]),
  startsBeforeSale: () => new AppError('validation_failed', 400, 'startsOn: cover cannot start before the unit was bought / 保障起始日不能早于购买日期', [{ path: 'startsOn', message: 'cannot be before the purchase date', zh: '不能早于购买日期' }]),
};
