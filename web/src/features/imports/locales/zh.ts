// 导入区域的中文。每个键须与 en.ts 一一对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  imports: {
    nav: '导入',
    title: '导入客户',
    intro: '从 CSV 或 XLSX 文件（例如 Aftercare 导出的文件）导入客户及其电话、地址和联系同意。先检查文件；运行前不会写入任何数据，再次运行不会产生变化。',
    step1: '1. 上传文件', chooseFile: 'CSV 或 XLSX 文件', upload: '上传',
    step2: '2. 对应列', mappingHint: '为每个字段选择文件中的列。带 * 的为必填；编号用于以后再次导入时识别客户。', field: '字段', column: '列', notMapped: '（文件中没有）', dryRun: '检查每一行（试运行）',
    step3: '3. 检查并运行', checked: '已检查 {{total}} 行：{{valid}} 行有效，{{invalid}} 行有问题', report: '有问题的行（不会导入）', row: '行', reason: '原因',
    run: '导入 {{count}} 行', progress: '进度', result: '完成：新增 {{created}}，修改 {{updated}}，{{unchanged}} 条已是最新。', seeCustomers: '查找客户',
    history: '以往的导入', file: '文件', status: '状态', rows: '行数', createdAt: '上传时间',
  },
  importStatus: { uploaded: '已上传', validating: '检查中…', validated: '已检查', running: '导入中…', done: '已完成', failed: '失败' },
  importField: {
    externalKey: '编号（客户编号）', name: '姓名', kind: '类型', tier: '等级', preferredLanguage: '语言', preferredChannel: '联系方式偏好', consentToContact: '同意联系',
    email: '电子邮件', birthday: '生日', notes: '备注', phone1: '电话', phone2: '第二个电话', phone3: '第三个电话', province: '省', city: '市', district: '区', street: '街道地址',
    postalCode: '邮编', lat: '纬度', lng: '经度',
  },
};
