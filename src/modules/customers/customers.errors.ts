import { AppError, type ErrorDetail } from '../../shared/errors.js';

export const customerErrors = {
  duplicatePhone: (details: ErrorDetail[]) =>
    new AppError(
      'duplicate_phone',
      409,
      'A customer with this phone already exists; send allowDuplicatePhone: true to create another / 该电话号码已属于其他客户',
      details,
    ),
  unknownTier: (tier: string) =>
    new AppError('unknown_tier', 400, `tier: unknown tier "${tier}" / 客户等级不存在`, [{ path: 'tier', message: `unknown tier "${tier}"` }]),
  badPhone: (path: string) => new AppError('validation_failed', 400, `${path}: not a phone number / 电话号码格式有误`, [{ path, message: 'not a phone number' }]),
  staleVersion: (current: number) =>
    new AppError('version_conflict', 409, 'Someone else changed this customer; reload and try again / 客户资料已被他人修改，请刷新后重试', {
      currentVersion: current,
    }),
  tierExists: (code: string) => new AppError('tier_exists', 409, `tier ${code} already exists / 等级已存在`, [{ path: 'code', message: 'already exists' }]),
};
