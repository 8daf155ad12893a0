// Demo data for an appliance maker's after-sales department: catalogue, service network,
// 2,000 customers, 3,000 units and a year of work orders with their full history.
// Same seed, same data (ids included); dates are laid out backwards from `now`.

import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { Faker, zh_CN, en, base } from '@faker-js/faker';
import type { Database, Queryable, Tx } from '../db/database.js';
import { insertRowsSql } from '../db/json-rows.js';
import { createAccessService } from '../modules/access/index.js';
import { systemClock } from '../shared/clock.js';
import { customers, customerPhones, customerAddresses } from '../modules/customers/customers.tables.js';
import { productCategories, productModels, faultCodes } from '../modules/catalog/catalog.tables.js';
import { providers, technicians } from '../modules/network/network.tables.js';
import { units, unitSerials, unitOwnerships } from '../modules/units/units.tables.js';
import { workOrders, workOrderHistory, type AddressSnapshot } from '../modules/work-orders/work-orders.tables.js';
import { orderStatuses, type OrderKind, type OrderStatus, type Priority } from '../modules/work-orders/work-orders.rules.js';
import { humanNumber } from '../shared/ids.js';
import { createRng, type Rng } from './prng.js';
import { loadPlannableDay, loadTrainingDemo, providerExtras, technicianExtras } from './network-demo.js';
import { loadPromisesDemo } from './promises.js';
import { demoEvidenceRules } from './evidence-demo.js';
import { loadFeesDemo } from './fees-demo.js';
import { loadOldPartsDemo, loadPartsDemo } from './parts-demo.js';
import { loadQualityDemo } from './quality-demo.js';
import { loadContactsDemo } from './contacts-demo.js';
import { evidenceRules } from '../modules/evidence/evidence.tables.js';
import { loadReturnsDemo } from './returns-demo.js';
import { loadDisputesDemo } from './disputes-demo.js';
import { loadLoyaltyDemo } from './loyalty-demo.js';
import { loadAuditsDemo } from './audits-demo.js';
import { pinyinName } from './names-demo.js';
import {
  categories,
  cities,
  companyCores,
  companyTrades,
  complaintTopics,
  consultationTopics,
  estatePrefixes,
  estateSuffixes,
  faultTrees,
  mobilePrefixes,
  models,
  providerSpecs,
  roads,
  serviceSymptoms,
  symptomDetails,
  type CategoryCode,
  type City,
  type FaultNode,
} from './reference-data.js';
import { localDate, localMidnight, planSteps, simulate, type Crew, type HistoryRow, type OrderRow, type OrderSetup } from './lifecycle.js';

export const demoSize = { customers: 2000, units: 3000, workOrders: 5000 };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Work orders reach back this many local days, so all of them fall within the last 12 months. */
const ORDER_DAYS = 364;
const PURCHASE_DAYS = 1095;
/** Rows per insert statement; measured on PGlite, 1,000 loads about twice as fast as 500. */
const CHUNK = 1000;

const anythingThere = sql`select exists(select 1 from customers) or exists(select 1 from work_orders) or exists(select 1 from product_categories) or exists(select 1 from providers) as taken`;

async function taken(q: Queryable): Promise<boolean> {
  const result = await q.execute(anythingThere);
  const row = (Array.isArray(result) ? result[0] : (result as { rows: Record<string, unknown>[] }).rows[0]) as { taken: boolean };
  return row.taken;
}

/** True when the demo could load: no customers, orders, catalogue or providers yet. */
export async function isEmpty(database: Database): Promise<boolean> {
  return !(await taken(database.db));
}

export const demoSignIn =
  'Sign in as agent, dispatcher, technician, trainee, provider, provider2, followup, manager or admin, password aftercare-demo / ' +
  '演示账号：agent、dispatcher、technician、trainee、provider、provider2、followup、manager、admin，密码 aftercare-demo';

export async function loadDemo(database: Database, options: { seed: number; now?: Date }): Promise<Record<string, number>> {
  const now = options.now ?? new Date();
  const data = buildDemo(options.seed, now.getTime());
  const evidence = demoEvidenceRules(createRng(options.seed + 303), Object.fromEntries(data.categories.map((c) => [c.code, c.id])), now);
  await database.db.transaction(async (tx) => {
    // Checked again inside the transaction: two servers starting on one empty database must not both load.
    await tx.execute(sql`lock table customers, work_orders in exclusive mode`);
    if (await taken(tx)) throw new Error('Demo data goes only into an empty database / 演示数据只能载入空数据库');
    await insertAll(tx, productCategories, data.categories);
    await insertAll(tx, productModels, data.models);
    await insertAll(tx, faultCodes, data.faultCodes);
    await insertAll(tx, evidenceRules, evidence);
    await insertAll(tx, providers, data.providers);
    await insertAll(tx, technicians, data.technicians);
    await insertAll(tx, customers, data.customers);
    await insertAll(tx, customerPhones, data.phones);
    await insertAll(tx, customerAddresses, data.addresses);
    await insertAll(tx, units, data.units);
    await insertAll(tx, unitSerials, data.serials);
    await insertAll(tx, unitOwnerships, data.ownerships);
    await insertAll(tx, workOrders, data.orders);
    await insertAll(tx, workOrderHistory, data.history);
    // Orders that came with a platform reference claim it, so a resend is recognised as in real intake.
    await tx.execute(sql`insert into intake_refs (external_ref, order_id, at)
      select distinct on (external_ref) external_ref, id, created_at from work_orders where external_ref is not null
      order by external_ref, created_at desc`);
    // Intakes through the API draw numbers from these sequences; start them after ours.
    await tx.execute(sql`select setval('customer_number_seq', ${data.customers.length})`);
    await tx.execute(sql`select setval('work_order_number_seq', ${data.orders.length})`);
  });
  // One user per role, so a newcomer can sign in as each (README: "Demo users").
  const users = await createAccessService({ db: database.db, clock: systemClock }).seedDemoUsers({
    providerIds: data.providers.map((p) => p.id),
    technicianIds: data.technicians.map((t) => ({ providerId: t.providerId, technicianId: t.id })),
    everyTechnician: demoTechnicianLogins(data.providers, data.technicians),
  });
  const promiseCounts = await loadPromisesDemo(database, { now, providerIds: data.providers.map((p) => p.id) });
  const training = await loadTrainingDemo(database, createRng(options.seed + 202), now, data.technicians.map((t) => ({ id: t.id, providerId: t.providerId })), Object.fromEntries(data.categories.map((c) => [c.code, c.id])));
  const day = await loadPlannableDay(database, now, plannablePicks(data), data.providers[0].id);
  // Orders whose work was done in the last 14 days and are not closed yet are priced, as completion would have.
  const recent = data.orders.filter((o) => o.doneAt && ['work_done', 'confirmed', 'followed_up'].includes(o.status as string) && now.getTime() - (o.doneAt as Date).getTime() < 14 * DAY);
  const feeCounts = await loadFeesDemo(database, { now, categoryIds: Object.fromEntries(data.categories.map((c) => [c.code, c.id])), branchId: data.providers[0].id, orderIds: recent.map((o) => o.id as string) });
  // Return cases and a fee dispute go through their flows: refunds paid back through fees, the old unit's pickup a visit of kind `return`.
  const returnPicks = data.orders
    // A case is opened on a return order still open (done ones first, as the desk would after the visit).
    .filter((o) => o.kind === 'return_exchange' && o.unitId && !['closed', 'cancelled'].includes(o.status as string))
    .sort((a, b) => Number(!a.doneAt) - Number(!b.doneAt))
    .map((o) => ({ orderId: o.id as string, unitId: o.unitId as string, reportedOn: (o.createdAt as Date).toISOString().slice(0, 10) }));
  const returnCounts = await loadReturnsDemo(database, { now, picks: returnPicks });
  const disputeCounts = await loadDisputesDemo(database, { now, orderIds: recent.filter((o) => o.kind === 'repair').map((o) => o.id as string) });
  const partCounts = await loadPartsDemo(database, {
    now,
    categoryIds: Object.fromEntries(data.categories.map((c) => [c.code, c.id])),
    models: data.models.map((m) => ({ id: m.id, categoryId: m.categoryId })),
    providers: data.providers.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    technicians: data.technicians.map((t) => ({ id: t.id, providerId: t.providerId, name: t.name })),
  });
  const modelOfUnit = new Map(data.units.map((u) => [u.id as string, u.modelId as string]));
  const oldPartCounts = await loadOldPartsDemo(database, {
    now,
    // Repairs finished by the technician (work done, so faults the quality view counts by part) or on site, newest first.
    picks: data.orders
      .filter((o) => o.kind === 'repair' && o.unitId && o.providerId && ['work_done', 'on_site'].includes(o.status as string))
      .sort((a, b) => Number(a.status !== 'work_done') - Number(b.status !== 'work_done') || (b.createdAt as Date).getTime() - (a.createdAt as Date).getTime())
      .map((o) => ({ orderId: o.id as string, modelId: modelOfUnit.get(o.unitId as string)!, providerId: o.providerId as string })),
  });
  const qualityCounts = await loadQualityDemo(database, now);
  const contactCounts = await loadContactsDemo(database, options.seed, data.orders);
  const loyaltyCounts = await loadLoyaltyDemo(database, { seed: options.seed, now });
  const auditCounts = await loadAuditsDemo(database, { seed: options.seed, now });
  return {
    users: users.length,
    training_courses: training.courses,
    certified_technicians: training.certified,
    orders_to_plan_tomorrow: day.orders,
    product_categories: data.categories.length,
    product_models: data.models.length,
    fault_codes: data.faultCodes.length,
    evidence_rules: evidence.length,
    providers: data.providers.length,
    technicians: data.technicians.length,
    customers: data.customers.length,
    customer_phones: data.phones.length,
    customer_addresses: data.addresses.length,
    units: data.units.length,
    unit_serials: data.serials.length,
    unit_ownerships: data.ownerships.length,
    work_orders: data.orders.length,
    work_order_history: data.history.length,
    ...returnCounts,
    ...disputeCounts,
    ...promiseCounts,
    ...feeCounts,
    ...partCounts,
    ...oldPartCounts,
    ...qualityCounts,
    ...contactCounts,
    ...loyaltyCounts,
    ...auditCounts,
  };
}

/** Every technician's login: their provider's code and their number there ("js-baijia-3"), in the demo's order. */
export function demoTechnicianLogins(providerRows: { id: string; code: string }[], technicianRows: { id: string; providerId: string; name: string; nameEn?: string | null }[]) {
  const counts = new Map<string, number>();
  return technicianRows.map((t) => {
    const n = (counts.get(t.providerId) ?? 0) + 1;
    counts.set(t.providerId, n);
    const code = providerRows.find((p) => p.id === t.providerId)!.code.toLowerCase();
    return { technicianId: t.id, providerId: t.providerId, username: `${code}-${n}`, displayName: t.name, displayNameEn: t.nameEn ?? null };
  });
}

async function insertAll(tx: Tx, table: PgTable, rows: object[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.execute(insertRowsSql(table, rows.slice(i, i + CHUNK) as PgTable['$inferInsert'][]));
    // PGlite runs in this thread: let the event loop breathe between chunks.
    await new Promise((ok) => setImmediate(ok));
  }
}

type CustomerDraft = typeof customers.$inferInsert & { createdMs: number; cityIndex: number; defaultAddress: AddressSnapshot; addressList: AddressSnapshot[]; primaryPhone: string; unitIdx: number[] };
type UnitDraft = typeof units.$inferInsert & { createdMs: number; purchaseDaysAgo: number; category: CategoryCode; modelIdx: number; owner: CustomerDraft; serialList: string[] };

export function buildDemo(seed: number, nowMs: number) {
  const rng = createRng(seed);
  const zh = new Faker({ locale: [zh_CN, en, base] });
  zh.seed(seed);
  const western = new Faker({ locale: [en, base] });
  western.seed(seed + 7919);
  const today = localMidnight(nowMs);
  /** A moment on the local day `daysAgo` days before today, between the given hours. */
  const dayTime = (daysAgo: number, fromHour: number, toHour: number) => today - daysAgo * DAY + rng.int(fromHour * 60, toHour * 60 - 1) * MIN + rng.int(0, 59) * 1000;
  const usedPhones = new Set<string>();
  const mobile = () => {
    for (;;) {
      const phone = rng.pick(mobilePrefixes) + rng.digits(8);
      if (!usedPhones.has(phone)) {
        usedPhones.add(phone);
        return phone;
      }
    }
  };
  const landline = (areaCode: string) => areaCode + String(rng.int(2, 8)) + rng.digits(7);

  // Catalogue.
  const catalogSince = today - 1300 * DAY;
  const categoryRows = categories.map((c) => ({ id: rng.uuid(), code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, requiredCertification: c.requiredCertification, createdAt: new Date(catalogSince) }));
  const categoryId = (code: CategoryCode) => categoryRows[categories.findIndex((c) => c.code === code)].id;
  const modelRows = models.map((m) => ({
    id: rng.uuid(),
    categoryId: categoryId(m.category),
    code: m.code,
    nameZh: m.nameZh,
    nameEn: m.nameEn,
    wholeUnitMonths: m.wholeUnitMonths,
    mainPartsMonths: m.mainPartsMonths,
    mainParts: m.mainParts,
    dailyDepreciationRate: m.dailyDepreciationRate,
    requiredCertification: m.requiredCertification ?? null,
    standardMinutes: m.standardMinutes,
    serialPattern: m.category === 'AC' ? `${m.serialPrefix}[IO][0-9]{11}` : `${m.serialPrefix}M[0-9]{11}`,
    createdAt: new Date(catalogSince),
  }));
  const faultRows: (typeof faultCodes.$inferInsert)[] = [];
  for (const c of categories) {
    const walk = (nodes: FaultNode[], level: 0 | 1 | 2, parentId: string | null) => {
      for (const n of nodes) {
        const id = rng.uuid();
        faultRows.push({ id, categoryId: categoryId(c.code), level: (['symptom', 'cause', 'remedy'] as const)[level], code: `${c.code}-${n.code}`, parentId, nameZh: n.nameZh, nameEn: n.nameEn });
        if (n.children) walk(n.children, (level + 1) as 1 | 2, id);
      }
    };
    walk(faultTrees[c.code], 0, null);
  }

  // Service network: one own branch, one contracted company, one regional agent.
  // A stream of its own, so the network's details do not shift the rest of the demo.
  const networkRng = createRng(seed + 101);
  const providerRows = providerSpecs.map((p) => ({
    ...providerExtras(p.code, categoryRows.map((c) => c.id), today),
    id: rng.uuid(),
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    kind: p.kind,
    contactName: zh.person.fullName(),
    contactPhone: landline(p.areaCode),
    active: true,
    createdAt: new Date(today - 1250 * DAY),
  }));
  const technicianRows: (typeof technicians.$inferInsert)[] = [];
  const crews: Crew[] = providerSpecs.map((p, i) => {
    const ids: string[] = [];
    for (let k = 0; k < p.technicians; k++) {
      const id = rng.uuid();
      ids.push(id);
      const name = zh.person.fullName();
      technicianRows.push({ id, providerId: providerRows[i].id, name, nameEn: pinyinName(name), phone: mobile(), status: 'active', createdAt: new Date(today - rng.int(400, 1200) * DAY), ...technicianExtras(networkRng, p.code) });
    }
    return { providerId: providerRows[i].id, providerCode: p.code, technicianIds: ids };
  });
  const crewOf = (cityName: string) => crews[providerSpecs.findIndex((p) => p.code === cities.find((c) => c.city === cityName)!.provider)];
  const otherCrew = (crew: Crew) => rng.pick(crews.filter((c) => c !== crew));

  // Customers.
  const cityWeights = Object.fromEntries(cities.map((c, i) => [String(i), c.weight])) as Record<string, number>;
  const makeAddress = (city: City, company: boolean): AddressSnapshot => {
    const d = rng.pick(city.districts);
    const estate = rng.pick(estatePrefixes) + rng.pick(estateSuffixes);
    const street = company
      ? `${rng.pick(roads)}${rng.int(1, 999)}号${rng.pick(estatePrefixes)}大厦${rng.int(2, 28)}楼`
      : `${rng.pick(roads)}${rng.int(1, 999)}号${estate}${rng.int(1, 30)}幢${rng.int(1, 4)}单元${rng.int(1, 33)}${String(rng.int(1, 4)).padStart(2, '0')}室`;
    return { province: city.province, city: city.city, district: d.name, street, postalCode: d.postalCode, lat: round6(d.lat + (rng.next() * 2 - 1) * 0.03), lng: round6(d.lng + (rng.next() * 2 - 1) * 0.035) };
  };
  const customerDrafts: CustomerDraft[] = [];
  const phoneRows: (typeof customerPhones.$inferInsert)[] = [];
  const addressRows: (typeof customerAddresses.$inferInsert)[] = [];
  for (let i = 0; i < demoSize.customers; i++) {
    const company = rng.chance(0.04);
    const englishSpeaker = !company && rng.chance(0.03);
    const cityIndex = Number(rng.weighted(cityWeights));
    const city = cities[cityIndex];
    const name = company ? `${city.city.replace('市', '')}${rng.pick(companyCores)}${rng.pick(companyTrades)}有限公司` : englishSpeaker ? western.person.fullName() : zh.person.fullName();
    const createdDaysAgo = rng.int(2, PURCHASE_DAYS);
    const createdMs = dayTime(createdDaysAgo, 9, 21);
    const tier = company ? rng.weighted({ ordinary: 40, silver: 30, gold: 20, platinum: 10 }) : rng.weighted({ ordinary: 76, silver: 14, gold: 7, platinum: 3 });
    const birthday = !company && rng.chance(0.85) ? localDate(nowMs - (rng.int(20, 78) * 365.25 + rng.int(0, 364)) * DAY) : null;
    const email = rng.chance(company ? 0.7 : 0.25) ? `${rng.int(10_000_000, 2_999_999_999)}@qq.com` : null;
    const wanted = rng.weighted({ phone: 30, sms: 15, wechat: 50, email: 5 });
    const consent = rng.chance(0.88);
    const consentChangedAt = consent ? createdMs : createdMs + rng.int(1, createdDaysAgo - 1) * DAY;
    const id = rng.uuid();
    const primaryPhone = mobile();
    phoneRows.push({ id: rng.uuid(), customerId: id, phone: primaryPhone, label: company ? 'work' : 'mobile', isPrimary: true });
    if (rng.chance(0.3)) {
      const home = rng.chance(0.5);
      phoneRows.push({ id: rng.uuid(), customerId: id, phone: home ? landline(city.areaCode) : mobile(), label: home ? (company ? 'work' : 'home') : rng.pick(['work', 'other'] as const), isPrimary: false });
    }
    const addressList = [makeAddress(city, company)];
    if (rng.chance(0.3)) addressList.push(makeAddress(rng.chance(0.8) ? city : cities[Number(rng.weighted(cityWeights))], !company && rng.chance(0.4)));
    addressList.forEach((a, k) =>
      addressRows.push({
        id: rng.uuid(),
        customerId: id,
        label: k === 0 ? (company ? '公司' : '家') : rng.pick(['公司', '父母家', '老房子']),
        province: a.province,
        city: a.city,
        district: a.district,
        street: a.street,
        postalCode: a.postalCode,
        lat: a.lat,
        lng: a.lng,
        isDefault: k === 0,
      }),
    );
    customerDrafts.push({
      id,
      number: '',
      kind: company ? 'company' : 'person',
      name,
      tier,
      birthday,
      preferredLanguage: englishSpeaker ? 'en' : 'zh',
      preferredChannel: wanted === 'email' && !email ? 'sms' : wanted,
      consentToContact: consent,
      consentChangedAt: new Date(consentChangedAt),
      email,
      notes: rng.chance(0.05) ? rng.pick(['老客户，偏好周末上门', '家中有宠物，上门请提前电话', '公司前台签收', '需提前一天预约']) : null,
      version: 1,
      createdAt: new Date(createdMs),
      updatedAt: new Date(Math.max(createdMs, consentChangedAt)),
      createdMs,
      cityIndex,
      defaultAddress: addressList[0],
      addressList,
      primaryPhone,
      unitIdx: [],
    });
  }
  // Numbers follow registration order, as they would have been handed out.
  [...customerDrafts].sort((a, b) => a.createdMs - b.createdMs).forEach((c, i) => (c.number = `C${String(i + 1).padStart(7, '0')}`));

  // Units: most customers own one, some several, a few none yet.
  const owners = shuffled(rng, customerDrafts).slice(0, Math.round(demoSize.customers * 0.82));
  const modelWeights = Object.fromEntries(models.map((m, i) => [String(i), m.weight])) as Record<string, number>;
  const serialCounters = models.map(() => rng.int(100_000, 900_000));
  const unitDrafts: UnitDraft[] = [];
  for (let i = 0; i < demoSize.units; i++) {
    const owner = i < owners.length ? owners[i] : rng.pick(owners);
    const ownerDays = Math.round((today - localMidnight(owner.createdMs)) / DAY);
    const first = owner.unitIdx.length === 0;
    const purchaseDaysAgo = first ? ownerDays : rng.int(1, ownerDays);
    const modelIdx = Number(rng.weighted(modelWeights));
    const m = models[modelIdx];
    const online = rng.chance(0.45);
    const receivedDaysAgo = online ? Math.max(0, purchaseDaysAgo - rng.int(1, 4)) : null;
    const createdMs = Math.max(owner.createdMs + 5 * MIN, Math.min(dayTime(receivedDaysAgo ?? purchaseDaysAgo, 10, 20), nowMs - HOUR));
    const made = localDate(today - (purchaseDaysAgo + rng.int(10, 120)) * DAY);
    const batch = made.slice(2, 4) + made.slice(5, 7);
    const running = String(serialCounters[modelIdx]++).padStart(7, '0');
    const serialList = m.category === 'AC' ? [`${m.serialPrefix}I${batch}${running}`, `${m.serialPrefix}O${batch}${running}`] : [`${m.serialPrefix}M${batch}${running}`];
    const id = rng.uuid();
    owner.unitIdx.push(i);
    unitDrafts.push({
      id,
      modelId: modelRows[modelIdx].id,
      ownerId: owner.id,
      purchaseDate: localDate(today - purchaseDaysAgo * DAY),
      receivedDate: receivedDaysAgo === null ? null : localDate(today - receivedDaysAgo * DAY),
      channel: online ? 'online' : 'store',
      invoiceNumber: rng.chance(0.92) ? localDate(today - purchaseDaysAgo * DAY).slice(2, 4) + rng.digits(18) : null,
      priceFen: (Math.round((m.priceYuan * (0.85 + rng.next() * 0.2)) / 10) * 10 - 1) * 100,
      currency: 'CNY',
      installedOn: null,
      installedByTechnicianId: null,
      replacedOn: null,
      version: 1,
      createdAt: new Date(createdMs),
      updatedAt: new Date(createdMs),
      createdMs,
      purchaseDaysAgo,
      category: m.category,
      modelIdx,
      owner,
      serialList,
    });
  }

  // Work orders.
  const chainOf = (category: CategoryCode, symptomCode?: string): { chain: [string, string, string]; symptom: FaultNode } => {
    const tree = faultTrees[category];
    const symptom = symptomCode ? tree.find((s) => s.code === symptomCode)! : rng.pick(tree.filter((s) => !s.code.startsWith('S9')));
    const cause = rng.pick(symptom.children!);
    const remedy = rng.pick(cause.children!);
    return { chain: [`${category}-${symptom.code}`, `${category}-${cause.code}`, `${category}-${remedy.code}`], symptom };
  };
  const byCategory = (c: CategoryCode) => unitDrafts.filter((u) => u.category === c);
  const unitsOf = { AC: byCategory('AC'), WASHER: byCategory('WASHER'), FRIDGE: byCategory('FRIDGE'), HEATER: byCategory('HEATER') };

  type Built = { order: OrderRow; history: HistoryRow[]; createdMs: number; unit: UnitDraft | null; chain: [string, string, string] | null };
  const built: Built[] = [];
  const lastMoment = nowMs - MIN;

  const setupFor = (args: { kind: OrderKind; customer: CustomerDraft; unit: UnitDraft | null; createdMs: number; symptom: string; chain: [string, string, string] | null; complaintOf?: string }): OrderSetup => {
    const address = args.customer.addressList.length > 1 && rng.chance(0.1) ? args.customer.addressList[1] : args.customer.defaultAddress;
    const home = crewOf(address.city);
    const channel = rng.weighted({ phone: 45, wechat: 25, web: 10, app: 10, api: 5, store: 5 });
    const tierBoost = args.customer.tier === 'platinum' || args.customer.tier === 'gold';
    const priority: Priority =
      args.kind === 'complaint'
        ? rng.weighted({ normal: 15, high: 60, urgent: 25 })
        : tierBoost
          ? rng.weighted({ low: 3, normal: 57, high: 30, urgent: 10 })
          : rng.weighted({ low: 8, normal: 70, high: 17, urgent: 5 });
    const model = args.unit ? models[args.unit.modelIdx] : null;
    const standard = model?.standardMinutes[args.kind as keyof typeof model.standardMinutes] ?? 60;
    return {
      id: rng.uuid(),
      number: '',
      kind: args.kind,
      priority,
      channel,
      externalRef: channel === 'api' ? `JD${rng.digits(12)}` : null,
      customerId: args.customer.id,
      customerTier: args.customer.tier,
      contactPhone: args.customer.primaryPhone,
      address,
      unitId: args.unit?.id ?? null,
      unitSerials: args.unit?.serialList ?? [],
      complaintOfOrderId: args.complaintOf ?? null,
      symptom: args.symptom,
      faultChain: args.chain,
      standardMinutes: standard,
      createdAt: args.createdMs,
      wished: rng.chance(0.3),
      home,
      elsewhere: otherCrew(home),
      deskAgent: `agent:kf0${rng.int(10, 24)}`,
    };
  };

  /** Old orders ran their course; the clock stops each one where it would stand today. */
  const targetFor = (kind: OrderKind, createdMs: number): OrderStatus => {
    const ageDays = (nowMs - createdMs) / DAY;
    if (kind === 'consultation') return ageDays <= 1 ? rng.weighted({ intake: 40, closed: 55, cancelled: 5 }) : rng.weighted({ closed: 94, cancelled: 6 });
    return rng.weighted({ closed: 92, cancelled: 6, on_hold: ageDays <= 40 ? 1.5 : 0, followed_up: ageDays <= 20 ? 0.5 : 0 });
  };

  const run = (setup: OrderSetup, target: OrderStatus, exact: boolean, unit: UnitDraft | null) => {
    const steps = planSteps(rng, setup.kind, target);
    const seedOfOrder = rng.int(0, 2 ** 31);
    let result = simulate(setup, steps, seedOfOrder);
    if (result.lastAt > lastMoment) {
      if (exact) {
        // Moving by whole days keeps appointments in working hours.
        const days = Math.ceil((result.lastAt - lastMoment) / DAY);
        result = simulate({ ...setup, createdAt: setup.createdAt - days * DAY }, steps, seedOfOrder);
      } else {
        const done = result.history.filter((h) => (h.at as Date).getTime() <= lastMoment).length - 1;
        result = simulate(setup, steps.slice(0, Math.max(0, done)), seedOfOrder);
      }
    }
    built.push({ order: result.order, history: result.history, createdMs: (result.order.createdAt as Date).getTime(), unit, chain: setup.faultChain });
  };

  const orderTime = (daysAgo: number, ...notBefore: number[]) => {
    let t = Math.max(dayTime(daysAgo, 8, 21), ...notBefore.map((n) => n + 10 * MIN));
    if (t > lastMoment) t -= DAY;
    return t;
  };
  const kindText = (kind: OrderKind, symptom: FaultNode | null, categoryZh: string) => {
    const fault = symptom ? `${categoryZh}${symptom.nameZh} / ${symptom.nameEn}` : '';
    switch (kind) {
      case 'installation':
        return `新机安装，请预约上门 / new ${categoryZh}, please book the installation`;
      case 'maintenance':
        return `预约${categoryZh}保养清洗 / maintenance visit`;
      case 'inspection':
        return `请上门检查：${fault}`;
      case 'return_exchange':
        return `要求退换货：${fault}`;
      default:
        return `${fault}，${rng.pick(symptomDetails)}`;
    }
  };
  const categoryZh = (u: UnitDraft) => categories.find((c) => c.code === u.category)!.nameZh;

  // Installations follow the sale of units that need one, within the order window.
  for (const u of unitDrafts) {
    const startDay = u.receivedDate ? Math.round((today - Date.parse(`${u.receivedDate}T00:00:00+08:00`)) / DAY) : u.purchaseDaysAgo;
    const needsInstaller = u.category === 'AC' || u.category === 'HEATER';
    if (startDay > ORDER_DAYS || !rng.chance(needsInstaller ? 0.92 : 0.25)) continue;
    const daysAgo = Math.max(0, startDay - rng.int(0, 1));
    const createdMs = orderTime(daysAgo, u.createdMs, u.owner.createdMs);
    const { chain } = chainOf(u.category, serviceSymptoms.installation);
    const setup = setupFor({ kind: 'installation', customer: u.owner, unit: u, createdMs, symptom: kindText('installation', null, categoryZh(u)), chain });
    run(setup, targetFor('installation', createdMs), false, u);
  }

  const complaintCount = Math.round(demoSize.workOrders * 0.06);
  // A fault burst for the quality view: last month, repairs of the best-selling model jump (one trend alert).
  const burstCount = 40;
  const otherCount = demoSize.workOrders - complaintCount - burstCount;
  let forced = 0;
  const forcedTargets = orderStatuses.filter((s) => s !== 'closed');
  while (built.length < otherCount) {
    const kind = rng.weighted({ repair: 52, maintenance: 16, inspection: 8, return_exchange: 5, consultation: 14 }) as OrderKind;
    // Every status shows up at least once, whatever the seed: a few recent repairs are pinned to each.
    const pinned = forced < forcedTargets.length ? forcedTargets[forced] : null;
    if (kind === 'consultation' && !pinned) {
      const customer = rng.pick(customerDrafts);
      const unit = customer.unitIdx.length && rng.chance(0.5) ? unitDrafts[rng.pick(customer.unitIdx)] : null;
      const maxDays = Math.min(ORDER_DAYS, Math.round((today - localMidnight(unit?.createdMs ?? customer.createdMs)) / DAY));
      const createdMs = orderTime(rng.int(0, maxDays), customer.createdMs, unit?.createdMs ?? 0);
      const setup = setupFor({ kind, customer, unit, createdMs, symptom: `${rng.pick(consultationTopics)}${unit ? `（${categoryZh(unit)}）` : ''}`, chain: null });
      run(setup, targetFor(kind, createdMs), false, unit);
      continue;
    }
    const k: OrderKind = pinned ? 'repair' : kind;
    const pool = k === 'maintenance' ? unitsOf[rng.weighted({ AC: 70, HEATER: 20, WASHER: 10 })] : unitDrafts;
    const unit = rng.pick(pool);
    const minAge = { repair: 7, maintenance: 30, inspection: 1, return_exchange: 1 }[k as 'repair'] ?? 1;
    if (unit.purchaseDaysAgo < minAge + 2) continue;
    let daysAgo: number;
    if (pinned) daysAgo = rng.int(0, 2);
    else if (k === 'return_exchange') daysAgo = unit.purchaseDaysAgo - rng.int(1, 15);
    else daysAgo = rng.int(0, Math.min(ORDER_DAYS, unit.purchaseDaysAgo - minAge));
    if (daysAgo < 0 || daysAgo > ORDER_DAYS) continue;
    const createdMs = orderTime(daysAgo, unit.createdMs, unit.owner.createdMs);
    if (createdMs < unit.createdMs) continue;
    const { chain, symptom } = k === 'maintenance' ? chainOf(unit.category, serviceSymptoms.maintenance) : k === 'inspection' && rng.chance(0.5) ? chainOf(unit.category, serviceSymptoms.inspection) : chainOf(unit.category);
    const setup = setupFor({ kind: k, customer: unit.owner, unit, createdMs, symptom: kindText(k, symptom, categoryZh(unit)), chain });
    if (pinned) forced++;
    run(setup, pinned ?? targetFor(k, createdMs), pinned !== null, unit);
  }

  // Complaints point at an earlier finished job of the same customer.
  const finished = built.filter((b) => b.order.doneAt && b.order.kind !== 'consultation');
  let complaints = 0;
  while (complaints < complaintCount) {
    const target = rng.pick(finished);
    const doneMs = (target.order.doneAt as Date).getTime();
    const createdMs = doneMs + rng.int(1, 20) * DAY + rng.int(-120, 240) * MIN;
    if (createdMs > lastMoment - HOUR) continue;
    const customer = customerDrafts.find((c) => c.id === target.order.customerId)!;
    const topic = rng.pick(complaintTopics);
    const setup = setupFor({ kind: 'complaint', customer, unit: target.unit, createdMs, symptom: `投诉：${topic} / complaint about an earlier visit`, chain: target.chain, complaintOf: target.order.id });
    run(setup, targetFor('complaint', createdMs), false, target.unit);
    complaints++;
  }

  const byModel = new Map<number, UnitDraft[]>();
  for (const u of unitDrafts) if (u.purchaseDaysAgo > 70) byModel.set(u.modelIdx, [...(byModel.get(u.modelIdx) ?? []), u]);
  const burstUnits = [...byModel].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0][1];
  const thisMonth = new Date(today + 8 * HOUR).toISOString().slice(0, 7);
  const [year, month] = thisMonth.split('-').map(Number);
  const lastMonthStart = Date.parse(`${month === 1 ? year - 1 : year}-${String(month === 1 ? 12 : month - 1).padStart(2, '0')}-01T00:00:00+08:00`);
  for (let i = 0; i < burstCount; i++) {
    const unit = burstUnits[i % burstUnits.length];
    const createdMs = lastMonthStart + rng.int(0, 24) * DAY + rng.int(9 * 60, 17 * 60) * MIN;
    const { chain, symptom } = chainOf(unit.category);
    const setup = setupFor({ kind: 'repair', customer: unit.owner, unit, createdMs, symptom: kindText('repair', symptom, categoryZh(unit)), chain });
    run(setup, 'closed', false, unit);
  }

  built.sort((a, b) => a.createdMs - b.createdMs);
  built.forEach((b, i) => (b.order.number = humanNumber('WO', b.order.createdAt as Date, i + 1)));

  // Installed-on dates come from the installation jobs; older units were installed before the window.
  for (const b of built) {
    if (b.order.kind === 'installation' && b.order.doneAt && b.unit && !b.unit.installedOn) {
      b.unit.installedOn = localDate((b.order.doneAt as Date).getTime());
      b.unit.installedByTechnicianId = b.order.technicianId;
    }
  }
  const withInstallOrder = new Set(built.filter((b) => b.order.kind === 'installation').map((b) => b.unit));
  for (const u of unitDrafts) {
    if (u.installedOn || !(u.category === 'AC' || u.category === 'HEATER') || withInstallOrder.has(u)) continue;
    const installDaysAgo = u.purchaseDaysAgo - rng.int(1, 5);
    if (installDaysAgo < 1) continue;
    u.installedOn = localDate(today - installDaysAgo * DAY);
    u.installedByTechnicianId = rng.pick(crewOf(u.owner.defaultAddress.city).technicianIds);
  }

  const orders = built.map((b) => b.order);
  const history = built.flatMap((b) => b.history);
  return {
    categories: categoryRows,
    models: modelRows,
    faultCodes: faultRows,
    providers: providerRows,
    technicians: technicianRows,
    customers: customerDrafts.map(({ createdMs: _c, cityIndex: _i, defaultAddress: _d, addressList: _a, primaryPhone: _p, unitIdx: _u, ...row }) => row),
    phones: phoneRows,
    addresses: addressRows,
    units: unitDrafts.map(({ createdMs: _c, purchaseDaysAgo: _p, category: _k, modelIdx: _m, owner: _o, serialList: _s, ...row }) => row),
    serials: unitDrafts.flatMap((u) => u.serialList.map((serial) => ({ unitId: u.id, role: serial.charAt(4) === 'I' ? ('indoor' as const) : serial.charAt(4) === 'O' ? ('outdoor' as const) : ('main' as const), serial }))),
    ownerships: unitDrafts.map((u) => ({ id: rng.uuid(), unitId: u.id, customerId: u.ownerId, fromDate: u.purchaseDate, toDate: null, reason: '购买 / purchase', recordedAt: u.createdAt, recordedBy: 'demo-loader' })),
    orders,
    history,
  };
}

/** Customers of the first provider's city with an air conditioner: tomorrow's work; the first two booked with certified technicians. */
function plannablePicks(data: ReturnType<typeof buildDemo>) {
  const provider = data.providers[0];
  const city = cities.find((c) => c.provider === provider.code)!.city;
  const ac = data.categories.find((c) => c.code === 'AC')!.id;
  const acModels = new Set(data.models.filter((m) => m.categoryId === ac).map((m) => m.id));
  const inCity = new Set(data.addresses.filter((a) => a.isDefault && a.city === city && a.lat != null).map((a) => a.customerId));
  const crew = data.technicians.filter((t) => t.providerId === provider.id);
  const picks: { customerId: string; unitId: string; technicianId?: string }[] = [];
  const seen = new Set<string>();
  for (const u of data.units) {
    if (picks.length >= 24) break;
    if (!acModels.has(u.modelId) || !inCity.has(u.ownerId) || seen.has(u.ownerId)) continue;
    seen.add(u.ownerId);
    // Crew members 0 and 3 hold the AC certification (see network-demo.ts).
    picks.push({ customerId: u.ownerId, unitId: u.id, technicianId: picks.length === 0 ? crew[0].id : picks.length === 1 ? crew[3].id : undefined });
  }
  return picks;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
