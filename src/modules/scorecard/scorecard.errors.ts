import { AppError } from '../../shared/errors.js';

export const scorecardErrors = {
  measureNotFound: (code: string) => new AppError('scorecard_measure_not_found', 404, `measure ${code} not found / 未找到指标`, [{ path: 'measure', message: 'not found' }]),
  providerNotFound: (id: string) => new AppError('provider_not_found', 404, `provider ${id} not found / 未找到服务商`, [{ path: 'key', message: 'not found' }]),
  technicianNotFound: (id: string) => new AppError('technician_not_found', 404, `technician ${id} not found / 未找到师傅`, [{ path: 'key', message: 'not found' }]),
  keyRequired: () => new AppError('validation_failed', 400, 'key: give the region, provider or technician / key：请指定区域、服务商或师傅', [{ path: 'key', message: 'required for this level' }]),
  badKey: () => new AppError('validation_failed', 400, 'key: not a valid id / key：不是有效的编号', [{ path: 'key', message: 'must be a uuid' }]),
  outOfScope: () => new AppError('forbidden', 403, 'You see your own figures only / 只能查看本人（本服务商）的数据', { permission: 'scorecard.view' }),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this; reload and try again / 已被他人修改，请刷新后重试', { currentVersion: current }),
  recipientNotFound: (id: string) => new AppError('scorecard_recipient_not_found', 404, `recipient ${id} not found / 未找到收件人`, [{ path: 'id', message: 'not found' }]),
  recipientExists: () => new AppError('scorecard_recipient_exists', 409, 'This mailbox already receives it for this role / 该邮箱已按此角色订阅', [{ path: 'email', message: 'duplicate' }]),
  thresholds: () => new AppError('validation_failed', 400, 'green must be on the better side of red / 绿灯阈值须优于红灯阈值', [{ path: 'green', message: 'on the wrong side of red' }]),
};
