// 计分卡的中文。每个键在 en.ts 中都有对应（test/console-i18n.test.ts 会比较）。
import type { en } from './en';

export const zh: typeof en = {
  scorecard: {
    nav: '计分卡', navMeasures: '计分卡指标',
    title: '平衡计分卡', intro: '财务、客户、内部流程、学习与成长：每项数据对照目标与阈值，十二个月趋势，以及背后的工单或人员。',
    ownTitle: '我的数据', providerTitle: '本服务商对比全网',
    month: '月份', level: '层级', key: '区域、服务商或师傅', show: '查看',
    levels: { company: '公司', region: '区域', provider: '服务商', technician: '师傅' },
    measure: '指标', value: '数值', light: '信号灯', target: '目标', trend: '趋势', median: '全网中位数', owner: '负责人', definition: '定义',
    lights: { green: '绿灯', amber: '黄灯', red: '红灯', none: '无信号' },
    noData: '无数据', notYet: '尚未记录任何一条',
    better: '较上月改善', worse: '较上月变差',
    drill: '数据明细', drillTitle: '{{measure}}，{{month}}：共 {{n}} 行', close: '关闭',
    subject: '工单或人员', provider: '服务商', technician: '师傅', region: '区域', weight: '权重',
    trendTitle: '{{measure}}逐月趋势', breakdown: '按服务商', breakdownTitle: '{{measure}}（按{{level}}）',
    export: '导出', csv: 'CSV', xlsx: 'Excel', print: '打印页',
    measuresTitle: '计分卡指标', measuresIntro: '每项指标都是数据：定义、计算所用的命名数据源、方向、目标、红黄绿阈值及负责人。',
    coverageTitle: '按产品品类的认证覆盖率', coverageIntro: '服务商承接该品类（须持证）的在岗师傅中，月末持有该认证的人数。',
    category: '品类', certification: '所需认证', certifiedOf: '持证 / 师傅', coverage: '覆盖率', noCategories: '此范围内没有须持证的品类。',
    commentsTitle: '客户评价', commentsIntro: '本月您本人工单的回访与问卷评价。', commentsIntroOther: '本月该师傅工单的回访与问卷评价。',
    noComments: '本月暂无评价。', order: '工单', when: '时间', said: '评价', scoreReason: '打分理由', satisfactionCol: '满意度', scores: '态度 / 技能', npsCol: '推荐意愿（0–10）',
    sources: { follow_up: '电话回访', survey: '问卷' },
    satisfaction: { delighted: '惊喜', satisfied: '满意', neutral: '一般', dissatisfied: '不满意' },
    source: '数据源', direction: '越…越好', higher: '高', lower: '低', green: '绿灯线', red: '红灯线', active: '显示', save: '保存', saved: '已保存',
  },
};
