// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  promise: {
    title: '服务承诺', none: '此工单不适用任何承诺标准。', policy: '标准：{{name}}', calendar: '日历：{{name}}（{{zone}}）',
    pausedSince: '计时自 {{at}} 起暂停：{{reason}}', cycle: '第 {{n}} 轮', target: '承诺时限', internalTarget: '内部目标',
    internalKept: '内部目标已达成', internalMissed: '内部目标未达成', dueAt: '截止', internalDueAt: '内部 {{at}}', metAt: '达成于',
    pauses: '挂起记录', stillPaused: '仍在挂起', hours: '{{n}} 小时', minutes: '{{n}} 分钟', left: '剩余 {{left}} 工作时间',
    pausedLeft: '已暂停，剩余 {{left}}', lateBy: '已超时 {{by}}', stopped: '已停止（工单已取消）',
    outcome: { beaten: '超额兑现，提前 {{by}}', kept: '按时兑现，余 {{by}}', broken: '违约，超时 {{by}}' },
    mark: { ok: '正常', warning: '预警', broken: '违约', beaten: '超额兑现', kept: '按时兑现', paused: '已暂停', void: '已停止' },
    milestone: { first_response: '首次响应', on_site: '上门', resolution: '解决' },
    alert: { warning: '预警', breach: '升级' },
  },
  atRisk: {
    title: '超时风险工单', intro: '已过预警点的承诺，最早截止的在前；已超时的排在最前。', none: '没有超时风险的工单。',
    count: '{{count}} 张有风险的工单', mark: '标记', nextDue: '最近截止', milestones: '各节点截止', where: '地点与类型', overdue: '已超时',
  },
  promiseReport: {
    alertText: { warning: '「{{milestone}}」承诺即将到期（{{when}}），请及时处理', breach: '「{{milestone}}」承诺已超时（{{when}}），已升级至{{role}}' },
    title: '服务承诺', sections: '服务承诺页面', from: '开始日期', to: '截止日期（不含）', milestone: '节点', allMilestones: '全部节点',
    none: '此期间没有达成的节点。', met: '达成', byProvider: '各服务商的超额兑现、按时兑现与违约', byMonth: '每月的超额兑现、按时兑现与违约',
    noProvider: '无服务商', median: '余量中位数', p90: '余量（最差一成，p90）', alerts: '预警收件箱', alertKind: '提醒类型',
    allAlerts: '全部提醒', noAlerts: '没有提醒。',
  },
  promiseSettings: {
    title: '日历与承诺标准', calendars: '工作日历', newCalendar: '新建日历', noCalendars: '还没有日历。', code: '代码',
    name: '名称', timeZone: '时区', appliesTo: '用于', default: '默认', aProvider: '某服务商', policies: '承诺标准',
    newPolicy: '新建标准', noPolicies: '还没有承诺标准。', matches: '适用工单', targets: '时限', inactive: '已停用', anyOrder: '所有工单',
    back: '← 日历与承诺标准', editCalendar: '日历 {{code}}', codeHint: '字母、数字、_ . -；创建后不可修改', nameZh: '中文名称',
    nameEn: '英文名称', timeZoneHint: 'IANA 时区名，如 Asia/Shanghai', region: '地区', regionHint: '与地址写法一致的省或市，如 广州市',
    isDefault: '默认日历（其他日历都不适用时使用）', week: '每周工作时间',
    weekHint: '如 09:00-12:00, 13:30-18:00（午休即分两段）；留空为休息。',
    weekday: { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
    closed: '休息', nationalYears: '导入以下年份的国家法定节假日与调休',
    nationalYearsHint: '如 2026, 2027；留空则不导入', saved: '已保存。', save: '保存', createCalendar: '创建日历',
    days: '节假日与调休工作日（{{count}}）', addDay: '添加日期', date: '日期', dayKind: '类型', holiday: '节假日（休息）',
    workday: '调休工作日', importNational: '导入国家法定节假日', year: '年份', noDays: '没有特殊日期。', remove: '删除',
    removeDay: '删除 {{date}}', editPolicy: '承诺标准 {{code}}', active: '启用（适用于新工单）', selectors: '适用的工单',
    selectorsHint: '留空表示不限；最具体的启用标准优先。', tier: '客户等级', category: '产品品类', calendar: '日历',
    calendarByOrder: '服务商、地区或默认日历', targetsHint: '按日历的工作小时计；内部目标更严格，供员工执行。',
    customerHours: '{{milestone}}：承诺时限（小时）', internalHours: '{{milestone}}：内部目标（小时）', alerts: '预警与升级',
    warnPercent: '预警点（已用时限的 %）', warnHint: '有内部目标时按内部目标计', beatenPercent: '超额兑现线（剩余时限的 %）',
    beatenHint: '达成时余量不少于此比例即为超额兑现', warnRole: '预警通知', escalateRole: '违约升级给', createPolicy: '创建标准',
    any: '不限',
  },
};
