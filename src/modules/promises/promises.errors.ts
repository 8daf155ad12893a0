import { AppError, invalid, type ErrorDetail } from '../../shared/errors.js';

export const promiseErrors = {
  badCalendar: (details: ErrorDetail[]) =>
    new AppError('invalid_calendar', 400, `Invalid calendar / 日历有误: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details),
  staleVersion: (what: 'calendar' | 'policy', current: number) =>
    new AppError('version_conflict', 409, `Someone else changed this ${what}; reload and try again / 已被他人修改，请刷新后重试`, { currentVersion: current }),
  codeTaken: (what: 'calendar' | 'policy', code: string) =>
    new AppError(`${what}_code_taken`, 409, `${what} code ${code} is taken / 编码已被使用`, [{ path: 'code', message: 'already taken' }]),
  taken: (path: string, message: string) => new AppError('calendar_taken', 409, `${path}: ${message} / 该网点或区域已有日历`, [{ path, message }]),
};

/** Unique-index violations say which field collided. */
export function explainUnique(err: unknown, what: 'calendar' | 'policy', code: string): never {
  const text = String((err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message);
  if (text.includes('calendars_provider_uq')) throw promiseErrors.taken('providerId', 'this provider has a calendar already');
  if (text.includes('calendars_region_uq')) throw promiseErrors.taken('region', 'this region has a calendar already');
  if (text.includes('_code_uq')) throw promiseErrors.codeTaken(what, code);
  if (text.includes('foreign key')) throw invalid(text.includes('category') ? 'categoryId' : text.includes('provider') ? 'providerId' : 'calendarId', 'no such record');
  throw err;
}
