// The demo's parts: a few parts of the demo's categories with their models, a central and a
// regional warehouse, the stores of the first providers and their first technicians' vans, stock
// received at the warehouse and sent on down to the stores and vans, and one restocking request
// waiting in the queue.
import type { Database } from '../db/database.js';
import type { Caller } from '../kernel/scopes.js';
import { createServices } from '../server/services.js';

type PartSeed = { number: string; nameZh: string; nameEn: string; category: string; isMain: boolean; listFen: number; issueFen: number; serialised: boolean; returnDays: number | null; warrantyMonths: number; stock: number };

const seeds: PartSeed[] = [
  { number: 'AC-PCB-IN', nameZh: '空调室内机主板', nameEn: 'AC indoor control board', category: 'AC', isMain: false, listFen: 38000, issueFen: 21000, serialised: true, returnDays: 15, warrantyMonths: 12, stock: 12 },
  { number: 'AC-COMP-1', nameZh: '空调压缩机', nameEn: 'AC compressor', category: 'AC', isMain: true, listFen: 168000, issueFen: 98000, serialised: true, returnDays: 30, warrantyMonths: 36, stock: 4 },
  { number: 'AC-CAP-35', nameZh: '压缩机启动电容', nameEn: 'Compressor start capacitor', category: 'AC', isMain: false, listFen: 6500, issueFen: 2500, serialised: false, returnDays: null, warrantyMonths: 6, stock: 60 },
  { number: 'WM-PUMP-1', nameZh: '洗衣机排水泵', nameEn: 'Washer drain pump', category: 'WASHER', isMain: false, listFen: 9000, issueFen: 5000, serialised: false, returnDays: 15, warrantyMonths: 6, stock: 40 },
  { number: 'FR-SEAL-1', nameZh: '冰箱门封条', nameEn: 'Fridge door seal', category: 'FRIDGE', isMain: false, listFen: 12000, issueFen: 6000, serialised: false, returnDays: null, warrantyMonths: 6, stock: 30 },
];

export async function loadPartsDemo(
  database: Database,
  options: { now: Date; categoryIds: Record<string, string>; models: { id: string; categoryId: string }[]; providers: { id: string; code: string; name: string }[]; technicians: { id: string; providerId: string; name: string }[] },
): Promise<Record<string, number>> {
  const services = createServices(database, { now: () => options.now });
  const parts = services.parts;
  const system: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };
  const made = [];
  for (const s of seeds) {
    const modelIds = options.models.filter((m) => m.categoryId === options.categoryIds[s.category]).map((m) => m.id);
    const part = await parts.createPart(system, { number: s.number, nameZh: s.nameZh, nameEn: s.nameEn, modelIds, isMain: s.isMain, listFen: s.listFen, issueFen: s.issueFen, currency: 'CNY', serialised: s.serialised, returnable: s.returnDays !== null, returnDays: s.returnDays, warrantyMonths: s.warrantyMonths, active: true });
    made.push({ seed: s, part });
  }
  const central = await parts.createLocation(system, { code: 'CW-HQ', kind: 'central', nameZh: '总部中央仓', nameEn: 'Central warehouse', providerId: null, technicianId: null });
  await parts.createLocation(system, { code: 'RW-SOUTH', kind: 'regional', nameZh: '华南区域仓', nameEn: 'South China regional warehouse', providerId: null, technicianId: null });
  const serialsOf = (s: PartSeed, from: number, n: number) => (s.serialised ? Array.from({ length: n }, (_, i) => `${s.number}-${String(from + i).padStart(5, '0')}`) : []);
  for (const { seed, part } of made) await parts.receive(system, { locationId: central.id, partId: part.id, quantity: seed.stock, serials: serialsOf(seed, 1, seed.stock), reason: '供应商到货 / supplier delivery' });
  let locations = 2;
  let vans = 0;
  const sent = new Map<string, number>();
  for (const provider of options.providers.slice(0, 3)) {
    const store = await parts.createLocation(system, { code: `ST-${provider.code}`, kind: 'provider_store', nameZh: `${provider.name}配件库`, nameEn: `${provider.code} store`, providerId: provider.id, technicianId: null });
    locations += 1;
    for (const { seed, part } of made) {
      const quantity = seed.serialised ? 1 : Math.min(5, Math.floor(seed.stock / 6));
      const from = sent.get(seed.number) ?? 1;
      await parts.transfer(system, { fromLocationId: central.id, toLocationId: store.id, partId: part.id, quantity, serials: serialsOf(seed, from, quantity), reason: '网点备货 / store stock' });
      sent.set(seed.number, from + quantity);
    }
    for (const tech of options.technicians.filter((t) => t.providerId === provider.id).slice(0, 2)) {
      const van = await parts.createLocation(system, { code: `VAN-${provider.code}-${vans + 1}`, kind: 'van', nameZh: `${tech.name}车载库`, nameEn: `${tech.name}'s van`, providerId: null, technicianId: tech.id });
      locations += 1;
      vans += 1;
      for (const { seed, part } of made.filter((m) => !m.seed.serialised)) await parts.transfer(system, { fromLocationId: store.id, toLocationId: van.id, partId: part.id, quantity: 1, serials: [], reason: '随车备件 / van stock' });
    }
    // The first store asks the central warehouse for more capacitors: a request waiting in the queue.
    if (provider === options.providers[0]) await parts.createRequest(system, { partId: made[2].part.id, quantity: 10, toLocationId: store.id, note: '补货 / restock' });
  }
  return { parts: made.length, stock_locations: locations, vans };
}

type RepairPick = { orderId: string; modelId: string; providerId: string };

/**
 * Old parts owed back to the factory (旧件返厂): returnable parts used under warranty on a few repairs
 * still in a technician's hands, through the real flows (taken from the provider's store): one
 * obligation whose deadline has passed (its part was used longer ago than its return days, so it is
 * late), one packed in a box waiting to ship, one shipped and received at the central warehouse.
 */
export async function loadOldPartsDemo(database: Database, options: { now: Date; picks: RepairPick[] }): Promise<Record<string, number>> {
  const system: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };
  const today = createServices(database, { now: () => options.now });
  const returnable = (await today.parts.listParts(system, { limit: 100, offset: 0 })).items.filter((p) => p.returnable);
  const central = (await today.parts.listLocations(system, { kind: 'central' })).items[0];
  const stores = new Map((await today.parts.listLocations(system, { kind: 'provider_store' })).items.map((l) => [l.providerId, l]));
  const used: { orderId: string; returnId: string }[] = [];
  for (const pick of options.picks) {
    if (used.length >= 4) break;
    const store = stores.get(pick.providerId);
    if (!store) continue;
    for (const part of returnable.filter((p) => p.modelIds.includes(pick.modelId))) {
      const stock = (await today.parts.stock(system, { locationId: store.id, partId: part.id })).items[0];
      if (!stock || stock.available < 1) continue;
      // The first one was used longer ago than its return days: its return is late today.
      const late = used.length === 0;
      const services = late ? createServices(database, { now: () => new Date(options.now.getTime() - ((part.returnDays ?? 15) + 3) * 86400_000) }) : today;
      const serial = part.serialised ? stock.serials[0] : undefined;
      await services.parts.consume(system, pick.orderId, { lineKey: 'demo-old-part', partId: part.id, quantity: 1, locationId: store.id, serial, oldSerial: serial ? `OLD-${serial}` : undefined });
      // Out of warranty the customer pays and nothing is owed back: then the next repair.
      const owed = (await today.partReturns.list(system, { orderId: pick.orderId, limit: 10, offset: 0 })).items[0];
      if (owed) used.push({ orderId: pick.orderId, returnId: owed.id });
      break;
    }
  }
  let boxes = 0;
  if (used.length >= 2) {
    await today.partReturns.pack(system, { returnIds: [used[1].returnId], toLocationId: central.id, note: '演示：待发运 / demo: waiting to ship' });
    boxes++;
  }
  if (used.length >= 3) {
    const box = await today.partReturns.pack(system, { returnIds: [used[2].returnId], toLocationId: central.id });
    const shipped = await today.partReturns.ship(system, box.id, { version: box.version, carrier: '顺丰 SF Express', tracking: 'SF-DEMO-0001' });
    await today.partReturns.receive(system, box.id, { version: shipped.version });
    boxes++;
  }
  return { old_part_returns: used.length, old_part_boxes: boxes };
}
