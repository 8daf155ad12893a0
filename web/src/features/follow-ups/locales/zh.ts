// 回访模块的中文。每个键与 en.ts 一一对应（test/console-i18n.test.ts 比较两者）。
import type { en } from './en';

export const zh: typeof en = {
  followUps: {
    nav: '回访', title: '回访电话', intro: '待回访的工单，按到期时间先后排列。请在客户所在时区 09:00–21:00 之间致电；三个不同时段都联系不上的客户将收到短信问卷。',
    none: '暂无待回访工单。', order: '工单', kind: '类型', due: '到期', overdue: '已超时', attempts: '拨打次数', open: '致电',
    taskTitle: '工单 {{number}} 的回访', script: '话术 第{{version}}版', noScript: '该工单类型没有回访话术。', yes: '是', no: '否', notAsked: '—',
    callNow: '客户当地现在是{{part}}。', attemptsSoFar: '已拨打', noAttempts: '尚未拨打。',
    noAnswer: '无人接听', busy: '占线', wrongNumber: '号码错误', refused: '拒绝回访', reached: '已接通：记录回答',
    outcome: '客户反馈', fixed: '已修好', notFixed: '未修好', nobodyCame: '无人上门',
    satisfaction: '满意度', attitude: '服务态度（1–5）', skill: '技术水平（1–5）', notFixedAction: '处理', redo: '返修', complaint: '转投诉',
    lead: '客户意向', noLead: '无', leadNote: '意向备注', correctionCode: '更正故障代码（可选）', correctionNote: '记录有误之处（可选）', note: '备注',
    save: '记录本次通话', sendSurvey: '发送短信问卷', surveySent: '问卷已发送。', closed: '已关闭：{{outcome}}', close: '关闭', history: '记录',
    ratesTitle: '回复率', from: '开始', to: '结束', channel: '渠道', asked: '发出', answered: '回复', rate: '回复率',
  },
  followUpResult: { reached: '已接通', no_answer: '无人接听', busy: '占线', wrong_number: '号码错误', refused: '拒绝回访' },
  followUpDayPart: { morning: '上午', afternoon: '下午', evening: '晚上', quiet: '休息时间' },
  followUpChannel: { phone: '电话', sms: '短信问卷', portal: '客户门户问卷' },
  followUpLead: { new_product: '新产品', extended_warranty: '延长保修', maintenance_contract: '保养合同' },
  surveyLevel: { satisfied: '满意', neutral: '一般', dissatisfied: '不满意' },
  survey: {
    portalIntro: '本工单有一份简短的服务评价等您填写（{{until}} 前有效）。', answerNow: '评价本次服务',
    title: '您对本次服务满意吗？', intro: '工单 {{number}}。只需一分钟，您的回答将直接交给服务团队。', overall: '总体评价',
    aspects: '分项评分（1 很差 – 5 很好）', timeliness: '及时性', attitude: '服务态度', skill: '技术水平', tidiness: '整洁', priceTransparency: '收费透明',
    nps: '您有多大可能向朋友推荐我们？（0–10）', npsReason: '原因', comment: '其他意见', send: '提交',
    thanks: '谢谢！我们已收到您的回答。', answered: '该问卷已提交过，谢谢！', noToken: '链接不完整：请重新打开短信中的链接。',
  },
};
