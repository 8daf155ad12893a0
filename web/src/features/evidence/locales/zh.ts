// 完工凭证区域的中文。每个键都与 en.ts 一一对应（test/console-i18n.test.ts 检查）。
import type { en } from './en';

export const zh: typeof en = {
  evidence: {
    title: '完工凭证', missingTitle: '完工前还需要', complete: '所需凭证已齐全。', photos: '照片', noPhotos: '尚无照片。',
    take: '拍照：{{what}}', takeOther: '再拍一张', uploading: '正在上传…', uploaded: '照片已保存。', open: '查看{{what}}原图', flags: '异常提示',
    noFlags: '无异常。', readings: '读数', replacement: '更换', replacementNone: '未更换',
  },
  photoKind: {
    before: '施工前现场', after: '施工后现场', serial: '铭牌', serial_indoor: '室内机铭牌', serial_outdoor: '室外机铭牌',
    installed_unit: '安装完成整机', replaced_part: '更换下的旧件', invoice: '发票', site: '现场', other: '其他',
  },
  serialRole: { indoor: '室内机序列号', outdoor: '室外机序列号', main: '序列号' },
  replacementKind: { part: '更换配件', unit: '更换整机' },
  evidenceRules: {
    title: '完工凭证规则', intro: '师傅完工时须提供的凭证，按产品品类和工单类型设定。「所有品类」的规则适用于没有专属规则的品类。',
    category: '品类', anyCategory: '所有品类', kind: '工单类型', photos: '照片', serials: '须确认的序列号', readings: '读数', faultCodes: '须填故障代码',
    yes: '是', no: '否', none: '尚无规则：仅维修、检测和投诉工单须填故障代码。', add: '新增规则', edit: '修改', remove: '删除', save: '保存', back: '返回',
    newTitle: '新增完工凭证规则', editTitle: '修改完工凭证规则', readingCode: '代码', readingZh: '名称（中文）', readingEn: '名称（英文）', readingUnit: '单位',
    readingMin: '最小值', readingMax: '最大值', readingRequired: '必填', addReading: '新增读数', removeReading: '删除读数 {{code}}',
  },
};
