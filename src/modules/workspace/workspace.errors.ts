import { AppError } from '../../shared/errors.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const workspaceErrors = {
  templateNotFound: (id: string) => new AppError('symptom_template_not_found', 404, `symptom template ${id} not found / 未找到故障模板`, [{ path: 'id', message: 'not found' }]),
  noCategory: () => bad('categoryId', 'no such product category', '产品类别不存在'),
  notSymptomCode: (code: string) => bad('faultCode', `${code} is not a symptom code of this category`, `${code} 不是该类别的故障现象代码`),
  customerNotFound: () => bad('customerId', 'no such customer', '客户不存在'),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this template; reload and try again / 模板已被他人修改，请刷新后重试', { currentVersion: current }),
  staffOnly: () => new AppError('forbidden', 403, 'The workspace is for staff / 工作台仅供员工使用', { permission: 'orders.read' }),
};
