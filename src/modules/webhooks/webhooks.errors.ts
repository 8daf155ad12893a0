import { AppError } from '../../shared/errors.js';

export const webhookErrors = {
  endpointNotFound: (id: string) => new AppError('webhook_endpoint_not_found', 404, `webhook endpoint ${id} not found / 未找到 Webhook 端点`, [{ path: 'id', message: 'not found' }]),
  deliveryNotFound: (id: string) => new AppError('webhook_delivery_not_found', 404, `webhook delivery ${id} not found / 未找到 Webhook 投递`, [{ path: 'deliveryId', message: 'not found' }]),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this; reload and try again / 已被他人修改，请刷新后重试', { currentVersion: current }),
  stillPending: () => new AppError('illegal_step', 409, 'The delivery is still being tried; replay it once it has succeeded or failed / 该投递仍在重试中，成功或失败后才能重放', [{ path: 'deliveryId', message: 'pending' }]),
  endpointDisabled: () => new AppError('illegal_step', 409, 'The endpoint is disabled; enable it before replaying / 端点已停用，请先启用再重放', [{ path: 'id', message: 'disabled' }]),
};
