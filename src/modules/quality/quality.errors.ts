import { AppError } from '../../shared/errors.js';

export const qualityErrors = {
  alertNotFound: (id: string) => new AppError('quality_alert_not_found', 404, `quality alert ${id} not found / 未找到质量预警`, [{ path: 'id', message: 'not found' }]),
  headquartersOnly: () => new AppError('forbidden', 403, "Quality figures span every provider: headquarters only / 质量统计涵盖所有服务商，仅总部可查看", { permission: 'quality.view' }),
  alreadyAcknowledged: () => new AppError('illegal_step', 409, 'This alert is acknowledged already / 该预警已确认', []),
};
