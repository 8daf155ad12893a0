// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  serial: { main: '序列号', indoor: '内机', outdoor: '外机' },
  unit: {
    bought: '{{date}} 购买', model: '型号', serial: '序列号', purchaseDate: '购买日期', channel: '购买渠道', store: '门店', online: '网购',
    price: '购买价格（元）', invoice: '发票号',
  },
  warranty: { in: '在保', out: '已过保', wholeUntil: '整机保修至 {{date}}', mainUntil: '主要部件保修至 {{date}}' },
  sanbao: {
    ask: '三包：适用哪种处理？', faultCode: '报修故障（代码或描述）', faultHint: '例如故障树中的现象代码', kind: '故障类型',
    performance: '性能故障', other: '其他故障', misuse: '使用不当', unauthorisedDismantling: '私自拆修',
    customerRequestsNoReasonReturn: '客户要求七天无理由退货', forceMajeure: '不可抗力', submit: '判定',
    option: { refund: '退货', replace: '换货', repair: '维修' }, free: '免费', paid: '收费维修', refund: '退款 {{amount}}', rule: '依据：{{rule}}',
  },
};
