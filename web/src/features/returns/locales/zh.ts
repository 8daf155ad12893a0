// 中文：退换货区域。与 en.ts 一一对应（test/console-i18n.test.ts 逐键比较）。
import type { en } from './en';

export const zh: typeof en = {
  returns: {
    title: '退换货案件', intro: '退换货：依据三包结论受理，经鉴定、决定、批准后执行。', none: '暂无退换货案件。',
    status: '状态', anyStatus: '全部状态', opened: '受理时间', lines: '设备', refund: '退款', open: '打开',
    openTitle: '受理退换货', orderId: '退换货工单', unitId: '设备', faultCode: '故障代码', requested: '顾客要求', noReason: '七日无理由退货（网购）',
    overrideReason: '经理越权理由', openButton: '受理',
    caseTitle: '退换货案件', sanbao: '三包结论', refundable: '可退金额', unitPrice: '购买价格', decision: '处理方案', priceDifference: '差价',
    wayBack: '旧机返回', replacement: '新机', history: '记录', allowed: '下一步',
    startAppraisal: '开始鉴定', appraisalTitle: '鉴定', by: '鉴定方', findings: '鉴定结论', photoIds: '照片编号（工单照片，逗号分隔）', responsibility: '责任',
    bearer: '费用承担方', signatures: '签名 {{n}} / {{needed}}', sign: '会签', appraise: '提交鉴定',
    decide: '确定处理方案', approve: '批准', execute: '执行', serials: '新机序列号', onDate: '换货日期',
    bookPickup: '预约取件', pickupFrom: '取件开始', pickupTo: '取件结束', receive: '入库签收', warehouse: '仓库', fate: '去向', setFate: '确定去向',
    close: '完结', reject: '驳回', rejectReason: '驳回理由', needsManager: '退款超过规定金额，须经理批准。',
    statsTitle: '退换货统计', from: '开始', to: '结束', show: '查看', byResponsibility: '按责任', byDecision: '按处理方案', byProvider: '按服务商', byStatus: '按状态',
    key: '分组', count: '设备数', cases: '案件数', refunded: '已退款', unknown: '—',
    fromOrder: '退换货（三包）', openFromOrder: '受理退换货（{{remedies}}）', noReturnAllowed: '依三包规定，该设备不可退换。',
    pickUnits: '本案件涉及的顾客设备', asking: '正在查询三包结论…', nothingAllowed: '三包规定无可选方案', override: '经理越过三包结论',
    refundMethod: '退款方式', refundReference: '退款流水号', method: { bank_transfer: '银行转账', wechat_pay: '微信支付', alipay: '支付宝', card: '银行卡', cash: '现金' },
    pickupOrder: '取件工单', refundPaid: '已退款', signature: '签名', signHere: '请在此签名', clearSignature: '清除', signatureNeeded: '须手写签名',
  },
  returnStatus: { opened: '已受理', appraising: '鉴定中', appraised: '已鉴定', decided: '已出方案', approved: '已批准', executed: '已执行', closed: '已完结', rejected: '已驳回' },
  returnDecision: { exchange: '换货', refund: '退货退款', repair: '修理' },
  responsibility: { product_quality: '产品质量', installation: '安装', transport: '运输', customer_misuse: '顾客使用不当', no_fault_found: '未见故障' },
  bearer: { maker: '厂家', installer: '安装服务商', carrier: '承运方', customer: '顾客' },
  appraiser: { technician: '师傅', centre: '服务中心' },
  wayBackState: { with_customer: '在顾客处', pickup_booked: '已约取件', picked_up: '已上门取回', received: '已入库', back_to_factory: '返厂', repair: '维修', stock: '入库再售', scrap: '报废' },
};
