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
  /** The technician may not take this order (training's refusal: its code and words). */
  technicianRefused: (r: Refusal) => new AppError(r.code, 422, `technicianId: ${r.en} / ${r.zh}`, [{ path: 'technicianId', message: r.en, zh: r.zh, code: r.code }]),
  /** The technician may not take this order: inactive (never), lacking the skill or absent (a dispatcher may override with a reason). */
  assignRefused: (r: Refusal & { overridable: boolean }) =>
    new AppError(r.code, 409, `technicianId: ${r.en}${r.overridable ? '; a dispatcher may assign anyway with an overrideReason' : ''} / ${r.zh}${r.overridable ? '，调度可填写原因强制派工' : ''}`, [
      { path: 'technicianId', message: r.en, zh: r.zh, code: r.code, overridable: r.overridable },
    ]),
  overrideNeedsReason: (r: Refusal) =>
    new AppError('override_needs_reason', 422, `reason: ${r.en}; give a reason to override / ${r.zh}，改派需填写原因`, [{ path: 'reason', message: r.en, zh: r.zh, code: r.code }]),
  intakeRefused: () => new AppError('intake_refused', 409, 'The order could not be opened; try again / 工单未能创建，请重试'),
  // Photos
  emptyPhoto: () => new AppError('validation_failed', 400, '(body): empty file / 文件为空', [{ path: '(body)', message: 'empty' }]),
  photoTooLarge: (bytes: number, limitBytes: number) =>
    new AppError('photo_too_large', 413, `(body): ${bytes} bytes, at most ${limitBytes} / 照片过大`, [{ path: '(body)', message: `at most ${limitBytes} bytes` }]),
  notAPhoto: () => new AppError('validation_failed', 400, '(body): only JPEG, PNG or WebP photos / 仅支持 JPEG、PNG、WebP 照片', [{ path: '(body)', message: 'not a JPEG, PNG or WebP image' }]),
  malformedPhoto: (problem: string) =>
    new AppError('validation_failed', 400, `(body): not a well-formed image (${problem}) / 图片文件不完整或夹带其他内容`, [{ path: '(body)', message: problem }]),
  photoTypeMismatch: (declaredType: string, type: string) =>
    new AppError('validation_failed', 400, `content-type: says ${declaredType}, the file is ${type} / 文件类型不符`, [{ path: 'content-type', message: `the file is ${type}` }]),
  orderClosed: () => new AppError('order_closed', 409, 'Photos are taken while the order is open / 工单已结束，不能再上传照片'),
};

type Refusal = { code: string; en: string; zh: string };
