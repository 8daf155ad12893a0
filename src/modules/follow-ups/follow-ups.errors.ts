import { AppError } from '../../shared/errors.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const followUpErrors = {
  notFound: (id: string) => new AppError('follow_up_not_found', 404, `follow-up ${id} not found / 未找到回访任务`, [{ path: 'id', message: 'not found' }]),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this follow-up; reload and try again / 回访任务已被他人处理，请刷新后重试', { currentVersion: current }),
  closed: () => new AppError('illegal_step', 409, 'The follow-up is closed / 回访任务已关闭', []),
  quietHours: (zone: string) => bad('at', `quiet hours in the customer's zone (${zone}): call between 09:00 and 21:00`, `客户所在时区（${zone}）的休息时间：请在 09:00–21:00 之间致电`),
  answers: (p: { path: string; en: string; zh: string }[]) => new AppError('validation_failed', 400, `${p[0].path}: ${p[0].en} / ${p[0].zh}`, p.map((x) => ({ path: x.path, message: x.en, zh: x.zh }))),
  needs: (path: string, en: string, zh: string) => bad(path, en, zh),
  noScript: (kind: string) => bad('scriptVersion', `no follow-up script for ${kind} orders`, '该工单类型没有回访话术'),
  surveyExists: () => new AppError('survey_exists', 409, 'This order has had its survey: one per order, never again / 该工单已发过问卷：每单一次，不再重发', []),
  surveyWait: (until: string) => new AppError('survey_wait', 409, `The customer had a survey lately: the next one not before ${until} / 该客户近期已收到问卷，下次不早于 ${until}`, { until }),
  linkBad: (why: 'tampered' | 'expired' | 'used') =>
    new AppError(
      why === 'used' ? 'survey_answered' : 'survey_link_invalid',
      why === 'used' ? 409 : 400,
      why === 'used' ? 'This survey has been answered already / 该问卷已提交' : why === 'expired' ? 'token: the survey link has expired / 问卷链接已过期' : 'token: not a valid survey link / 问卷链接无效',
      [{ path: 'token', message: why }],
    ),
  notYours: () => new AppError('forbidden', 403, 'Not your survey / 不是您的问卷', []),
};
