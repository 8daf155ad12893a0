// 客户联系模块的中文。每个键都与 en.ts 对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  contacts: {
    title: '联系时间线', none: '没有符合条件的联系记录。', more: '显示更早的', search: '搜索时间线', kinds: '类型', words: '关键词', from: '开始', to: '结束', apply: '筛选',
    logCall: '记录通话', addNote: '添加备注', recordSuggestion: '记录建议', order: '相关工单', noOrder: '不涉及具体工单',
    direction: '方向', phone: '使用号码', minutes: '通话时长（分钟）', outcome: '结果', notes: '通话内容', saveCall: '保存通话', seconds: '{{n}} 秒',
    noteText: '备注', internal: '内部备注：客户看不到。', saveNote: '保存备注',
    topic: '主题', suggestionText: '客户的建议', saveSuggestion: '保存建议',
    answer: '答复', answerSuggestion: '答复建议', outcomeOfSuggestion: '处理结论', customerReads: '客户会在自助服务中看到此答复。', sendAnswer: '发送答复',
    mySuggestions: '我的建议', noSuggestions: '您还没有向我们提过建议。', sendSuggestion: '提建议', yourIdea: '您的想法', send: '发送', ourAnswer: '我们的答复',
  },
  contactKind: { call: '通话', note: '备注', suggestion: '建议', message: '消息', visit: '上门', survey: '回访', complaint: '投诉', portal: '自助服务' },
  contactDirection: { in: '来电', out: '去电' },
  contactAction: {
    reached: '已接通', no_answer: '无人接听', busy: '占线', voicemail: '语音信箱', wrong_number: '号码错误', refused: '拒接',
    note: '备注', open: '待答复', adopted: '已采纳', noted: '已记录', declined: '暂不采纳',
    queued: '排队中', sending: '发送中', sent: '已发送', delivered: '已送达', failed: '发送失败',
    book: '已预约上门', check_in: '已上门打卡', complete: '已完工', redo: '退回返工',
    follow_up: '已回访', survey_sent: '已发送问卷', survey_answered: '已填写问卷',
    file: '已立案', escalate: '已升级', deescalate: '已降级', resolve: '已给出处理方案', answer: '客户已答复', breach: '处理超时',
    sign_in: '登录', confirm: '确认完工', cancel: '取消', intake: '申请服务', fee_dispute: '对费用提出异议',
  },
  suggestionTopic: { product: '产品', service: '服务', app: '小程序与自助服务', price: '价格', other: '其他' },
};
