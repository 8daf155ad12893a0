import { AppError } from '../../shared/errors.js';

export const notificationErrors = {
  messageNotFound: (id: string) => new AppError('message_not_found', 404, `Message ${id} not found / 未找到该消息`, [{ path: 'messageId', message: 'not found', zh: '未找到' }]),
  badSignature: () =>
    new AppError('bad_signature', 401, 'Receipt signature missing, wrong or out of date / 回执签名缺失、错误或已过期', [{ path: 'x-aftercare-signature', message: 'missing, wrong or out of date', zh: '签名缺失、错误或已过期' }]),
  receiptsOff: () =>
    new AppError('receipts_not_configured', 404, 'Delivery receipts are taken only from the HTTP gateway (AFTERCARE_SMS_CHANNEL=http) / 仅在配置 HTTP 短信网关时接收回执', []),
  providerReceiptsOff: () =>
    new AppError('receipts_not_configured', 404, 'Provider delivery reports are taken only with AFTERCARE_SMS_RECEIPT_TOKEN set / 未配置 AFTERCARE_SMS_RECEIPT_TOKEN，不接收短信服务商的状态报告', []),
  badReceiptToken: () =>
    new AppError('bad_receipt_token', 401, 'Receipt token missing or wrong (?token= or x-aftercare-receipt-token) / 回执令牌缺失或错误', [{ path: 'token', message: 'missing or wrong', zh: '令牌缺失或错误' }]),
  badReceipt: (path: string, message: string) => new AppError('validation_failed', 400, `${path}: ${message} / 回执格式有误`, [{ path, message, zh: '回执格式有误' }]),
};
