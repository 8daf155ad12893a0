// 客户关怀的中文文案；与 en.ts 逐键对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  care: {
    nav: '关怀活动', title: '客户关怀活动', intro: '在合适的时机联系用户——保修到期、生日、换季、召回——遵守授权、免打扰时段与频次上限，每次只发一次。',
    list: '活动列表', none: '暂无活动。', name: '名称', trigger: '触发条件', purpose: '用途', status: '状态', created: '创建时间',
    builder: '新建活动', days: '天数', part: '保修范围', partUnit: '整机', partMain: '主要部件', month: '月', dayOfMonth: '日', holiday: '节日',
    models: '型号编码', batch: '批次（序列号前缀）', silentMonths: '沉默月数', audience: '目标人群', tiers: '会员等级', provinces: '省份', categories: '品类', listHint: '以逗号分隔；留空表示全部',
    templateZh: '消息（中文）', templateEn: '消息（英文）', variables: '变量：{name} {model} {warrantyEnd} {days} {holiday} {link}', preview: '预览', channels: '渠道（按顺序）', linkUrl: '优惠链接', create: '创建（草稿）',
    activate: '启用', pause: '暂停', dryRun: '试运行', runDay: '日期', send: '立即发送', sentResult: '选中 {{selected}}，发送 {{enqueued}}，跳过 {{skipped}}，已发过 {{duplicates}}。',
    count: '将有 {{count}} 人收到', sample: '样例', customer: '客户', model: '型号', warrantyEnd: '保修到期', message: '消息',
    report: '活动报告', selected: '选中', enqueued: '已发送', skipped: '跳过（授权、频次、无渠道）', delivered: '已送达', failed: '失败', clicked: '点击', converted: '转化',
    consentTitle: '联系授权', channel: '渠道', implicit: '无记录：服务通知按总体授权；不发营销', evidence: '凭证', evidenceHint: '签署表单编号、通话录音、页面与时间', saveConsent: '记录变更', consentHistory: '历史', granted: '同意', refused: '拒绝',
    myMessages: '我的消息', noMessages: '暂无消息。', markRead: '标为已读', myConsents: '接收哪些消息',
  },
  careTrigger: { after_install: '安装后回访', warranty_end: '保修到期提醒', seasonal: '季节保养', birthday: '生日祝福', holiday: '节日问候', anniversary: '购买周年', recall: '改进/召回通知', win_back: '沉睡客户唤回', monthly: '每月关怀' },
  carePurpose: { service: '服务', marketing: '营销', survey: '调查' },
  careStatus: { draft: '草稿', active: '进行中', paused: '已暂停', archived: '已归档' },
  careChannel: { sms: '短信', email: '电子邮件', wechat: '微信', inbox: '门户消息' },
  careHoliday: { new_year: '元旦', spring_festival: '春节', lantern: '元宵节', dragon_boat: '端午节', mid_autumn: '中秋节', double_ninth: '重阳节', national_day: '国庆节' },
  careSource: { console: '客服台', portal: '门户', sms_reply: '短信回复', unsubscribe_link: '退订链接', import: '导入', registration: '注册' },
};
