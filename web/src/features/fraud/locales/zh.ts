// 风险信号区域的中文。每个键须与 en.ts 一一对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  fraud: {
    navQueue: '风险审核', navRules: '风险规则', navRates: '风险信号比例',
    queueTitle: '风险审核', queueIntro: '风险分达到暂扣分的工单暂不结算，直至放行或确认欺诈。', status: '状态', none: '没有工单。',
    order: '工单', provider: '服务商', score: '风险分', signals: '信号', scoredAt: '评分时间',
    reviewTitle: '审核工单', decision: '审核结论', rescore: '重新评分', history: '记录', close: '关闭',
    action: '结论', confirm: '确认欺诈（通知服务商）', release: '放行', reason: '理由', decide: '记录结论',
    rulesTitle: '风险规则', rulesIntro: '每条触发的规则把其权重计入工单风险分；达到暂扣分的工单等待审核。', holdScore: '暂扣分', holdScoreHint: '风险分达到或超过此值的工单暂扣待审。', save: '保存', enabled: '启用', weight: '权重',
    ratesTitle: '风险信号比例', ratesIntro: '每条规则在各服务商已评分工单中触发的比例，与各服务商的中位数对比。', from: '开始', to: '结束', noRates: '该期间没有评分的工单。',
    scoredCount: '已评分 {{count}} 单', rule: '规则', flagged: '触发', share: '比例', peerMedian: '同行中位数', chart: '比例与中位数', aboveMedian: '高于同行',
  },
  fraudStatus: { clear: '无需审核', held: '暂扣待审', released: '已放行', confirmed: '确认欺诈' },
  fraudAction: { score: '评分', rescore: '重新评分', release: '放行', confirm: '确认欺诈' },
  fraudRule: {
    no_check_in: '未签到即完工', check_in_far: '签到位置远离地址', check_in_outside_window: '签到不在预约时段',
    short_job: '作业时长远低于标准', photo_reused: '照片与其他工单重复', serial_mismatch: '序列号与设备不符',
    serial_on_two_customers: '同一序列号在两位客户设备上', many_orders: '同一电话/地址/设备工单过多', override_share: '验收码强制确认高于同行',
    follow_up_contradicts: '回访：未上门或未修好', repeat_visit: '无新故障的重复上门', part_not_returned: '旧件未返还',
  },
};
