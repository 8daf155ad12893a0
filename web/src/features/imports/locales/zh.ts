// 导入区域的中文。每个键须与 en.ts 一一对应（test/console-i18n.test.ts 比对）。
import type { en } from './en';

export const zh: typeof en = {
  imports: {
    nav: '导入',
    title: '导入数据',
    intro: '从 CSV 或 XLSX 文件（例如 Aftercare 导出的文件）导入客户（电话、地址、联系同意）、设备（序列号、型号、机主、购买信息）、历史工单（含各节点时间；不会触发任何实时流程）、配件（目录，按配件编号）或价目表（每行一个价格；导入为草稿，预览后发布）。请先导入客户，再导入其设备，最后导入工单。先检查文件；运行前不会写入任何数据，再次运行不会产生变化。',
    step1: '1. 上传文件', what: '文件内容', entity: '内容', chooseFile: 'CSV 或 XLSX 文件', upload: '上传',
    step2: '2. 对应列', mappingHint: '为每个字段选择文件中的列。带 * 的为必填；编号用于以后再次导入时识别客户。', field: '字段', column: '列', notMapped: '（文件中没有）', dryRun: '检查每一行（试运行）',
    step3: '3. 检查并运行', checked: '已检查 {{total}} 行：{{valid}} 行有效，{{invalid}} 行有问题', report: '有问题的行（不会导入）', row: '行', reason: '原因',
    run: '导入 {{count}} 行', progress: '进度', result: '完成：新增 {{created}}，修改 {{updated}}，{{unchanged}} 条已是最新。', seeCustomers: '查找客户', seeUnits: '查找设备（按序列号搜索）', seeOrders: '查找工单', seeParts: '查看配件目录', seePrices: '查看价目表（发布草稿）',
    history: '以往的导入', file: '文件', status: '状态', rows: '行数', createdAt: '上传时间',
  },
  importStatus: { uploaded: '已上传', validating: '检查中…', validated: '已检查', running: '导入中…', done: '已完成', failed: '失败' },
  importEntity: { customers: '客户', units: '设备', orders: '历史工单', parts: '配件', prices: '价目表' },
  importPartField: {
    number: '配件编号（唯一）', nameZh: '中文名称', nameEn: '英文名称', listFen: '零售价（分）', issueFen: '结算价（分；为空时同零售价）', currency: '币种',
    isMain: '主要部件', serialised: '序列号管理', returnable: '旧件返厂', returnDays: '返厂天数', warrantyMonths: '保修月数', active: '启用',
    modelCodes: '适用型号（编码，以 ; 分隔）',
  },
  importPriceField: {
    externalKey: '编号', providerCode: '服务商编码（为空：全国价目表）', effectiveFrom: '生效日期', section: '类别（labour、extra、distance、area）',
    categoryCode: '产品品类编码（为空：任意品类）', kind: '工单类型', mode: '作业方式', callOutFen: '上门费（分）', labourFen: '工时费（分）', code: '附加项目代码',
    nameZh: '附加项目中文名称', nameEn: '附加项目英文名称', unit: '单位（each、metre）', priceFen: '单价（分）', customerPays: '客户承担', areaType: '区域类型（city、town、mountain）',
    freeKm: '免费公里', ratePerKmFen: '每公里（分）', maxKm: '最远公里', province: '省', city: '市', district: '区',
  },
  importOrderField: {
    externalKey: '编号（工单号）', kind: '类型', status: '状态', priority: '优先级', channel: '渠道', customerKey: '客户（编号或客户号）', unitKey: '设备（编号或 ID）',
    symptom: '故障描述', providerCode: '服务商编码', technicianPhone: '师傅电话', createdAt: '创建时间', appointmentFrom: '预约上门开始', appointmentTo: '预约上门结束',
    checkedInAt: '上门时间', doneAt: '完工时间', confirmedAt: '确认时间', closedAt: '关闭时间',
  },
  importUnitField: {
    externalKey: '编号（设备编号）', modelCode: '型号', ownerKey: '机主（客户编号或客户号）', mainSerial: '序列号', mainSerialRole: '序列号位置（main、indoor、outdoor）',
    otherSerials: '其他序列号（位置:序列号）', purchaseDate: '购买日期', receivedDate: '签收日期', channel: '渠道（store、online）', invoiceNumber: '发票号',
    priceFen: '价格（分）', installedOn: '安装日期',
  },
  importField: {
    externalKey: '编号（客户编号）', name: '姓名', kind: '类型', tier: '等级', preferredLanguage: '语言', preferredChannel: '联系方式偏好', consentToContact: '同意联系',
    email: '电子邮件', birthday: '生日', notes: '备注', phone1: '电话', phone2: '第二个电话', phone3: '第三个电话', province: '省', city: '市', district: '区', street: '街道地址',
    postalCode: '邮编', lat: '纬度', lng: '经度',
  },
};
