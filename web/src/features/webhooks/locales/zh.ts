// Webhook 区域的中文。每个键须与 en.ts 一一对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  webhooks: {
    nav: 'Webhook', title: 'Webhook 订阅',
    intro: '让其他系统（网店、ERP）实时获知工单变化：每个事件以 POST 发送到端点，按 Standard Webhooks 签名（webhook-id、webhook-timestamp、webhook-signature），未返回 2xx 时在约一天内重试。',
    secretOnce: '签名密钥（仅显示一次，请保存在接收系统中）：', none: '尚无端点。',
    add: '添加端点', url: '端点地址（https://…）', contactEmail: '负责人邮箱', contactHint: '端点连续失败五天被停用时通知此邮箱。', events: '事件', save: '订阅',
    failingSince: '自 {{since}} 起失败', disable: '停用', enable: '启用', rotate: '更换密钥（旧密钥仍签名一天）', log: '投递记录', noDeliveries: '尚无投递。',
    event: '事件', status: '状态', attempts: '尝试次数', lastAnswer: '最后应答', when: '时间', replay: '重新发送',
  },
  webhookStatus: { active: '启用中', disabled: '已停用' },
  deliveryStatus: { pending: '重试中', succeeded: '已送达', failed: '失败' },
};
