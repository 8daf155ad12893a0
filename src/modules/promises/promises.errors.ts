import { AppError, type ErrorDetail } from '../../shared/errors.js';

export const promiseErrors = {
  badCalendar: (details: ErrorDetail[]) =>
    new AppError('invalid_calendar', 400, `Invalid calendar / 日历有误: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details),
  staleVersion: (what: 'calendar' | 'policy', current: number) =>
    new AppError('version_conflict', 409, `Someone else changed this ${what}; reload and try again / 已被他人修改，请刷新后重试`, { currentVersion: current }),
  codeTaken: (what: 'calendar' | 'policy', code: string) =>
    new AppError(`${what}_code_taken`, 409, `${what} code ${code} is taken / 编码已被使用`, [{ path: 'code', message: 'already taken' }]),
  taken: (path: string, message: string) => new AppError('calendar_taken', 409, `${path}: ${message} / 该网点或区域已有日历`, [{ path, message }]),
};
