import { AppError } from '../../shared/errors.js';
import type { TransitionRefusal } from './work-orders.rules.js';

export const orderErrors = {
  staleVersion: (current: number) =>
    new AppError('version_conflict', 409, 'Someone else changed this order; reload and try again / 工单已被他人修改，请刷新后重试', { currentVersion: current }),
  illegal: (r: TransitionRefusal) => new AppError('illegal_transition', 409, r.message, { status: r.status, allowed: r.allowed }),
  wrongCode: (attemptsLeft: number) =>
    new AppError('wrong_acceptance_code', 422, `code: wrong acceptance code, ${attemptsLeft} attempts left / 验收码错误`, [{ path: 'code', message: 'wrong code', attemptsLeft }]),
  noCode: () => new AppError('no_acceptance_code', 422, 'code: no valid acceptance code was sent; send one first / 尚未发送有效验收码', [{ path: 'code', message: 'no valid code sent' }]),
  codeLocked: () => new AppError('acceptance_code_locked', 422, 'code: too many wrong attempts; send a new code / 验收码错误次数过多，请重新发送', [{ path: 'code', message: 'locked' }]),
};
