// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  dashboard: {
    title: '概览', all: '工单总数', open: '在途工单', awaiting: '待派单', byState: '各状态工单数', byProvider: '各服务商在途工单', promises: '近六个月承诺：超额兑现、按时兑现与违约',
    orders: '工单', openOrders: '在途工单', asTable: '以表格查看',
  },
};
