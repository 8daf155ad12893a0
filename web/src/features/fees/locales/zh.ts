// 收费区域的中文。每个键都与 en.ts 一一对应（test/console-i18n.test.ts 检查）。
import type { en } from './en';

export const zh: typeof en = {
  fees: {
    title: '收费', none: '尚未计费：完工后自动计费。', item: '项目', quantity: '数量', unitPrice: '单价', amount: '金额', payer: '承担方',
    rule: '依据', staffLine: '人工添加', total: '合计', totalOf: '{{payer}}承担合计', changePayer: '改定承担方', changePayerOf: '改定承担方：{{item}}',
    addExtra: '添加附加项目', addPart: '添加配件', reprice: '重新计费', jobMode: '作业方式', workDay: '完工日期', distance: '距网点距离',
    distanceKm: '道路 {{road}} 公里（直线 {{straight}} 公里）', problems: '问题', extra: '附加项目', partZh: '配件名称（中文）', partEn: '配件名称（英文）',
    partPrice: '价格（元）', reason: '原因', save: '保存', cancel: '取消',
    dialog: { extra: '从价目表添加附加项目', part: '添加配件', reprice: '重新计费' },
    flag: { road_shorter_than_straight: '道路距离短于直线距离', road_over_three_times_straight: '道路距离超过直线的 3 倍' },
    portalTitle: '费用', portalNone: '暂无费用。', paidBy: '由{{payer}}承担',
    pricesTitle: '服务收费标准', pricesIntro: '不在保修范围内时上门服务的费用：上门费、按作业计的工时费、辅材及远程费。',
    category: '产品', chooseCategory: '请选择产品', province: '省份', city: '城市', scheduleFrom: '自 {{date}} 起执行的收费标准', service: '服务',
    callOut: '上门费', labour: '工时费', remoteRule: '{{area}}：距服务网点单程 {{free}} 公里内免费，超出部分每公里 {{rate}}。',
    callOutOnce: '一次上门服务多台家电：只收一次远程费，上门费只收最高的一项。',
  },
  payer: { maker: '厂家', customer: '客户', dealer: '经销商', provider: '服务商' },
  jobMode: {
    part_swap: '上门维修（换件）', adjustment: '调试/调整', inspection: '检测', carry_in: '送修', installation: '安装',
    relocation: '移机', removal: '拆旧机', wasted_trip: '空跑（非师傅原因）',
  },
  areaType: { city: '城区', town: '乡镇', mountain: '山区' },
  priceLists: {
    title: '价目表', intro: '全国收费标准与各服务商合同价。版本发布前为草稿；已发布的版本不再修改，自生效日起为完工的工单计价。',
    none: '暂无价目表。', scope: { national: '全国', provider: '服务商合同' }, number: '版本', status: '状态', effectiveFrom: '生效日期', note: '备注',
    actions: '操作', state: { draft: '草稿', published: '已发布' }, edit: '编辑 v{{number}}', view: '查看 v{{number}}', newDraftFrom: '新草稿生效日期', newDraft: '新建草稿（复制最新版本）',
    editTitle: '草稿 v{{number}}', viewTitle: '版本 v{{number}}', publishedNote: '已发布，不可修改。如需调价请新建草稿。', labour: '工时费',
    category: '品类', anyCategory: '所有品类', kind: '工单类型', mode: '作业方式', callOut: '上门费（元）', labourFee: '工时费（元）',
    rowCategory: '第 {{row}} 行：品类', rowKind: '第 {{row}} 行：工单类型', rowMode: '第 {{row}} 行：作业方式', rowCallOut: '第 {{row}} 行（{{category}}）：上门费', rowLabour: '第 {{row}} 行（{{category}}）：工时费',
    removeRow: '删除第 {{row}} 行', addRow: '添加工时费行', extras: '辅材及附加项目', code: '编码', nameZh: '名称（中文）', nameEn: '名称（英文）', unit: '单位', price: '价格（元）',
    customerPays: '始终由客户承担', extraField: '附加项目 {{row}}：{{what}}', each: '每件', metre: '每米', addExtra: '添加附加项目', distance: '远程费',
    distanceHint: '按服务网点至用户的单程道路公里数：起收公里数内免费，超出按每公里单价计，四舍五入到分。', areaType: '区域', freeKm: '免费公里数', ratePerKm: '每公里（元）',
    maxKm: '超过按协议（公里）', save: '保存草稿', saved: '草稿已保存。', publish: '发布', close: '关闭', previewTitle: '按工单预览', orderNumber: '工单号',
    preview: '预览', noSuchOrder: '没有该工单号的工单。', previewTotal: '按此版本：{{total}}（现为 {{current}}）',
  },
  money: {
    title: '报价与收款', quotes: '报价', noQuote: '暂无报价。保外维修须经客户接受报价后方可完工。', quoteNo: '报价 {{number}}',
    customerPays: '客户需付 {{amount}}', acceptedBy: '{{name}} 于 {{at}} 接受（{{channel}}）', offer: '向客户出示', offerSms: '短信发送（签名链接）',
    signedName: '客户姓名（签名）', confirm: '客户确认接受此报价 {{amount}}', accept: '接受报价', refuse: '拒绝报价',
    newQuote: '新报价', makeQuote: '生成报价', payments: '收款', noPayments: '暂无收款。', balance: '合计 {{total}} · 已付 {{paid}} · 应付余额 {{balance}}',
    takePayment: '收款', amount: '金额（元）', methodLabel: '付款方式', reference: '交易单号', isRefund: '这是退款（须填原因）', record: '记录',
    receipt: '收费明细', sendReceipt: '短信发送收费明细', receiptSent: '收费明细链接已发送。', receiptOf: '工单 {{number}} 收费明细', print: '打印', yourQuote: '您的报价',
    status: { draft: '草稿', offered: '待客户确认', accepted: '已接受', refused: '已拒绝', superseded: '已被取代' },
    channel: { portal: '客户自助', link: '短信链接', phone: '师傅手机', desk: '客服台' },
    method: { cash: '现金', wechat_pay: '微信支付', alipay: '支付宝', bank_transfer: '银行转账', card: '银行卡' },
  },
};
