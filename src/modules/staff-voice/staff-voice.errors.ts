import { AppError } from '../../shared/errors.js';
import { suggestionStatusNames, type SuggestionStatus } from './staff-voice.rules.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const staffVoiceErrors = {
  surveyNotFound: (id: string) => new AppError('pulse_survey_not_found', 404, `pulse survey ${id} not found / 未找到员工调查`, [{ path: 'id', message: 'not found' }]),
  suggestionNotFound: (id: string) => new AppError('suggestion_not_found', 404, `suggestion ${id} not found / 未找到建议`, [{ path: 'id', message: 'not found' }]),
  closed: () => new AppError('illegal_step', 409, 'The survey is closed / 调查已结束', { step: 'answer' }),
  alreadyClosed: () => new AppError('illegal_step', 409, 'The survey is closed already / 调查已结束', { step: 'close' }),
  answeredAlready: () => new AppError('already_answered', 409, 'You have answered this survey already / 您已参与过本次调查', []),
  staffOnly: () => new AppError('forbidden', 403, 'Pulse surveys and suggestions are for staff accounts / 员工调查与建议仅限员工账号', { permission: 'voice.take_part' }),
  missingAnswer: (code: string) => bad(`scores.${code}`, 'answer every question (1–5)', '请回答所有问题（1–5 分）'),
  unknownQuestion: (code: string) => bad(`scores.${code}`, 'not a question of the survey', '不是本调查的问题'),
  duplicateQuestion: (i: number) => bad(`questions.${i}.code`, 'two questions share this code', '问题编码重复'),
  staleSurvey: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this survey; reload and try again / 调查已被他人修改，请刷新后重试', { currentVersion: current }),
  staleSuggestion: (current: number) => new AppError('version_conflict', 409, 'Someone else answered this suggestion; reload and try again / 建议已被他人处理，请刷新后重试', { currentVersion: current }),
  illegalMove: (from: SuggestionStatus, to: SuggestionStatus) =>
    new AppError('illegal_step', 409, `A suggestion ${suggestionStatusNames[from].en.toLowerCase()} cannot become ${suggestionStatusNames[to].en.toLowerCase()} / 建议不能从“${suggestionStatusNames[from].zh}”改为“${suggestionStatusNames[to].zh}”`, { from, to }),
};
