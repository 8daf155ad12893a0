// 会员区域的中文。键与 en.ts 一一对应（test/console-i18n.test.ts 逐项比较）。
import type { en } from './en';

export const zh: typeof en = {
  loyalty: {
    title: '会员', tier: '等级', invited: '受邀', line: '专属热线', commonLine: '统一服务热线', discount: '费用折扣', freeVisits: '每年免费上门',
    value: '客户价值', valueScore: '近度 {{r}} · 频度 {{f}} · 金额 {{m}} = {{score}} / 15', top: '前 10%', notScored: '尚未评分（夜间任务为所有客户评分）。',
    history: '等级变动', noHistory: '暂无等级变动。', change: '{{from}} → {{to}}', referral: '推荐链接', makeCode: '生成推荐码', noCode: '尚无推荐码。',
  },
};
