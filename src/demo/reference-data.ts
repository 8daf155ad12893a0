// The fixed part of the demo: what an appliance maker's catalogue, fault codes, service
// network and home region look like. Only customers, units and orders are drawn at random.

import type { StandardDurations } from '../modules/catalog/catalog.tables.js';

export type CategoryCode = 'AC' | 'WASHER' | 'FRIDGE' | 'HEATER';

export const categories: { code: CategoryCode; nameZh: string; nameEn: string; requiredCertification: string | null }[] = [
  { code: 'AC', nameZh: '空调', nameEn: 'Air conditioner', requiredCertification: 'AC-INSTALL' },
  { code: 'WASHER', nameZh: '洗衣机', nameEn: 'Washing machine', requiredCertification: null },
  { code: 'FRIDGE', nameZh: '冰箱', nameEn: 'Refrigerator', requiredCertification: null },
  { code: 'HEATER', nameZh: '热水器', nameEn: 'Water heater', requiredCertification: null },
];

export type ModelSpec = {
  category: CategoryCode;
  code: string;
  nameZh: string;
  nameEn: string;
  wholeUnitMonths: number;
  mainPartsMonths: number;
  mainParts: string[];
  dailyDepreciationRate: string;
  requiredCertification?: string;
  standardMinutes: StandardDurations;
  /** Start of every serial; the rest is role letter + production yymm + a running number. */
  serialPrefix: string;
  priceYuan: number;
  /** Share of units sold, within the whole install base. */
  weight: number;
};

const acTerms = { wholeUnitMonths: 12, mainPartsMonths: 72, mainParts: ['COMPRESSOR'], dailyDepreciationRate: '0.000500' };
const acMinutes = (install: number): StandardDurations => ({ installation: install, repair: 60, maintenance: 45, inspection: 30, return_exchange: 60 });
const washerTerms = { wholeUnitMonths: 12, mainPartsMonths: 36, mainParts: ['MOTOR', 'CONTROL_BOARD'], dailyDepreciationRate: '0.000800' };
const washerMinutes: StandardDurations = { installation: 30, repair: 60, maintenance: 40, inspection: 30, return_exchange: 45 };
const fridgeTerms = { wholeUnitMonths: 12, mainPartsMonths: 36, mainParts: ['COMPRESSOR', 'CONTROL_BOARD'], dailyDepreciationRate: '0.000500' };
const fridgeMinutes: StandardDurations = { installation: 30, repair: 75, maintenance: 40, inspection: 30, return_exchange: 45 };
const heaterTerms = { wholeUnitMonths: 12, mainPartsMonths: 36, mainParts: ['TANK', 'HEATING_ELEMENT'], dailyDepreciationRate: '0.000600' };

export const models: ModelSpec[] = [
  { category: 'AC', code: 'KFR-26GW-BP', nameZh: '大1匹变频壁挂式空调', nameEn: '1 HP inverter wall-mounted AC', ...acTerms, standardMinutes: acMinutes(90), serialPrefix: 'KF26', priceYuan: 2699, weight: 14 },
  { category: 'AC', code: 'KFR-35GW-BP', nameZh: '1.5匹变频壁挂式空调', nameEn: '1.5 HP inverter wall-mounted AC', ...acTerms, standardMinutes: acMinutes(100), serialPrefix: 'KF35', priceYuan: 3299, weight: 16 },
  { category: 'AC', code: 'KFR-50LW-BP', nameZh: '2匹变频立柜式空调', nameEn: '2 HP inverter floor-standing AC', ...acTerms, standardMinutes: acMinutes(120), serialPrefix: 'KF50', priceYuan: 5999, weight: 7 },
  { category: 'AC', code: 'KFR-72LW-BP', nameZh: '3匹变频立柜式空调', nameEn: '3 HP inverter floor-standing AC', ...acTerms, standardMinutes: acMinutes(150), serialPrefix: 'KF72', priceYuan: 8499, weight: 4 },
  { category: 'WASHER', code: 'XQG100-B14', nameZh: '10公斤滚筒洗衣机', nameEn: '10 kg front-loading washer', ...washerTerms, standardMinutes: washerMinutes, serialPrefix: 'XG10', priceYuan: 2999, weight: 10 },
  { category: 'WASHER', code: 'XQB80-M21', nameZh: '8公斤波轮洗衣机', nameEn: '8 kg top-loading washer', ...washerTerms, standardMinutes: washerMinutes, serialPrefix: 'XB08', priceYuan: 1299, weight: 8 },
  { category: 'WASHER', code: 'XQG120-HB14', nameZh: '12公斤洗烘一体机', nameEn: '12 kg washer-dryer', ...washerTerms, standardMinutes: washerMinutes, serialPrefix: 'XH12', priceYuan: 4599, weight: 4 },
  { category: 'FRIDGE', code: 'BCD-218STPS', nameZh: '218升三门冰箱', nameEn: '218 L three-door refrigerator', ...fridgeTerms, standardMinutes: fridgeMinutes, serialPrefix: 'BC21', priceYuan: 1899, weight: 9 },
  { category: 'FRIDGE', code: 'BCD-470WPGX', nameZh: '470升十字对开门冰箱', nameEn: '470 L French-door refrigerator', ...fridgeTerms, standardMinutes: fridgeMinutes, serialPrefix: 'BC47', priceYuan: 4999, weight: 7 },
  { category: 'FRIDGE', code: 'BCD-630WKS', nameZh: '630升对开门冰箱', nameEn: '630 L side-by-side refrigerator', ...fridgeTerms, standardMinutes: fridgeMinutes, serialPrefix: 'BC63', priceYuan: 5499, weight: 5 },
  { category: 'HEATER', code: 'ES60H-MC5', nameZh: '60升电热水器', nameEn: '60 L electric water heater', ...heaterTerms, standardMinutes: { installation: 60, repair: 60, maintenance: 40, inspection: 30, return_exchange: 60 }, serialPrefix: 'ES60', priceYuan: 1599, weight: 9 },
  {
    category: 'HEATER',
    code: 'JSQ25-13UTS',
    nameZh: '13升燃气热水器',
    nameEn: '13 L gas water heater',
    ...heaterTerms,
    // A gas appliance needs the gas fitter's licence on top of the category's rules.
    requiredCertification: 'GAS-INSTALL',
    standardMinutes: { installation: 90, repair: 60, maintenance: 45, inspection: 30, return_exchange: 60 },
    serialPrefix: 'JS13',
    priceYuan: 2399,
    weight: 7,
  },
];

export type FaultNode = { code: string; nameZh: string; nameEn: string; children?: FaultNode[] };

/**
 * S9x symptoms are not faults but service reasons, so installation, maintenance and
 * inspection orders complete with a proper three-level code like repairs do.
 */
export const serviceSymptoms = { installation: 'S90', maintenance: 'S91', inspection: 'S92' } as const;

const node = (code: string, nameZh: string, nameEn: string, children?: FaultNode[]): FaultNode => ({ code, nameZh, nameEn, children });

export const faultTrees: Record<CategoryCode, FaultNode[]> = {
  AC: [
    node('S01', '不制冷', 'Not cooling', [
      node('S01C1', '冷媒泄漏', 'Refrigerant leak', [node('S01C1R1', '补漏并加注冷媒', 'Seal the leak and recharge'), node('S01C1R2', '更换连接管', 'Replace the connecting pipe')]),
      node('S01C2', '压缩机故障', 'Compressor failure', [node('S01C2R1', '更换压缩机', 'Replace the compressor')]),
      node('S01C3', '安装管路过长', 'Pipe run too long (installation)', [node('S01C3R1', '重新安装', 'Reinstall')]),
    ]),
    node('S02', '漏水', 'Water leaking', [
      node('S02C1', '排水管堵塞', 'Drain pipe blocked', [node('S02C1R1', '疏通排水管', 'Clear the drain pipe')]),
      node('S02C2', '内机安装倾斜', 'Indoor unit not level (installation)', [node('S02C2R1', '调整内机水平', 'Re-level the indoor unit')]),
    ]),
    node('S03', '噪音大', 'Loud noise', [
      node('S03C1', '风叶松动', 'Fan blade loose', [node('S03C1R1', '紧固风叶', 'Tighten the fan blade'), node('S03C1R2', '更换风叶', 'Replace the fan blade')]),
      node('S03C2', '外机支架松动', 'Outdoor bracket loose (installation)', [node('S03C2R1', '加固外机支架', 'Reinforce the outdoor bracket')]),
    ]),
    node('S04', '显示故障代码E1', 'Error code E1 shown', [
      node('S04C1', '温度传感器故障', 'Temperature sensor fault', [node('S04C1R1', '更换温度传感器', 'Replace the temperature sensor')]),
      node('S04C2', '主板故障', 'Control board fault', [node('S04C2R1', '更换主板', 'Replace the control board')]),
    ]),
    node('S05', '遥控失灵', 'Remote control not working', [
      node('S05C1', '遥控器电池耗尽', 'Remote batteries flat', [node('S05C1R1', '更换电池', 'Replace the batteries')]),
      node('S05C2', '接收板故障', 'Receiver board fault', [node('S05C2R1', '更换接收板', 'Replace the receiver board')]),
    ]),
    node('S90', '新机安装', 'New installation', [
      node('S90C1', '新购安装', 'New purchase', [node('S90C1R1', '标准安装', 'Standard installation'), node('S90C1R2', '标准安装（含加长管）', 'Standard installation with extra pipe')]),
      node('S90C2', '移机', 'Relocation', [node('S90C2R1', '移机安装', 'Relocate and reinstall')]),
    ]),
    node('S91', '保养清洗', 'Maintenance cleaning', [node('S91C1', '季节保养', 'Seasonal care', [node('S91C1R1', '清洗滤网与蒸发器', 'Clean the filter and evaporator')])]),
    node('S92', '检查无故障', 'Inspected, no fault', [node('S92C1', '使用或设置不当', 'Misuse or wrong settings', [node('S92C1R1', '使用指导', 'Usage guidance')])]),
  ],
  WASHER: [
    node('S01', '不脱水', 'Will not spin', [
      node('S01C1', '排水泵堵塞', 'Drain pump blocked', [node('S01C1R1', '清理排水泵', 'Clean the drain pump')]),
      node('S01C2', '门锁故障', 'Door lock fault', [node('S01C2R1', '更换门锁', 'Replace the door lock')]),
    ]),
    node('S02', '漏水', 'Water leaking', [
      node('S02C1', '进水管接头松动', 'Inlet hose joint loose', [node('S02C1R1', '紧固接头', 'Tighten the joint')]),
      node('S02C2', '门封老化', 'Door seal worn', [node('S02C2R1', '更换门封', 'Replace the door seal')]),
    ]),
    node('S03', '震动大', 'Heavy vibration', [
      node('S03C1', '运输螺栓未拆', 'Transit bolts not removed (installation)', [node('S03C1R1', '拆除运输螺栓', 'Remove the transit bolts')]),
      node('S03C2', '地面不平', 'Floor not level', [node('S03C2R1', '调整底脚', 'Adjust the feet')]),
    ]),
    node('S04', '不通电', 'No power', [node('S04C1', '电源板故障', 'Power board fault', [node('S04C1R1', '更换电源板', 'Replace the power board')])]),
    node('S90', '新机安装', 'New installation', [node('S90C1', '新购安装', 'New purchase', [node('S90C1R1', '安装调试', 'Install and test run')])]),
    node('S91', '保养清洗', 'Maintenance cleaning', [node('S91C1', '内筒污垢', 'Drum residue', [node('S91C1R1', '内筒清洗', 'Clean the drum')])]),
    node('S92', '检查无故障', 'Inspected, no fault', [node('S92C1', '使用或设置不当', 'Misuse or wrong settings', [node('S92C1R1', '使用指导', 'Usage guidance')])]),
  ],
  FRIDGE: [
    node('S01', '不制冷', 'Not cooling', [
      node('S01C1', '温控器故障', 'Thermostat fault', [node('S01C1R1', '更换温控器', 'Replace the thermostat')]),
      node('S01C2', '压缩机故障', 'Compressor failure', [node('S01C2R1', '更换压缩机', 'Replace the compressor')]),
      node('S01C3', '冷媒泄漏', 'Refrigerant leak', [node('S01C3R1', '补漏并加注冷媒', 'Seal the leak and recharge')]),
    ]),
    node('S02', '结霜严重', 'Heavy frost', [
      node('S02C1', '化霜加热器故障', 'Defrost heater fault', [node('S02C1R1', '更换化霜加热器', 'Replace the defrost heater')]),
      node('S02C2', '门封不严', 'Door seal not tight', [node('S02C2R1', '更换门封', 'Replace the door seal')]),
    ]),
    node('S03', '噪音大', 'Loud noise', [node('S03C1', '压缩机减震垫老化', 'Compressor mounts worn', [node('S03C1R1', '更换减震垫', 'Replace the mounts')])]),
    node('S04', '异味', 'Bad smell', [node('S04C1', '内部清洁不足', 'Interior not cleaned', [node('S04C1R1', '清洁除味', 'Clean and deodorise')])]),
    node('S90', '新机安装', 'New installation', [node('S90C1', '新购安装', 'New purchase', [node('S90C1R1', '摆放调试', 'Place, level and test')])]),
    node('S91', '保养清洗', 'Maintenance cleaning', [node('S91C1', '定期保养', 'Routine care', [node('S91C1R1', '清洁冷凝器', 'Clean the condenser')])]),
    node('S92', '检查无故障', 'Inspected, no fault', [node('S92C1', '使用或设置不当', 'Misuse or wrong settings', [node('S92C1R1', '使用指导', 'Usage guidance')])]),
  ],
  HEATER: [
    node('S01', '不加热', 'Not heating', [
      node('S01C1', '加热管损坏', 'Heating element broken', [node('S01C1R1', '更换加热管', 'Replace the heating element')]),
      node('S01C2', '温控器故障', 'Thermostat fault', [node('S01C2R1', '更换温控器', 'Replace the thermostat')]),
    ]),
    node('S02', '漏水', 'Water leaking', [
      node('S02C1', '内胆渗漏', 'Tank leaking', [node('S02C1R1', '更换内胆', 'Replace the tank')]),
      node('S02C2', '泄压阀失效', 'Relief valve failed', [node('S02C2R1', '更换泄压阀', 'Replace the relief valve')]),
    ]),
    node('S03', '漏电保护跳闸', 'Leakage breaker trips', [
      node('S03C1', '加热管绝缘下降', 'Element insulation degraded', [node('S03C1R1', '更换加热管', 'Replace the heating element')]),
      node('S03C2', '线路受潮', 'Damp wiring (installation)', [node('S03C2R1', '干燥并重新接线', 'Dry and rewire')]),
    ]),
    node('S04', '显示故障代码E2', 'Error code E2 shown', [node('S04C1', '温度传感器故障', 'Temperature sensor fault', [node('S04C1R1', '更换温度传感器', 'Replace the temperature sensor')])]),
    node('S90', '新机安装', 'New installation', [node('S90C1', '新购安装', 'New purchase', [node('S90C1R1', '标准安装', 'Standard installation')])]),
    node('S91', '保养清洗', 'Maintenance cleaning', [node('S91C1', '水垢沉积', 'Scale build-up', [node('S91C1R1', '除垢并更换镁棒', 'Descale and replace the anode')])]),
    node('S92', '检查无故障', 'Inspected, no fault', [node('S92C1', '使用或设置不当', 'Misuse or wrong settings', [node('S92C1R1', '使用指导', 'Usage guidance')])]),
  ],
};

export type District = { name: string; lat: number; lng: number; postalCode: string };
export type City = { province: string; city: string; areaCode: string; weight: number; provider: string; districts: District[] };

export const cities: City[] = [
  {
    province: '上海市',
    city: '上海市',
    areaCode: '021',
    weight: 35,
    provider: 'SH-BRANCH',
    districts: [
      { name: '浦东新区', lat: 31.2213, lng: 121.5447, postalCode: '200120' },
      { name: '徐汇区', lat: 31.1885, lng: 121.4365, postalCode: '200030' },
      { name: '闵行区', lat: 31.1128, lng: 121.3816, postalCode: '201100' },
      { name: '静安区', lat: 31.229, lng: 121.448, postalCode: '200040' },
      { name: '杨浦区', lat: 31.2595, lng: 121.526, postalCode: '200082' },
      { name: '宝山区', lat: 31.4055, lng: 121.4891, postalCode: '201900' },
    ],
  },
  {
    province: '浙江省',
    city: '杭州市',
    areaCode: '0571',
    weight: 20,
    provider: 'ZJ-HENGAN',
    districts: [
      { name: '西湖区', lat: 30.2595, lng: 120.1302, postalCode: '310013' },
      { name: '拱墅区', lat: 30.319, lng: 120.1416, postalCode: '310011' },
      { name: '滨江区', lat: 30.2083, lng: 120.2113, postalCode: '310051' },
      { name: '余杭区', lat: 30.419, lng: 120.3, postalCode: '311100' },
      { name: '萧山区', lat: 30.184, lng: 120.2646, postalCode: '311200' },
    ],
  },
  {
    province: '浙江省',
    city: '宁波市',
    areaCode: '0574',
    weight: 10,
    provider: 'ZJ-HENGAN',
    districts: [
      { name: '鄞州区', lat: 29.817, lng: 121.547, postalCode: '315100' },
      { name: '海曙区', lat: 29.8598, lng: 121.55, postalCode: '315000' },
      { name: '江北区', lat: 29.887, lng: 121.555, postalCode: '315020' },
    ],
  },
  {
    province: '江苏省',
    city: '南京市',
    areaCode: '025',
    weight: 20,
    provider: 'JS-BAIJIA',
    districts: [
      { name: '玄武区', lat: 32.0486, lng: 118.7978, postalCode: '210018' },
      { name: '鼓楼区', lat: 32.0663, lng: 118.7699, postalCode: '210009' },
      { name: '秦淮区', lat: 32.0339, lng: 118.7946, postalCode: '210001' },
      { name: '建邺区', lat: 32.004, lng: 118.7311, postalCode: '210019' },
      { name: '江宁区', lat: 31.9532, lng: 118.84, postalCode: '211100' },
    ],
  },
  {
    province: '江苏省',
    city: '苏州市',
    areaCode: '0512',
    weight: 15,
    provider: 'JS-BAIJIA',
    districts: [
      { name: '姑苏区', lat: 31.3116, lng: 120.617, postalCode: '215008' },
      { name: '苏州工业园区', lat: 31.317, lng: 120.723, postalCode: '215021' },
      { name: '吴中区', lat: 31.2623, lng: 120.632, postalCode: '215100' },
      { name: '虎丘区', lat: 31.296, lng: 120.566, postalCode: '215011' },
    ],
  },
];

export const providerSpecs: { code: string; name: string; nameEn: string; kind: 'branch' | 'contractor' | 'agent'; technicians: number; areaCode: string }[] = [
  { code: 'SH-BRANCH', name: '上海直营服务中心', nameEn: 'Shanghai Service Centre', kind: 'branch', technicians: 12, areaCode: '021' },
  { code: 'ZJ-HENGAN', name: '浙江恒安家电服务有限公司', nameEn: 'Zhejiang Heng’an Appliance Service Co., Ltd.', kind: 'contractor', technicians: 10, areaCode: '0571' },
  { code: 'JS-BAIJIA', name: '江苏百家家电售后服务部', nameEn: 'Jiangsu Baijia Appliance After-sales Service', kind: 'agent', technicians: 8, areaCode: '025' },
];

export const roads = [
  '人民路', '解放路', '中山路', '建设路', '和平路', '长江路', '延安路', '新华路', '青年路', '学院路',
  '湖滨路', '滨江大道', '世纪大道', '文化路', '胜利路', '东风路', '光明路', '健康路', '幸福路', '朝阳路',
  '振兴路', '迎宾大道', '工业园路', '科技路', '金山路', '银河路', '春晖路', '望江路', '桃源路', '兴业路',
];
export const estatePrefixes = ['阳光', '金色', '翠苑', '锦绣', '世纪', '东方', '和谐', '幸福', '滨江', '春江', '紫金', '梧桐', '香樟', '银杏', '湖畔', '星河', '嘉园', '明珠', '御景', '龙湖'];
export const estateSuffixes = ['花园', '家园', '新村', '小区', '名苑', '公寓', '华庭', '雅苑', '府', '新城'];
export const companyCores = ['恒泰', '鑫源', '华联', '宏达', '瑞丰', '嘉禾', '永盛', '天成', '锦程', '信达', '博远', '联创', '汇通', '德润', '新锐'];
export const companyTrades = ['酒店管理', '餐饮', '物业管理', '贸易', '科技', '教育咨询', '医疗器械', '物流', '建筑装饰', '文化传媒'];
export const mobilePrefixes = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '158', '159', '177', '180', '185', '186', '187', '188', '189', '199'];

export const symptomDetails = ['已持续两天', '昨天开始出现', '间歇性出现', '开机后约半小时出现', '家中有老人，希望尽快上门', '客户希望周末上门', '之前维修过一次'];
export const consultationTopics = ['咨询保修期限', '咨询滤网清洗方法', '咨询安装收费标准', '咨询遥控器设置', '咨询以旧换新活动', '咨询延保服务', '咨询发票开具'];
export const complaintTopics = ['师傅上门迟到', '维修后问题未解决', '师傅服务态度差', '收费与标准不符', '预约时间被多次更改'];
export const cancelReasons = ['客户自行解决 / solved by the customer', '重复报单 / duplicate request', '客户联系不上 / customer unreachable', '客户改到门店处理 / handled at the store', '客户取消 / cancelled by the customer'];
export const rebookReasons = ['客户改约时间 / customer moved the appointment', '师傅行程冲突 / technician schedule clash'];
export const reassignReasons = ['原师傅请假 / technician on leave', '就近改派 / closer technician', '需要持证师傅 / certified technician needed'];
export const redispatchReason = '超出服务范围，改派 / outside the service area, re-dispatched';
export const followUpComments = ['师傅很专业', '上门准时，态度好', '清理了现场，很满意', '等待时间有点长', '问题已解决', '希望下次能更快'];
