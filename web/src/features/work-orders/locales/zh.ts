// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  channel: { phone: '电话', web: '网页', wechat: '微信', app: '应用', api: '接口', store: '门店' },
  satisfaction: { delighted: '惊喜', neutral: '满意', dissatisfied: '不满意' },
  confirmedBy: { customer_code: '客户验收码', agent_override: '客服代确认' },
  intake: {
    title: '为 {{name}} 新建工单', keys: '键盘操作：Tab 下一项，Ctrl+回车 提交工单。', noUnit: '无 / 不清楚', defaultAddress: '默认地址',
    phoneHint: '留空则使用客户主号码', complaintOf: '投诉的工单', accept: '立即受理（工单直接进入待派单）', submit: '创建工单',
  },
  order: {
    title: '工单 {{number}}', number: '工单号', status: '状态', kind: '类型', symptom: '故障描述', created: '创建时间', priority: '优先级', unit: '设备',
    address: '地址', contactPhone: '联系电话', wished: '期望时间', wishedFrom: '期望开始', wishedTo: '期望结束', provider: '服务商',
    technician: '师傅', appointment: '预约时间', checkedIn: '上门打卡', done: '完工', confirmed: '确认', details: '详情',
    nextSteps: '下一步', noSteps: '您目前无需处理此工单。', reveal: '显示号码', toCustomer: '客户', assignedHidden: '已指派',
  },
  action: {
    accept_job: '接单', decline_job: '退单', accept: '受理', dispatch: '派单', assign: '派工', book: '预约上门', check_in: '上门打卡', complete: '完工登记',
    send_acceptance_code: '发送验收码', confirm: '确认完工', follow_up: '登记回访', close: '关闭', cancel: '取消工单',
    reopen: '重新打开', redo: '返工', hold: '挂起', resume: '恢复', retry: '重试', cancelDialog: '返回',
  },
  actionHint: { send_acceptance_code: '系统将以短信向客户手机发送一次性验收码，客户满意后告知师傅。' },
  fieldHint: {
    confirm: { code: '客户收到的六位数字', overrideReason: '仅在没有验收码时填写：客户无法提供的原因' },
    complete: { confirmedSerials: '机身上的序列号，用逗号分隔' },
    check_in: { lat: '来自设备定位，或手动填写' },
    book: { overrideReason: '仅在师傅无法按时上门仍须预约时填写：原因（将记录）' },
  },
  fieldLabel: { book: { overrideReason: '强制预约原因' } },
  booking: {
    title: '师傅可按时上门的时段', none: '{{name}}未来三天没有空闲时段。', hint: '{{name}}可按时上门的时段（已考虑班次、请假、其他上门及路程）。点选即填入时间。',
    wishKept: '客户期望的时间 {{window}} 可以安排，已填入。', wishNotKept: '客户期望的时间 {{window}} 无法安排：{{reason}}',
  },
  history: {
    accept_job: '师傅接单', decline_job: '师傅退单', intake: '创建', accept: '受理', dispatch: '派单', assign: '派工', book: '预约上门', check_in: '上门打卡',
    complete: '完工', send_acceptance_code: '发送验收码', confirm: '确认完工', confirm_refused: '验收码错误', follow_up: '回访',
    close: '关闭', cancel: '取消', reopen: '重新打开', redo: '返工', hold: '挂起', resume: '恢复', other: '变更',
    correct: '更正', address_placed: '地址已定位',
  },
  change: {
    yes: '是', no: '否', metres: '{{n}} 米', minutes: '{{n}} 分钟', someoneElse: '（您无权查看）', viaToken: '{{name}}（API 令牌）', customer: '客户本人', system: '系统',
    providerId: '服务商', technicianId: '师傅', unitId: '设备', customerId: '客户', complaintOfOrderId: '投诉的工单',
    appointmentFrom: '预约开始', appointmentTo: '预约结束', wishedFrom: '期望开始', wishedTo: '期望结束', technicianAcceptedAt: '师傅接单时间',
    checkedInAt: '打卡时间', checkInLat: '打卡纬度', checkInLng: '打卡经度', checkInDistanceM: '距客户地址', checkInFar: '打卡距离过远',
    doneAt: '完工时间', symptomCode: '故障现象', causeCode: '故障原因', remedyCode: '处理措施', workNotes: '服务备注', confirmedSerials: '核对的序列号',
    confirmedAt: '确认时间', confirmedBy: '确认方式', acceptanceCodeExpiresAt: '验收码有效期至', acceptanceCodeAttempts: '验收码错误次数',
    holdReason: '挂起原因', heldAt: '挂起时间', statusBeforeHold: '挂起前状态', partsWaitMs: '等待配件时长', followUp: '回访',
    cancelReason: '取消原因', closedAt: '关闭时间', visitCount: '上门次数', address: '地址', contactPhone: '联系电话', symptom: '故障描述',
    kind: '类型', priority: '优先级', channel: '渠道', externalRef: '外部单号',
  },
  refusal: { wrong_acceptance_code: '输入的验收码错误', acceptance_code_locked: '验收码错误次数过多' },
  timeline: { title: '处理记录（{{count}} 步）', reason: '原因：{{reason}}' },
  checkIn: { usePosition: '使用当前位置', noPosition: '设备未提供位置，请手动填写。' },
  orders: { title: '工单', allStates: '全部状态', q: '工单号或电话', none: '没有符合条件的工单。', count: '共 {{count}} 个工单' },
  today: { title: '我的工单', none: '您目前没有未完成的工单。', notBooked: '尚未预约', route: '今天的上门顺序', routeNone: '今天没有安排上门。', others: '其他未完成工单', plannedAround: '预计 {{time}} 左右到达' },
  edit: {
    button: '修改', title: '更正工单 {{number}}', intro: '只改有误的内容，其余保持不变。每次更正都会记入处理记录。', save: '保存更正',
    phoneHint: '留空则保留当前号码', addressHint: '选择客户的其他地址，或手动填写', keepAddress: '保留：{{address}}',
    typeAddress: '填写新地址…', newAddress: '新地址', province: '省', city: '市', district: '区县', street: '街道门牌',
    redispatch: '如新地址不在服务商区域内，退回重新派单（清除服务商、师傅和预约）',
    reasonHint: '更正原因，记入处理记录（可选）', warnings: '更正后需要处理', saved: '更正已保存。', approximate: '估算位置',
  },
};
