// 费用争议区域的中文；键与 en.ts 一一对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  disputes: {
    navQueue: '费用争议', navStatistics: '争议统计',
    cardTitle: '费用争议', none: '暂无争议。', dispute: '提出异议', disputeOf: '对「{{item}}」提出异议', open: '审核中',
    raiseTitle: '对费用提出异议', line: '费用项目', reason: '异议原因', text: '具体说明', photoIds: '工单照片编号（逗号分隔，可不填）', send: '提交异议',
    left: '可争议金额 {{amount}}', answerBy: '将于 {{when}} 前答复', refund: '退还 {{amount}}', answer: '答复', withdraw: '撤回',
    queueTitle: '费用争议', queueIntro: '已超时的排在最前，其次为按到期时间排列的审核中争议，最后是已处理的。', status: '状态', anyStatus: '全部状态',
    order: '工单', disputed: '争议金额', due: '到期', overdue: '已超时', raisedBy: '提出方', raisedByCustomer: '顾客', raisedByProvider: '服务商',
    reviewTitle: '审核争议', outcome: '结论', amount: '退还金额（元）', amountHint: '仅部分成立时填写：大于 0 且小于争议金额。', outcomeReason: '理由（顾客可见）', decide: '提交结论',
    credit: '退还', history: '处理记录', evidence: '凭证', close: '关闭',
    statsTitle: '争议统计', from: '开始', to: '结束', byProvider: '按服务商', byReason: '按原因', count: '争议数', decided: '已处理', upheld: '成立', upheldShare: '成立比例', disputedAmount: '争议金额', credited: '已退还', unknown: '—',
    customerEvidence: '客户上传的照片', refunds: '退款记录', refundedBy: '已通过{{method}}退还 {{amount}}', refundTitle: '退还款项', refundOwed: '已冲减 {{amount}}，尚未退还',
    refundAmount: '金额（元）', refundMethod: '退款方式', refundReference: '交易号或单据号', refundReferenceHint: '现金以外须填写。', paidBackBy: '由谁退还',
    paidBack: { provider: '服务商', technician: '技术员', maker: '厂家' }, refundRecord: '记录退款', refundedSoFar: '已退款 {{amount}}',
    addPhoto: '添加照片', yourPhoto: '您上传的照片',
  },
  disputeReason: {
    duplicate_charge: '重复收费', excessive_labour: '工时费过高', excessive_part_cost: '配件费过高', work_not_done: '未实际施工',
    no_defect_found: '未发现故障却收费', warranty_wrongly_expired: '误判为过保', distance_wrong: '里程计算有误', other: '其他',
  },
  disputeStatus: { open: '审核中', upheld: '成立', partly_upheld: '部分成立', rejected: '不成立', withdrawn: '已撤回' },
  disputeOutcome: { upheld: '成立：全额退还争议金额', partly_upheld: '部分成立：退还部分金额', rejected: '不成立' },
};
