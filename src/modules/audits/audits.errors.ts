import { AppError } from '../../shared/errors.js';
import { actionStatusNames, type ActionStatus, type Problem } from './audits.rules.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const auditsErrors = {
  templateNotFound: (id: string) => new AppError('audit_template_not_found', 404, `audit template ${id} not found / 未找到检查模板`, [{ path: 'id', message: 'not found' }]),
  auditNotFound: (id: string) => new AppError('audit_not_found', 404, `audit ${id} not found / 未找到检查记录`, [{ path: 'id', message: 'not found' }]),
  actionNotFound: (id: string) => new AppError('corrective_action_not_found', 404, `corrective action ${id} not found / 未找到整改项`, [{ path: 'id', message: 'not found' }]),
  codeTaken: () => bad('code', 'a template with this code exists; edit it to make a new version', '该编码的模板已存在，请编辑以生成新版本'),
  problems: (ps: Problem[]) => new AppError('validation_failed', 400, `${ps[0].path}: ${ps[0].en} / ${ps[0].zh}`, ps.map((p) => ({ path: p.path, message: p.en, zh: p.zh }))),
  notCurrent: () => bad('templateId', 'an old version of the template: audit with the current one', '该模板版本已停用，请使用当前版本'),
  needsSubject: () => bad('providerId', 'name the provider, technician or order audited', '请指明被检查的服务商、师傅或工单'),
  providerNotFound: () => bad('providerId', 'no such provider', '服务商不存在'),
  technicianNotFound: () => bad('technicianId', 'no such technician', '师傅不存在'),
  orderNotFound: () => bad('orderId', 'no such order', '工单不存在'),
  mismatch: (path: string) => bad(path, 'does not match the order audited', '与被检查的工单不一致'),
  notOurs: () => new AppError('forbidden', 403, 'A provider audits only itself (a self-assessment) / 服务商只能对本网点做自评', { permission: 'audits.perform' }),
  staleTemplate: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this template; reload and try again / 模板已被他人修改，请刷新后重试', { currentVersion: current }),
  staleAction: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this corrective action; reload and try again / 整改项已被他人处理，请刷新后重试', { currentVersion: current }),
  staleSettings: (current: number) => new AppError('version_conflict', 409, 'Someone else changed the settings; reload and try again / 设置已被他人修改，请刷新后重试', { currentVersion: current }),
  illegalStep: (status: ActionStatus, step: string) =>
    new AppError('illegal_step', 409, `The corrective action is ${actionStatusNames[status].en.toLowerCase()}: it cannot ${step} now / 整改项当前状态（${actionStatusNames[status].zh}）不允许此操作`, { status, step }),
  ownerOnly: () => new AppError('forbidden', 403, "Only the audited provider reports its correction / 仅被检查的服务商可提交整改", { permission: 'audits.correct' }),
  notTheVerifier: () => new AppError('forbidden', 403, 'The owner may not verify their own correction / 整改责任方不能验证自己的整改', { permission: 'audits.perform' }),
};
