// 会员区域的中文。键与 en.ts 一一对应（test/console-i18n.test.ts 逐项比较）。
import type { en } from './en';

export const zh: typeof en = {
  loyalty: {
    title: '会员', tier: '等级', invited: '受邀', line: '专属热线', commonLine: '统一服务热线', discount: '费用折扣', freeVisits: '每年免费上门',
    value: '客户价值', valueScore: '近度 {{r}} · 频度 {{f}} · 金额 {{m}} = {{score}} / 15', top: '前 10%', notScored: '尚未评分（夜间任务为所有客户评分）。',
    history: '等级变动', noHistory: '暂无等级变动。', change: '{{from}} → {{to}}', referral: '推荐链接', makeCode: '生成推荐码', noCode: '尚无推荐码。',
    valueFacts: '购买 {{purchases}} 次 · 最近一次 {{days}} 天前 · 评分日 {{on}}', by: '操作人 {{by}}',
    invite: '邀请入级', inviteTier: '等级（仅限邀请）', inviteReason: '原因', inviteSubmit: '邀请', noInvitationTier: '没有仅限邀请的等级。',
    nav: '会员', pageTitle: '会员：等级与推荐',
    policy: '客户获得其全部门槛（消费、拥有设备台数、入会月数、已获奖励的推荐人数）均满足的最高等级；夜间任务达标即升级，降级须经 90 天保级期、每晚只降一级。仅限邀请的等级在客户页手工授予，撤回前一直保留。每次变动均记录原因。',
    rules: '等级规则与权益', earned: '获得条件', entitlements: '权益', updated: '修改', edit: '修改', noRule: '无规则：不可获得',
    invitationOnly: '仅限邀请', thresholds: '消费 ≥ {{spend}} · 设备 ≥ {{units}} 台 · 入会 {{months}} 个月 · 推荐 {{referrals}} 人',
    gives: '费用 {{discount}}% 折扣 · 每年免费上门 {{visits}} 次 · {{line}} · 派工权重 {{bonus}}', byRank: '按等级',
    editTier: '修改{{tier}}', saved: '{{tier}}已保存。', minSpend: '消费至少（元）', minUnits: '拥有设备至少（台）', minTenure: '入会至少（月）', minReferrals: '推荐奖励至少（人）',
    discountPercent: '费用折扣（%）', plannerBonus: '派工权重', plannerBonusHint: '留空：按等级高低。', lineHint: '留空：统一服务热线。', save: '保存规则',
    referrals: '推荐', noReferrals: '暂无推荐。', code: '推荐码', referrer: '推荐人', friend: '好友', status: '状态', reward: '奖励', reason: '原因',
    referralStatus: { attributed: '待购买', rewarded: '已奖励', not_rewarded: '未奖励', reversed: '已收回' }, purchase: '购买 {{amount}}',
    myTitle: '会员与推荐', myTier: '您的等级：{{tier}}', myLine: '专属热线 {{line}}', myDiscount: '服务费 {{discount}}% 折扣',
    shareIntro: '把链接分享给朋友：您推荐的朋友购买后，您将获得奖励。', myCode: '您的推荐码', myLink: '您的推荐链接', copy: '复制链接', copied: '已复制。', makeMyCode: '获取我的推荐链接',
  },
  leads: {
    nav: '销售线索', title: '销售线索', intro: '来自服务的线索：回访时表达的购买意向、过保旧机、以旧换新。销售跟进时逐条更新状态。',
    list: '线索', filter: '状态', all: '全部', none: '暂无线索。', history: '变动', move: '更新状态', newStatus: '新状态', note: '备注',
    status: { new: '新线索', contacted: '已联系', won: '已成交', lost: '已流失' },
    source: { follow_up_interest: '回访意向', out_of_warranty: '过保旧机', trade_in: '以旧换新' },
  },
};
