// 投诉模块的中文。每个键都与 en.ts 对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  complaints: {
    nav: '投诉', title: '投诉工作台', titleOf: '投诉 {{number}}', intro: '处理中的投诉在前，级别高的在前，再按时限排列。被投诉的服务商在未共享前看不到投诉。',
    file: '登记投诉', fileSubmit: '提交投诉', source: '来源', category: '类别', severity: '严重程度', level: '处理级别', status: '状态', due: '时限', any: '全部',
    number: '编号', none: '暂无投诉。', overdue: '已超时', sharedWithYou: '已共享给您', orderIds: '工单 ID（逗号分隔）', orderIdsHint: '被投诉的工单；服务商和师傅由工单带出。',
    words: '顾客原话', summary: '概要', clockStopped: '计时已停止', repeat: '重复投诉', repeatOf: '此前投诉的重复', orders: '工单', orderN: '工单 {{n}}',
    resolution: '解决方案', rootCause: '根本原因', sharedText: '共享给服务商的内容', ladder: '升级阶梯', target: '{{hours}} 个工作小时',
    steps: '处理', escalate: '升级', deescalate: '降级', changeSeverity: '调整严重程度', cause: '原因类型', reason: '原因',
    addContact: '记录联系', channel: '渠道', direction: '方向', summaryText: '沟通内容',
    addAction: '记录处理措施', actionKind: '措施', actionText: '处理内容', visitSymptom: '预约上门：故障描述（可选，仅上门措施）', visitOrder: '维修工单',
    addCompensation: '记录补偿', compensationKind: '补偿方式', amount: '金额（元）', refundMethod: '退款方式', refundReference: '退款流水号（现金免填）', note: '说明',
    resolve: '提出解决方案', recordAnswer: '记录顾客答复', answer: '答复', share: '共享给服务商',
    log: '处理措施、联系记录与补偿', noEntries: '暂无记录。', history: '历史',
    portalTitle: '关于此工单的投诉', portalNone: '此工单暂无投诉。', portalFile: '投诉此工单', portalWords: '遇到了什么问题', portalSend: '提交投诉',
    answerBy: '我们将在 {{when}} 前答复', accept: '接受解决方案', reject: '不接受解决方案',
  },
  complaintStatus: { open: '处理中', resolved: '已提出方案', closed: '已结案' },
  complaintLevel: { desk: '客服专员', supervisor: '客服主管', manager: '服务经理', executive: '公司高层' },
  complaintSeverity: { low: '轻微', normal: '一般', high: '严重', critical: '重大' },
  complaintSource: { phone: '电话', portal: '自助服务', social_media: '社交媒体', dealer: '经销商', regulator_12315: '12315 监管转办', follow_up: '回访' },
  complaintCategory: { product_quality: '产品质量', installation: '安装', service_attitude: '服务态度', timeliness: '服务时效', price: '收费', parts: '配件', other: '其他' },
  complaintRootCause: { product: '产品', installation: '安装', attitude: '态度', timeliness: '时效', price: '价格', parts: '配件' },
  complaintCompensation: { apology: '致歉', credit: '积分/代金券', free_service: '免费服务', refund: '退款' },
  complaintAction: { note: '备注', investigation: '调查核实', call_back: '回电', visit: '师傅上门', other: '其他' },
  complaintChannel: { phone: '电话', sms: '短信', wechat: '微信', visit: '上门', portal: '自助服务', email: '邮件' },
  complaintDirection: { out: '我方联系顾客', in: '顾客来电/来信' },
  complaintCause: { staff: '人工判断', customer_request: '顾客要求', breach: '超时', severity: '严重程度' },
  complaintAnswer: { accepted: '已接受', rejected: '未接受' },
  complaintEntry: { action: '措施', contact: '联系', compensation: '补偿' },
  complaintHistory: { file: '登记', escalate: '升级', deescalate: '降级', severity: '调整严重程度', resolve: '提出方案', accept: '顾客接受', reopen: '顾客不接受，重新处理', share: '共享给服务商', action: '措施', contact: '联系', compensation: '补偿', breach_at_top: '最高级别超时' },
};
