// 质量区域的中文；键与 en.ts 一一对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  quality: {
    nav: '质量分析',
    title: '产品质量', intro: '十二个月内已完成维修的故障：哪些原因最多、各型号每月故障率相对自身控制限的变化，以及每个数字背后的工单。',
    month: '截至月份', period: '{{from}} 至 {{to}}', export: '导出故障明细 CSV（供研发）',
    alerts: '趋势预警', noAlerts: '暂无预警。', alertLine: '{{model}} · {{month}}：故障率 {{rate}} ‰（{{faults}} 单），超过控制上限 {{limit}} ‰（基线 {{baseline}} ‰）',
    alertOrders: '预警月份 {{month}} 的工单', orders: '工单', acknowledge: '确认', acknowledged: '{{by}} 已于 {{at}} 确认',
    pareto: '故障原因帕累托图', paretoTable: '故障原因（由多到少）', cause: '原因', faults: '故障数', share: '占比', cumulative: '累计占比', noCode: '（无代码）',
    causeOrders: '原因 {{cause}} 的工单', trend: '每千台在用机每月故障数', model: '型号', faultsOfUnits: '{{faults}} 次故障，{{units}} 台',
    trendHint: '当某月故障率超过该型号前十二个月故障率加三倍标准差（取各月自身波动与随机波动中较大者）且至少五次故障时，发出预警。',
    rates: '早期故障、一次修复、重复维修', early: '早期故障', earlyValue: '投入使用的 {{of}} 台中有 {{n}} 台（每千台 {{per1000}}）在 {{days}} 天内故障',
    ftf: '一次修复', ftfValue: '{{of}} 次修复中有 {{n}} 次（{{rate}}）{{days}} 天内未再报修',
    repeat: '重复维修', repeatValue: '{{of}} 次报修中有 {{n}} 次（{{rate}}）在上次修复后 {{days}} 天内',
    origins: '安装原因与产品原因', category: '品类', product: '产品', installation: '安装', other: '其他', unknown: '未归类', installationShare: '安装原因占比',
    originsHint: '依据故障原因代码（质量设置中的归类）及退换货鉴定的责任认定。',
    partAlertLine: '配件 {{part}} · {{month}}：故障率 {{rate}} ‰（{{faults}} 次维修更换），超过控制上限 {{limit}} ‰（基线 {{baseline}} ‰）',
    partAlertOrders: '{{month}} 更换该配件的维修工单',
    byPart: '按配件统计故障', partModel: '型号', allModels: '全部型号', part: '配件', unitsUsing: '使用该配件的在用机台数', per1000: '每千台', noPart: '（未更换配件）',
    partOrders: '更换 {{part}} 的维修工单',
    byPartHint: '一次维修每更换一种配件即为该配件计一次。故障率按物料清单含该配件的型号在期末的在用机台数每千台计。配件与型号按同一规则预警。',
    close: '关闭', ordersTotal: '共 {{n}} 单', order: '工单', opened: '报修时间', region: '地区', photos: '照片', photo: '工单照片',
  },
};
