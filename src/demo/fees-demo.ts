// The demo's price lists: a national charge standard and the own branch's contract, with amounts of
// the kind Chinese appliance makers publish (call-out ¥30–50, labour by category and job, remote fee
// beyond 20 km in cities and 10 km in towns at ¥2/km). Recently completed orders are then priced the
// way completion prices a new one, so the console shows fee lines from the start.
import type { Database } from '../db/database.js';
import type { Caller } from '../kernel/scopes.js';
import { createServices } from '../server/services.js';

type Labour = { categoryId: string | null; kind: 'installation' | 'repair' | 'maintenance' | 'inspection' | 'return_exchange' | 'complaint' | 'consultation'; mode: 'part_swap' | 'adjustment' | 'inspection' | 'carry_in' | 'installation' | 'relocation' | 'removal' | 'wasted_trip'; callOutFen: number; labourFen: number };

/** Yuan amounts per category: [call-out, part swap, adjustment, inspection, installation, relocation, removal]. */
const yuan: Record<string, [number, number, number, number, number, number, number]> = {
  AC: [50, 150, 80, 50, 200, 300, 100],
  WASHER: [30, 100, 60, 30, 60, 80, 40],
  FRIDGE: [40, 150, 80, 40, 50, 80, 50],
  HEATER: [30, 100, 50, 30, 120, 150, 50],
};

function labourOf(categoryIds: Record<string, string>, markupPercent: number): Labour[] {
  const fen = (y: number) => Math.round((y * (100 + markupPercent)) / 100) * 100;
  return Object.entries(yuan).flatMap(([code, [callOut, swap, adjust, inspect, install, relocate, remove]]) => {
    const categoryId = categoryIds[code];
    if (!categoryId) return [];
    const row = (kind: Labour['kind'], mode: Labour['mode'], labour: number, co = callOut): Labour => ({ categoryId, kind, mode, callOutFen: fen(co), labourFen: fen(labour) });
    return [
      row('repair', 'part_swap', swap),
      row('repair', 'adjustment', adjust),
      row('repair', 'carry_in', adjust, 0),
      row('repair', 'wasted_trip', 0),
      row('repair', 'relocation', relocate),
      row('repair', 'removal', remove),
      row('maintenance', 'adjustment', adjust),
      row('inspection', 'inspection', inspect),
      row('return_exchange', 'inspection', inspect),
      row('complaint', 'inspection', inspect),
      row('installation', 'installation', install, 0),
    ];
  });
}

const extras = [
  { code: 'pipe_m', nameZh: '加长铜管（每米）', nameEn: 'Copper pipe extension (per metre)', unit: 'metre' as const, priceFen: 6500, customerPays: true },
  { code: 'bracket', nameZh: '空调外机支架', nameEn: 'Outdoor unit bracket', unit: 'each' as const, priceFen: 12000, customerPays: true },
  { code: 'height_work', nameZh: '高空作业费', nameEn: 'Work at height', unit: 'each' as const, priceFen: 10000, customerPays: true },
  { code: 'drain_hose_m', nameZh: '排水管加长（每米）', nameEn: 'Drain hose extension (per metre)', unit: 'metre' as const, priceFen: 1000, customerPays: true },
  { code: 'refrigerant', nameZh: '加注冷媒', nameEn: 'Refrigerant top-up', unit: 'each' as const, priceFen: 18000, customerPays: false },
];

const distance = [
  { areaType: 'city' as const, freeKm: 20, ratePerKmFen: 200, maxKm: 100 },
  { areaType: 'town' as const, freeKm: 10, ratePerKmFen: 200, maxKm: 100 },
  { areaType: 'mountain' as const, freeKm: 25, ratePerKmFen: 150, maxKm: 80 },
];

const areas = [
  { province: '上海市', city: '上海市', district: '崇明区', areaType: 'town' as const },
  { province: '浙江省', city: '杭州市', district: '淳安县', areaType: 'mountain' as const },
];

export async function loadFeesDemo(database: Database, options: { now: Date; categoryIds: Record<string, string>; branchId: string; orderIds: string[] }): Promise<Record<string, number>> {
  const services = createServices(database, { now: () => options.now });
  const fees = services.fees;
  const system: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };
  const yearAgo = new Date(options.now.getTime() - 400 * 86_400_000).toISOString().slice(0, 10);
  const national = await fees.createList(system, { scope: 'national', providerId: null, nameZh: '全国服务收费标准', nameEn: 'National service charges', base: null });
  const v1 = await fees.createVersion(system, national.id, { effectiveFrom: yearAgo, content: { currency: 'CNY', labour: labourOf(options.categoryIds, 0), extras, distance, areas, defaultAreaType: 'city' }, note: '2025 版收费标准 / 2025 charges' });
  await fees.publish(system, v1.id, { version: v1.version });
  // The own branch's contract (measured from its centre in Shanghai), 10 % above the national labour.
  const contract = await fees.createList(system, { scope: 'provider', providerId: options.branchId, nameZh: '上海直营服务中心合同价', nameEn: 'Shanghai branch contract', base: { lat: 31.2304, lng: 121.4737 } });
  const c1 = await fees.createVersion(system, contract.id, { effectiveFrom: yearAgo, content: { currency: 'CNY', labour: labourOf(options.categoryIds, 10), extras, distance, areas, defaultAreaType: 'city' } });
  await fees.publish(system, c1.id, { version: c1.version });
  // A draft raising AC labour, to preview in the editor.
  await fees.createVersion(system, national.id, { effectiveFrom: new Date(options.now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10), content: { currency: 'CNY', labour: labourOf(options.categoryIds, 5), extras, distance, areas, defaultAreaType: 'city' }, note: '草稿：工时费上调 5% / draft: labour up 5 %' });
  let priced = 0;
  for (const id of options.orderIds) {
    await fees.reprice(system, id, { reason: '演示数据 / demo data' });
    priced += 1;
  }
  return { price_lists: 2, priced_orders: priced };
}
