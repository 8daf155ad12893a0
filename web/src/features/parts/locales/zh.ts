// 配件模块的中文；每个键须与 en.ts 对应（test/console-i18n.test.ts 比对）。
export const zh = {
  parts: {
    navCatalog: '配件目录', navStock: '库存', navRequests: '配件申请',
    catalogTitle: '配件目录', catalogIntro: '配件编号、价格（元）、适用机型，以及旧件是否须返厂。',
    number: '配件编号', nameZh: '名称（中文）', nameEn: '名称（英文）', models: '适用机型', isMain: '主要部件', listPrice: '零售价（元）', issuePrice: '领用价（元）',
    serialised: '序列号管理', returnable: '旧件返厂', returnDays: '返厂期限（天）', warrantyMonths: '配件保修（月）', add: '添加配件', none: '暂无配件。', yes: '是', no: '否',
    stockTitle: '库存', stockIntro: '您负责的各库位的在库与预留数量，以及每一笔出入库。', location: '库位', choose: '请选择…',
    part: '配件', onHand: '在库', reserved: '预留', available: '可用', serials: '序列号', noStock: '该库位暂无库存。',
    movements: '出入库记录', movement: '类型', quantity: '数量', after: '结存', reason: '原因', actor: '操作人', at: '时间', noMovements: '暂无记录。',
    receiveTitle: '入库', serialsHint: '序列号管理的配件每件一个序列号，用逗号分隔', receive: '入库',
    countTitle: '盘点', openCount: '开始盘点该库位', counted: '实盘', expected: '账面', countReason: '差异原因', submitCount: '提交盘点',
    approveCount: '审批并过账差异', rejectCount: '驳回', countStatus: '盘点状态',
    requestsTitle: '配件申请', requestsIntro: '申请 → 审批（在来源库位预留）→ 发货 → 收货。等待配件的工单在配件到达后自动恢复。',
    status: '状态', anyStatus: '全部状态', to: '收货库位', from: '来源库位', order: '工单', noRequests: '暂无申请。',
    approve: '审批', source: '从哪个库位出', ship: '发货', receiveShipment: '收货', reject: '驳回', rejectReason: '驳回原因', shipSerials: '发货序列号（逗号分隔）',
    orderTitle: '配件', orderRequested: '本工单申请的配件', orderUsed: '已用配件', requestPart: '申请配件', request: '申请',
    usePart: '登记所用配件', serial: '新件序列号', oldSerial: '旧件序列号', use: '登记', noneUsed: '尚未使用配件。',
    underWarranty: '保内：由厂家承担', customerPays: '由客户承担', returnBy: '旧件须于 {{when}} 前返厂',
  },
  requestStatus: { requested: '待审批', approved: '已审批', shipped: '已发货', received: '已收货', rejected: '已驳回', cancelled: '已取消' },
  countStatus: { open: '盘点中', submitted: '待审批', approved: '已审批，已调整', rejected: '已驳回' },
};
