// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  app: { name: '售后服务', title: '售后服务管理系统' },
  nav: {
    main: '主导航', menu: '菜单', more: '更多', skip: '跳到正文', language: '语言', signOut: '退出',
    today: '我的工单', search: '客服台', orders: '工单', dashboard: '概览', audit: '审计日志', outbox: '消息', users: '用户', returns: '退换货', returnStatistics: '退换货统计',
    atRisk: '超时风险', promises: '服务承诺', dispatch: '派工看板', training: '培训认证', network: '服务网络', evidenceRules: '完工凭证规则', priceLists: '价目表',
  },
  state: { loading: '加载中…' },
  error: {
    network: '无法连接服务器，请检查网络后重试。',
    forbidden: '无此操作权限。',
    conflict: '已被他人先行修改，请刷新后重试。',
    fixFields: '请修改标出的字段。',
    unexpected: '出错了。',
  },
  notFound: { title: '未找到', text: '这里没有内容，或您无权查看。', home: '回到首页' },
  pager: { label: '分页', previous: '上一页', next: '下一页', range: '第 {{from}}–{{to}} 条，共 {{total}} 条' },
  role: { agent: '客服', dispatcher: '派单员', technician: '师傅', provider_admin: '服务商管理员', follow_up: '回访员', manager: '经理', admin: '系统管理员' },
  status: {
    intake: '受理中', awaiting_dispatch: '待派单', dispatched: '已派单', assigned: '已派工', booked: '已预约', on_site: '已上门',
    work_done: '已完工', confirmed: '客户已确认', followed_up: '已回访', closed: '已关闭', cancelled: '已取消', on_hold: '挂起',
  },
  kind: { installation: '安装', repair: '维修', maintenance: '保养', inspection: '检测', return_exchange: '退换货', complaint: '投诉', consultation: '咨询', return: '旧机取回' },
  signature: { area: '签名区：用手指、触控笔或鼠标书写', clear: '清除签名' },
  priority: { low: '低', normal: '普通', high: '高', urgent: '紧急' },
  language: { zh: '中文', en: '英文' },
  hold: { waiting_for_customer: '等待客户', waiting_for_parts: '等待配件' },
  field: {
    choose: '请选择…', note: '备注', reason: '原因', providerId: '服务商', technicianId: '师傅', from: '开始', to: '结束', lat: '纬度', lng: '经度',
    symptomCode: '故障现象', causeCode: '故障原因', remedyCode: '处理措施', notes: '完工说明', confirmedSerials: '核对序列号', code: '验收码',
    overrideReason: '代确认原因', satisfaction: '满意度', attitude: '服务态度（1–5）', skill: '技术水平（1–5）', fixedFirstTime: '一次修好',
    repeatVisit: '师傅多次上门', comment: '评价', appointmentFrom: '预约开始', appointmentTo: '预约结束',
    checkedInAt: '打卡时间', checkInLat: '纬度', checkInLng: '经度', visitCount: '上门次数', doneAt: '完工时间', workNotes: '完工说明',
    confirmedAt: '确认时间', confirmedBy: '确认方式', acceptanceCodeExpiresAt: '验收码有效期至', acceptanceCodeAttempts: '验收码错误次数',
    holdReason: '挂起原因', heldAt: '挂起时间', statusBeforeHold: '挂起前状态', partsWaitMs: '等待配件（毫秒）', followUp: '回访',
    cancelReason: '取消原因', closedAt: '关闭时间', readings: '读数', replacement: '更换',
    contactPhone: '联系电话', symptom: '故障描述', unitId: '设备', wishedFrom: '期望开始', wishedTo: '期望结束', address: '地址', warnings: '提示',
    coordinatesApproximate: '估算位置',
  },
};
