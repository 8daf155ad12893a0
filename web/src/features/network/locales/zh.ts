// 中文。类型与 en.ts 相同，缺一个键就无法编译。
import type { en } from './en';

export const zh: typeof en = {
  network: {
    title: '服务网络', noProviders: '还没有服务商。', provider: '服务商', kind: '类型', contact: '联系人', capacity: '容量', contract: '合同',
    until: '至 {{date}}', inactive: '已停用', kinds: { branch: '直营网点', contractor: '签约服务商', agent: '区域代理' },
    area: '服务区域：{{regions}}', technicians: '师傅（{{n}}）', noTechnicians: '还没有师傅。', name: '姓名', nameEn: '英文姓名（拼音）', nameEnHint: '英文界面显示的姓名；留空则照原样显示', status: '状态', skills: '技能（产品品类）',
    maxJobs: '每天最多上门数', statuses: { active: '在岗', suspended: '暂停', left: '已离职' }, newTechnician: '添加师傅', phone: '手机号',
    homeAddress: '出发地', officeWeek: '默认周一至周五 09:00–18:00 上班，可在师傅页面修改。', added: '已添加 {{name}}。', add: '添加师傅',
    backToProvider: '返回服务商', workingDetails: '工作信息', shifts: '每周班次', shiftStart: '{{day}}上班', shiftEnd: '{{day}}下班', saved: '已保存。', save: '保存',
    weekdays: { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' },
    absences: '请假与缺勤', noAbsences: '没有缺勤记录。', addAbsence: '登记缺勤', from: '开始', to: '结束', reason: '原因',
    certifications: '资质认证', noCertifications: '没有认证：此师傅不能接需要认证的工单。', validUntil: '有效期至 {{date}}', revoked: '已吊销', expired: '已过期',
    toTraining: '培训与考试',
  },
};
