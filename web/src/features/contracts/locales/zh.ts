// 服务合同区域的中文。键与 en.ts 一一对应（test/console-i18n.test.ts 逐项比较）。
import type { en } from './en';

export const zh: typeof en = {
  contracts: {
    title: '服务合同', none: '该设备暂无服务合同。', sell: '销售服务合同', kind: '产品', term: '期限（月）', price: '价格（元）', startsOn: '保障起始日',
    coversLabour: '含人工', coversParts: '含配件', visits: '包含上门次数', every: '每隔几个月上门一次', submit: '确认销售', sold: '已售出。',
    kindName: { extended_warranty: '延长保修', maintenance: '保养合同' },
    status: { active: '生效中', cancelled: '已取消' },
    period: '{{from}} 至 {{to}}', covers: '保障{{what}}', labour: '人工', parts: '配件', visitList: '上门安排', visit: { planned: '待安排', ordered: '已派单', cancelled: '已取消' },
    cancel: '取消合同', cancelTitle: '取消服务合同', reason: '取消原因', fee: '手续费（元）', confirmCancel: '确认取消', refund: '应退：{{amount}}',
    myTitle: '我的服务合同', myNone: '您暂无服务合同。可向我们咨询延保或保养套餐。', myTerm: '期限', myCover: '保障', myVisitsLeft: '剩余上门',
    visitsLeft: '{{left}} / {{total}} 次', nextVisit: '下次约 {{date}}', myRenewal: '续约', renewLater: '有效至 {{date}}；到期前 30 天提醒您续约。', renewNow: '{{days}} 天后到期：请致电或申请服务办理续约。', ended: '已到期。', myPrice: '已付金额', payLater: '下次上门或客服联系时支付', renewOffer: '续约价 {{price}}：同样保障，{{from}} 至 {{to}}。', renewTerms: '我同意续约条款及价格', renewButton: '续约（稍后支付）', renewed: '已续约：{{from}} 至 {{to}}。续约费 {{price}} 请在下次上门或客服联系时支付。', myPriceDue: '价格',
    renewalOf: '由原合同续约', renewedTo: '已续约至 {{date}}', unpaid: '尚未支付：客户在下次上门或客服联系时支付',
  },
};
