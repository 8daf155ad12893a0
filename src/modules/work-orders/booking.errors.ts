import { AppError } from '../../shared/errors.js';
import type { BookingRefusal } from './booking.rules.js';

type Words = { code: string; en: string; zh: string };

export const bookingErrors = {
  /** For staff: the window, why it cannot be kept, in both languages (another visit's clash is a conflict). */
  refused: (r: BookingRefusal) =>
    new AppError(r.code, r.code === 'visit_overlap' || r.code === 'daily_limit' ? 409 : 422, `from: ${r.en} / ${r.zh}`, [
      { path: 'from', message: r.en, zh: r.zh, code: r.code, ...(r.otherOrderId ? { otherOrderId: r.otherOrderId } : {}) },
    ]),
  /** For a customer: no staff names or other orders, only that the window cannot be had. */
  unavailable: () =>
    new AppError('window_unavailable', 409, 'from: this window can no longer be kept; choose another / 该时段已不可预约，请另选', [
      { path: 'from', message: 'this window can no longer be kept', zh: '该时段已不可预约', code: 'window_unavailable' },
    ]),
  notOffered: () =>
    new AppError('window_not_offered', 422, 'from: choose one of the windows offered / 请选择提供的预约时段', [
      { path: 'from', message: 'not one of the windows offered', zh: '不是提供的预约时段', code: 'window_not_offered' },
    ]),
  portalRefused: (r: Words) => new AppError(r.code, 409, `${r.en} / ${r.zh}`, [{ path: 'version', message: r.en, zh: r.zh, code: r.code }]),
  noTechnician: () => new AppError('no_technician', 409, 'Assign a technician first: windows are the technician\'s / 请先派工，预约时段取决于师傅', []),
};
