// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  board: {
    title: '派工看板', awaitingDispatch: '待派单', awaitingAssignment: '待派师傅', noProviders: '没有在用的服务商。',
    provider: '服务商', date: '日期', today: '今天', tomorrow: '明天', dayOf: '{{date}} 的安排', current: '当前安排',
    summary: '当天 {{orders}} 张工单，已排 {{visits}} 次上门，{{technicians}} 位师傅在班', planApplied: '已执行排线计划',
    noTechnicians: '该服务商没有在岗师傅。', legend: '师傅', off: '不在班', visitCount: '{{count}} 次上门',
    unassigned: '尚未排线', timelineOf: '时间轴：{{title}}', visitLabel: '{{n}}. 工单 {{number}}，{{from}}–{{to}}，之前路程 {{travel}} 分钟',
    timelineKey: '色块为上门（数字为当天顺序）；斜线：路程；下方细线：已约时间（实线）或客户期望时间（虚线）；浅色底：班次。',
    plotOf: '{{title}}的路线图：{{visits}} 次上门，{{unassigned}} 张工单尚未排线', plotKey: '方块：师傅住址；带数字的圆点：按顺序的上门；菱形：尚未排线的工单。上北下南，无底图。', approximateKey: '虚线圈：估算位置，并非门牌位置。',
    nothingToPlot: '没有带坐标的地点可画。', waiting: '{{count}} 张工单尚未排线',
    noneWaiting: '当天每张工单都已排上。', appointment: '已约', wish: '期望', anyTime: '不限时间',
  },
  plan: {
    make: '排当天的线', planning: '正在优化排线，下面是目前最好的计划……', title: '{{date}} 的排线计划',
    status: { planning: '排线中', preview: '预览', applied: '已执行', superseded: '已被替代', failed: '失败' }, planned: '排上的工单', technicians: '用到的师傅', travel: '路程时间',
    distance: '路程', minutes: '{{n}} 分钟', km: '{{n}} 公里', apply: '执行此计划', discard: '放弃', again: '重新排线',
    staleTitle: '预览之后当天有变化。',
    staleText: '{{count}} 张工单有变化，什么都没有执行。请重新排线，看当前的情况。',
    changes: '变化：{{count}} 张工单派给师傅', noChanges: '没有工单换人。',
    from: '现在', to: '计划中', when: '上门', nobody: '未指派', previewTitle: '计划（预览）', onTheBoard: '按师傅看计划',
    unplanned: '{{count}} 张工单排不上', allPlanned: '当天所有工单都在计划里。',
    approximate: '{{count}} 张工单按估算位置排线，路程时间仅供参考',
    stop: '停止，保留目前最好的计划', stopping: '正在停止：优化器正交出目前最好的计划……',
    elapsed: '已用 {{elapsed}} 秒，最长 {{limit}} 秒', bestSoFar: '目前最好的计划',
    failed: '优化器没能完成这次排线，请重新排线。',
    promises: '服务承诺：守住 {{kept}} 个，违约 {{broken}} 个', promiseDue: '承诺 {{time}} 前上门',
    promise: { kept: '守住，提前 {{n}} 分钟', broken: '违约，迟到 {{n}} 分钟', unplanned: '违约：未排入计划' },
    appliedNote: '计划已执行：{{date}} 共 {{planned}} 次上门；每张换人的工单都有历史记录。',
  },
  suggest: {
    title: '推荐师傅', date: '日期', intro: '按这张工单给每位师傅当天增加的路程排序，并保证客户期望时间；不能接的师傅注明原因。',
    none: '当天没有师傅能接这张工单。', rank: '排名', technician: '师傅', travel: '增加路程', arrival: '开始', window: '时间窗',
    load: '当天上门', skills: '技能与认证', assign: '指派', assignTo: '指派给{{name}}', addedMinutes: '+{{n}} 分钟', position: '（第 {{n}} 站）',
    fit: { inside_wish: '在期望时间内', no_wish: '客户未指定时间' }, visits: '{{count}} 次', qualified: '符合',
    excluded: '{{count}} 位不能接', reason: '系统推荐第 {{rank}} 名（路程 +{{minutes}} 分钟）/ Suggested technician #{{rank}}',
  },
  choose: {
    provider: '服务商', automatic: '自动派单之选', automaticIs: '自动派单会派给 {{name}}；选择其他服务商需填写原因。',
    noAutomatic: '没有服务商可自动承接，原因见各项。', load: '负荷 {{open}}/{{capacity}}（{{percent}}%）', certified: '持证师傅 {{count}} 名', auditScore: '检查得分 {{score}}',
    technician: '师傅', suggested: '系统推荐', rankedFor: '按 {{date}} 当天为各师傅增加的路程排序。', notRanked: '未按路程排序：{{why}}',
    travel: '路程 +{{n}} 分钟', visits: '当天 {{count}} 单', cannot: '不能承接', overridable: '调度可填写原因强制派工',
  },
};
