import { AppError } from '../../shared/errors.js';

export const feedErrors = {
  notFound: (id: string) => new AppError('calendar_feed_not_found', 404, `calendar feed ${id} not found / 未找到日历订阅`, [{ path: 'id', message: 'not found' }]),
  subjectNotFound: (path: string, id: string) => new AppError('validation_failed', 400, `${path}: no such ${path === 'technicianId' ? 'technician' : 'provider'} ${id} / 不存在`, [{ path, message: 'no such record', zh: '不存在' }]),
  oneSubject: () => new AppError('validation_failed', 400, 'technicianId: give a technician or a provider, one of them / 须且只能指定技师或网点之一', [{ path: 'technicianId', message: 'give exactly one of technicianId and providerId', zh: '须且只能指定技师或网点之一' }]),
  tokenUnknown: () => new AppError('calendar_feed_not_found', 404, 'No such calendar feed, or it was revoked / 日历订阅不存在或已撤销', []),
};
