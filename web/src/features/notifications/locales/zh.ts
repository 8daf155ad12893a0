// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  outbox: { title: '客户消息', none: '没有消息。', at: '生成时间', to: '接收方', template: '类型', body: '内容', sent: '发送时间', waiting: '待发送' },
};
