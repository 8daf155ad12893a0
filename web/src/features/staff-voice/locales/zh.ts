// 员工之声模块的中文。每个键都与 en.ts 对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  voice: {
    navPulse: '员工脉搏调查', navSuggestions: '建议箱',
    pulseTitle: '员工脉搏调查', pulseIntro: '不时几个小问题。答卷匿名：谁参与了与答了什么分开保存。',
    noSurveys: '暂无调查。', survey_open: '进行中', survey_closed: '已结束', youAnswered: '您已参与。', results: '结果', close: '结束调查',
    answer: '参与调查', anonymousHint: '匿名：仅显示不少于 {{n}} 人的群组结果。', enpsQuestion: '您有多大可能向朋友推荐来这里工作？（0–10）', sendAnswer: '提交答卷',
    groupBy: '分组', by_all: '全体', by_provider: '服务商', by_role: '岗位', group: '群组', responses: '答卷数', pulseScore: '脉搏得分（1–5）', everyone: '全体', headquarters: '总部',
    hidden: '不足 {{n}} 份答卷（或会暴露小群组）：不显示', minimumNote: '不足 {{n}} 份答卷的群组不显示。',
    newSurvey: '发起脉搏调查', titleZh: '标题（中文）', titleEn: '标题（英文）', month: '月份', questions: '问题（1–5 分）', questionsHint: '每行一个：编码|中文|英文', minGroupSize: '最小群组人数', start: '发起',
    suggestionsTitle: '建议箱', suggest: '提建议', suggestionText: '您的建议', category: '关于', postAnonymously: '匿名提交', anonymousSuggestionHint: '匿名：不保存您的姓名和具体时间，只保存日期。', send: '提交',
    status: '状态', any: '全部', noSuggestions: '暂无建议。', anonymous: '匿名', implemented: '已实施', answerWas: '答复：{{text}}', answerSuggestion: '答复', answerText: '答复内容',
  },
  suggestionStatus: { new: '新提交', under_review: '评估中', accepted: '已采纳', rejected: '未采纳', implemented: '已实施' },
  suggestionCategory: { service: '服务', process: '流程', tools: '工具', training: '培训', workplace: '工作环境', other: '其他' },
};
