// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  tier: { ordinary: '普通', silver: '银卡', gold: '金卡', platinum: '白金' },
  search: {
    title: '客服台', label: '手机号、姓名、序列号或工单号', placeholder: '手机号、姓名、序列号或工单号', submit: '查询',
    hint: '输入来电号码（或尾号）、姓名、序列号或工单号，按回车查询。',
    none: '没有找到“{{q}}”。', customers: '客户（{{count}}）', exportCsv: '导出这些客户（CSV）', exportXlsx: '导出（XLSX）', orders: '工单（{{count}}）',
  },
  customer: {
    kind: { person: '个人', company: '企业' }, newOrder: '新建工单', contact: '联系方式', phones: '电话', primary: '主号码', addresses: '地址',
    language: '语言', since: '建档时间', units: '设备（{{count}}）', noUnits: '尚无设备档案。', orders: '服务记录（{{count}}）', noOrders: '尚无工单。',
  },
};
