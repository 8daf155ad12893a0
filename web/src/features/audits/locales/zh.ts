// 服务规范检查模块的中文。每个键都与 en.ts 对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  audits: {
    nav: '服务规范检查', navActions: '整改项', navTemplates: '检查表',
    title: '服务规范检查', intro: '按服务规范检查：现场检查、神秘顾客、回访推导与自评；百分制，70 分合格，80 / 90 / 95 分分别为三、四、五星。',
    perform: '检查一次上门', performTitle: '检查一次上门', template: '检查表', kind: '方式', orderId: '工单编号（ID）', orderIdHint: '被检查的上门服务：服务商和师傅取自该工单。', providerId: '服务商 ID（无工单时）',
    note: '备注', send: '提交检查', points: '{{n}} 分', critical: '红线', measured: '测量值（目标 {{target}} ± {{tolerance}} {{unit}}）',
    takePhoto: '拍照', photoTaken: '已拍照 ✓', photoUploading: '上传中…',
    result: '结果', scoreOf: '{{score}} 分', passed: '合格', failed: '不合格', stars: '{{n}} 星', actionsOpened: '已生成整改项', again: '再检查一次',
    scores: '月度得分', level: '查看', byProvider: '按服务商', byTechnician: '按师傅', noScores: '尚无检查得分。',
    provider: '服务商', technician: '师傅', month: '月份', count: '检查次数', average: '平均分', starsHead: '星级', failedCount: '不合格',
    list: '检查记录', none: '尚无检查记录。', auditedAt: '时间', score: '得分',
    settings: '检查得分用于派单', dispatchWeight: '派单排序权重', dispatchWeightHint: '0 表示不用；0.5 时，得 60 分的服务商比得 100 分的按多占用 20% 产能排序。', standingDays: '取最近多少天的检查', save: '保存',
    actionsTitle: '整改项', actionsIntro: '每个不合格检查项生成一条整改项。服务商提交整改情况，总部验证关闭或退回。',
    status: '状态', any: '全部', overdueOnly: '仅看逾期', noActions: '暂无整改项。', overdue: '已逾期', dueAt: '{{when}} 前完成', correctionWas: '整改情况：{{text}}', history: '处理记录',
    submitCorrection: '提交整改', correction: '整改了什么', verify: '验证通过', verifyNote: '备注（退回时说明原因）', reject: '退回',
    templatesTitle: '检查表', templatesIntro: '分区与检查项，含分值和证据类型。已使用的检查表不会被修改：保存即生成新版本。',
    editTemplate: '编辑检查表', usedHint: '已有检查使用此版本：保存将生成新版本。', nameZh: '名称（中文）', nameEn: '名称（英文）', totalPoints: '共 {{n}} 分',
    itemCode: '编码', textZh: '检查项（中文）', textEn: '检查项（英文）', weight: '分值', evidence: '证据', addItem: '添加检查项', saveVersion: '保存为新版本',
    newTemplate: '新建检查表', newTemplateHint: '以上方所选检查表为副本开始。', code: '编码', create: '创建',
  },
  auditKind: { on_site: '现场检查', mystery_shopper: '神秘顾客', follow_up: '回访推导', self_assessment: '自评' },
  auditResult: { pass: '合格', fail: '不合格', na: '不适用' },
  auditEvidence: { pass_fail: '合格 / 不合格', measured: '测量值', photo: '照片' },
  actionStatus: { open: '待整改', submitted: '待验证', verified: '已验证' },
  actionStep: { opened: '生成', submit: '提交整改', verify: '验证通过', reject: '退回', overdue: '逾期' },
};
