// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  dashboard: {
    title: '概览', all: '工单总数', open: '在途工单', awaiting: '待派单', byState: '各状态工单数', byProvider: '各服务商在途工单', promises: '近六个月承诺：超额兑现、按时兑现与违约',
    orders: '工单', openOrders: '在途工单', asTable: '以表格查看',
    filters: '筛选', from: '开单起始日', to: '开单截止日', provider: '服务商', allProviders: '全部服务商', clear: '清除筛选',
    promisesInRange: '所选日期内承诺：超额兑现、按时兑现与违约', showOrders: '查看工单：{{what}}', ordersOf: '工单：{{what}}',
    closeDrill: '关闭列表', noOrders: '此数字下没有工单。', drillTotal: '共 {{n}} 张工单', number: '工单号', state: '状态', opened: '开单时间', met: '节点达成时间',
  },
};
