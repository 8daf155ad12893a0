import { AppError } from '../../shared/errors.js';

export const liveErrors = {
  staffOnly: () => new AppError('live_staff_only', 403, 'Live updates are for staff signed in to the console / 实时通知仅供员工在控制台使用', []),
  badLastEventId: () => new AppError('validation_failed', 400, 'Last-Event-ID: must be a whole number / 须为非负整数', [{ path: 'Last-Event-ID', message: 'must be a whole number', zh: '须为非负整数' }]),
};
