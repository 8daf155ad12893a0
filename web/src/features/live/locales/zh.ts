// 实时通知（铃铛）的中文。
import type { en } from './en';

export const zh: typeof en = {
  live: {
    bell: '通知', unreadSuffix: '条未读', title: '通知', none: '暂无通知。', markAll: '全部标为已读', unread: '未读', close: '关闭', connected: '实时更新已连接', disconnected: '实时更新重新连接中…',
    order: '工单 {{number}}', byCustomer: '客户确认', byStaff: '客服代确认', due: '期限 {{when}}',
  },
  liveKind: {
    dispatched: '已派单', assigned: '已派工', booked: '已预约上门', checked_in: '已上门打卡', completed: '已完工', confirmed: '已确认', promise_warning: '时效预警', promise_escalated: '时效超时，已升级',
  },
};
