// 客服工作台的中文。每个键在 en.ts 中都有对应（test/console-i18n.test.ts 会比对）。
export const zh = {
  workspace: {
    nav: '我的工作台', queue: '我的待办', queueIntro: '我受理后仍需客服跟进的工单、待回访电话、我登记的投诉。',
    orders: '待跟进工单', followUps: '待回访', complaints: '我的投诉', noOrders: '暂无待跟进工单。', noFollowUps: '暂无待回访电话。', noComplaints: '暂无我登记的未结投诉。',
    number: '编号', customer: '客户', why: '原因', since: '时间', due: '截止', overdue: '已超时', severity: '严重程度',
    recent: '最近客户', noRecent: '打开过的客户会显示在这里。',
  },
  palette: {
    title: '命令面板', label: '搜索客户、工单和命令', placeholder: '输入姓名、电话、工单号或命令…', results: '结果',
    none: '没有匹配项。', customers: '客户', orders: '工单', commands: '命令', hint: '↑ ↓ 选择，回车打开，Esc 关闭',
    goQueue: '前往我的待办', goSearch: '搜索客户', goOrders: '前往工单列表', goComplaints: '前往投诉', goFollowUps: '前往回访', goTemplates: '故障模板',
    newOrderFor: '为{{name}}新建工单', showShortcuts: '键盘快捷键',
  },
  shortcuts: {
    title: '键盘快捷键', palette: '打开命令面板', search: '定位到搜索框', queue: '前往我的待办', orders: '前往工单列表', help: '显示本帮助', close: '关闭',
    keys: '按键', action: '操作',
  },
  notes: {
    title: '内部备注', intro: '仅员工可见，客户永远看不到。', none: '暂无备注。', add: '添加备注', text: '备注', by: '{{author}}，{{when}}',
  },
  templates: {
    nav: '故障模板', title: '故障模板', intro: '按产品类别维护常见故障描述，客服新建工单时可直接选用。', category: '产品类别',
    titleZh: '标题（中文）', titleEn: '标题（英文）', symptom: '故障描述', faultCode: '故障代码（现象）', none: '该类别暂无模板。',
    add: '添加模板', save: '保存', edit: '修改', archive: '停用', restore: '恢复', archived: '已停用', pick: '故障模板', pickNone: '— 手动填写故障 —', noUnit: '先选择设备，才能看到该类别的模板。',
  },
};
