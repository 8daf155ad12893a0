// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  outbox: {
    title: '客户消息',
    none: '没有消息。',
    filters: '筛选消息',
    at: '生成时间',
    to: '接收方',
    template: '类型',
    body: '内容',
    delivery: '发送状态',
    statusLabel: '状态',
    channelLabel: '渠道',
    customer: '客户',
    customerHint: '完整手机号或邮箱，或手机号后 4 位',
    any: '全部',
    search: '查询',
    urgent: '紧急：任何时段都发送',
    notBefore: '{{at}} 之后发送',
    waiting: '即将发送',
    attempts: '已尝试 {{count}} 次',
    history: '记录',
    historyOf: '发送记录：{{to}}',
    change: '变化',
    attempt: '第几次',
    via: '通道',
    detail: '说明',
    close: '关闭',
    status: { queued: '待发送', sending: '发送中', sent: '已发送', delivered: '已送达', failed: '失败' },
    channel: { sms: '短信', email: '邮件', wechat: '微信' },
  },
};
