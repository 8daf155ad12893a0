// 日历订阅区域的中文。每个键须与 en.ts 一一对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  calendarFeed: {
    title: '日历订阅', intro: '把已预约的上门以日历形式提供，手机或电脑均可订阅。持有链接者都能看到上门安排：请妥善保管，泄露时请撤销。',
    link: '订阅地址', copy: '复制', make: '生成日历链接', replace: '生成新链接（旧链接失效）', revoke: '撤销链接', active: '自 {{since}} 起有一个链接在用。',
  },
};
