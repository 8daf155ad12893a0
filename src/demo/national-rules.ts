// The national demo's shape, without the database: its sizes, the places it serves and the steps
// an order takes. national-demo.ts turns these into set-based SQL.

/** The national maker at full size; a smaller run keeps these proportions to the customers. */
export const nationalFull = { customers: 1_000_000, unitsPerCustomer: 3, ordersPerCustomer: 5, customersPerProvider: 2000, techniciansPerProvider: 20 };

export type NationalSize = { customers: number; units: number; orders: number; providers: number; technicians: number };

export function nationalSize(customers: number): NationalSize {
  if (!Number.isInteger(customers) || customers < 100) throw new Error('--customers must be a whole number of at least 100 / 客户数至少为 100');
  const providers = Math.max(capitals.length, Math.round(customers / nationalFull.customersPerProvider));
  return {
    customers,
    units: customers * nationalFull.unitsPerCustomer,
    orders: customers * nationalFull.ordersPerCustomer,
    providers,
    technicians: providers * nationalFull.techniciansPerProvider,
  };
}

/** Orders reach back three years (local days before today, today excluded). */
export const orderDays = 1095;

/** One province's capital: where its customers live and its providers work. */
export type Capital = { province: string; city: string; areaCode: string; postalCode: string; lat: number; lng: number };

export const capitals: Capital[] = [
  { province: '北京市', city: '北京市', areaCode: '010', postalCode: '100000', lat: 39.9042, lng: 116.4074 },
  { province: '天津市', city: '天津市', areaCode: '022', postalCode: '300000', lat: 39.3434, lng: 117.3616 },
  { province: '上海市', city: '上海市', areaCode: '021', postalCode: '200000', lat: 31.2304, lng: 121.4737 },
  { province: '重庆市', city: '重庆市', areaCode: '023', postalCode: '400000', lat: 29.563, lng: 106.5516 },
  { province: '河北省', city: '石家庄市', areaCode: '0311', postalCode: '050000', lat: 38.0428, lng: 114.5149 },
  { province: '山西省', city: '太原市', areaCode: '0351', postalCode: '030000', lat: 37.8706, lng: 112.5489 },
  { province: '辽宁省', city: '沈阳市', areaCode: '024', postalCode: '110000', lat: 41.8057, lng: 123.4315 },
  { province: '吉林省', city: '长春市', areaCode: '0431', postalCode: '130000', lat: 43.8171, lng: 125.3235 },
  { province: '黑龙江省', city: '哈尔滨市', areaCode: '0451', postalCode: '150000', lat: 45.8038, lng: 126.535 },
  { province: '江苏省', city: '南京市', areaCode: '025', postalCode: '210000', lat: 32.0603, lng: 118.7969 },
  { province: '浙江省', city: '杭州市', areaCode: '0571', postalCode: '310000', lat: 30.2741, lng: 120.1551 },
  { province: '安徽省', city: '合肥市', areaCode: '0551', postalCode: '230000', lat: 31.8206, lng: 117.2272 },
  { province: '福建省', city: '福州市', areaCode: '0591', postalCode: '350000', lat: 26.0745, lng: 119.2965 },
  { province: '江西省', city: '南昌市', areaCode: '0791', postalCode: '330000', lat: 28.682, lng: 115.8579 },
  { province: '山东省', city: '济南市', areaCode: '0531', postalCode: '250000', lat: 36.6512, lng: 117.1201 },
  { province: '河南省', city: '郑州市', areaCode: '0371', postalCode: '450000', lat: 34.7466, lng: 113.6254 },
  { province: '湖北省', city: '武汉市', areaCode: '027', postalCode: '430000', lat: 30.5928, lng: 114.3055 },
  { province: '湖南省', city: '长沙市', areaCode: '0731', postalCode: '410000', lat: 28.2282, lng: 112.9388 },
  { province: '广东省', city: '广州市', areaCode: '020', postalCode: '510000', lat: 23.1291, lng: 113.2644 },
  { province: '海南省', city: '海口市', areaCode: '0898', postalCode: '570000', lat: 20.044, lng: 110.1999 },
  { province: '四川省', city: '成都市', areaCode: '028', postalCode: '610000', lat: 30.5728, lng: 104.0668 },
  { province: '贵州省', city: '贵阳市', areaCode: '0851', postalCode: '550000', lat: 26.647, lng: 106.6302 },
  { province: '云南省', city: '昆明市', areaCode: '0871', postalCode: '650000', lat: 25.0389, lng: 102.7183 },
  { province: '陕西省', city: '西安市', areaCode: '029', postalCode: '710000', lat: 34.3416, lng: 108.9398 },
  { province: '甘肃省', city: '兰州市', areaCode: '0931', postalCode: '730000', lat: 36.0611, lng: 103.8343 },
  { province: '青海省', city: '西宁市', areaCode: '0971', postalCode: '810000', lat: 36.6171, lng: 101.7782 },
  { province: '内蒙古自治区', city: '呼和浩特市', areaCode: '0471', postalCode: '010000', lat: 40.8414, lng: 111.7519 },
  { province: '广西壮族自治区', city: '南宁市', areaCode: '0771', postalCode: '530000', lat: 22.817, lng: 108.3665 },
  { province: '西藏自治区', city: '拉萨市', areaCode: '0891', postalCode: '850000', lat: 29.65, lng: 91.1409 },
  { province: '宁夏回族自治区', city: '银川市', areaCode: '0951', postalCode: '750000', lat: 38.4872, lng: 106.2309 },
  { province: '新疆维吾尔自治区', city: '乌鲁木齐市', areaCode: '0991', postalCode: '830000', lat: 43.8256, lng: 87.6168 },
];

/** Four districts a city: its centre, the new district, the high-tech zone and the development zone, a few km apart. */
export const districts = [
  { name: '中心城区', dLat: 0, dLng: 0 },
  { name: '新区', dLat: 0.06, dLng: 0.08 },
  { name: '高新区', dLat: -0.05, dLng: 0.05 },
  { name: '经开区', dLat: 0.04, dLng: -0.07 },
];

/** Every district of every capital, numbered from 0: the places customers are spread over. */
export function nationalPlaces() {
  return capitals.flatMap((c, cityIndex) =>
    districts.map((d, k) => ({ cityIndex, province: c.province, city: c.city, areaCode: c.areaCode, district: d.name, postalCode: c.postalCode.slice(0, 4) + String(k + 1).padStart(2, '0'), lat: c.lat + d.dLat, lng: c.lng + d.dLng })),
  ).map((p, i) => ({ i, ...p }));
}

/**
 * The steps of an order, the way staff drive it through the state machine: `hours` after intake
 * at the usual pace (an order's own pace stretches them), and who takes it. An order has taken
 * every step whose time has come; `cancel` orders are accepted and then cancelled by the desk.
 */
export type Step = { action: string; from: string; to: string; hours: number; actor: 'desk' | 'dispatcher' | 'provider' | 'technician' | 'followup' };

export const happySteps: Step[] = [
  { action: 'accept', from: 'intake', to: 'awaiting_dispatch', hours: 0.25, actor: 'desk' },
  { action: 'dispatch', from: 'awaiting_dispatch', to: 'dispatched', hours: 1.5, actor: 'dispatcher' },
  { action: 'assign', from: 'dispatched', to: 'assigned', hours: 4, actor: 'provider' },
  { action: 'book', from: 'assigned', to: 'booked', hours: 5, actor: 'technician' },
  { action: 'check_in', from: 'booked', to: 'on_site', hours: 26, actor: 'technician' },
  { action: 'complete', from: 'on_site', to: 'work_done', hours: 27.5, actor: 'technician' },
  { action: 'confirm', from: 'work_done', to: 'confirmed', hours: 30, actor: 'desk' },
  { action: 'follow_up', from: 'confirmed', to: 'followed_up', hours: 72, actor: 'followup' },
  { action: 'close', from: 'followed_up', to: 'closed', hours: 96, actor: 'followup' },
];

export const cancelSteps: Step[] = [
  { action: 'accept', from: 'intake', to: 'awaiting_dispatch', hours: 0.25, actor: 'desk' },
  { action: 'cancel', from: 'awaiting_dispatch', to: 'cancelled', hours: 3, actor: 'desk' },
];

/** The status after `taken` steps of a track. */
export const statusAfter = (steps: Step[], taken: number) => (taken === 0 ? 'intake' : steps[taken - 1].to);

/** The order's booked visit starts this long before its check-in (both stretched by the order's pace). */
export const visitLeadHours = 0.5;
