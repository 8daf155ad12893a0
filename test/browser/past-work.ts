// Repairs done in an earlier month, through the real flows, for journeys that read a month's
// figures (settlement statements, quality alerts): the stage's server clock is moved back while
// each step runs, and put back after.
import type { Clock } from '../../src/shared/clock.js';
import { systemCaller } from '../harness.js';
import type { Stage } from './browser.js';

const hour = 3_600_000;

/** A server clock that can be moved to another time (its seconds keep running) and back to its own now (`offset` ms from the real one). */
export type MovableClock = Clock & { moveTo: (at: Date) => void; reset: () => void };
export function movableClock(offset = 0): MovableClock {
  let shift = offset;
  return {
    now: () => new Date(Date.now() + shift),
    moveTo: (at) => void (shift = at.getTime() - Date.now()),
    reset: () => void (shift = offset),
  };
}

/** Last month in Shanghai ('YYYY-MM') and a wall-clock time on one of its days; the month after a given one. */
export function lastMonth() {
  const now = new Date(Date.now() + 8 * hour);
  const [y, m] = now.getUTCMonth() === 0 ? [now.getUTCFullYear() - 1, 12] : [now.getUTCFullYear(), now.getUTCMonth()];
  return { period: `${y}-${String(m).padStart(2, '0')}`, at: (day: number, h: number, min = 0) => new Date(Date.UTC(y, m - 1, day, h - 8, min)) };
}
export function monthAfter(period: string) {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

async function faultChain(stage: Stage, categoryId: string) {
  const tree = (await stage.services.catalog.faultTree(systemCaller, categoryId)) as { code: string; children: { code: string; children: { code: string }[] }[] }[];
  const symptom = tree.find((x) => x.children.some((c) => c.children.length > 0))!;
  const cause = symptom.children.find((c) => c.children.length > 0)!;
  return { symptomCode: symptom.code, causeCode: cause.code, remedyCode: cause.children[0].code };
}

export type Unit = { id: string; ownerId: string; categoryId: string };

/** The demo's drain pump (returnable, for washers) and `count` washers in warranty bought before `before`, each of another customer. */
export async function washers(stage: Stage, before: string, count: number) {
  const s = stage.services;
  const pump = (await s.parts.listParts(systemCaller, { limit: 100, offset: 0 })).items.find((p) => p.number === 'WM-PUMP-1')!;
  const units: Unit[] = [];
  for (const modelId of pump.modelIds) {
    const page = await s.units.list(systemCaller, { modelId, limit: 100, offset: 0 } as never);
    for (const u of page.items) {
      if (!u.warranty.wholeUnit.inWarranty || u.purchaseDate >= before || units.some((x) => x.ownerId === u.ownerId)) continue;
      // A part swap the maker pays for then: not a unit whose 三包 answer is already an exchange (two repairs before).
      const answer = await s.units.warrantyAnswer(stage.database.db, u.id, { reportedOn: before, faultCode: 'unknown' });
      if (answer?.decision?.free) units.push(u);
    }
  }
  if (units.length < count) throw new Error(`only ${units.length} washers in warranty`);
  return { pumpId: pump.id, units: units.slice(0, count) };
}

/** The provider's store and an active technician of it. */
export async function crewOf(stage: Stage, providerId: string) {
  const s = stage.services;
  const store = (await s.parts.listLocations(systemCaller, { kind: 'provider_store' })).items.find((l) => l.providerId === providerId)!;
  const technicians = (await s.network.listTechnicians(systemCaller, { providerId, limit: 20, offset: 0 } as never)).items as { id: string; status: string }[];
  return { storeId: store.id, technicianId: technicians.find((x) => x.status === 'active')!.id };
}

export type PastRepair = {
  unit: Unit;
  /** A repair unless said. */
  kind?: 'repair' | 'inspection';
  providerId: string;
  technicianId: string;
  /** The visit's start (booked for two hours; checked in 10 minutes in, done 90 minutes later). */
  at: Date;
  /** The drain pump replaced, from the provider's store. */
  pump?: { partId: string; storeId: string };
  /** Confirmed and followed up with this answer, or only confirmed; only completed when absent. */
  followUp?: 'delighted' | 'neutral' | 'nobody_came' | 'confirmed';
};

/** A repair of the unit at `at`, through intake, dispatch, booking, check-in and completion (and on to the follow-up when asked). */
export async function pastRepair(stage: Stage, clock: MovableClock, r: PastRepair) {
  const s = stage.services.workOrders;
  const at = (minutes: number) => new Date(r.at.getTime() + minutes * 60_000);
  try {
    clock.moveTo(at(-60));
    let o = (await s.intake(systemCaller, { kind: r.kind ?? 'repair', customerId: r.unit.ownerId, unitId: r.unit.id, symptom: '不排水 / does not drain', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: r.providerId, reason: '演示 / demo' });
    o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: r.technicianId, overrideReason: '演示 / demo' });
    o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: at(0).toISOString(), to: at(120).toISOString(), overrideReason: '演示 / demo' });
    clock.moveTo(at(10));
    const where = (o as { address?: { lat?: number | null; lng?: number | null } }).address;
    o = await s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: where?.lat ?? 31.23, lng: where?.lng ?? 121.47 });
    if (r.pump) {
      await stage.services.parts.consume(systemCaller, o.id, { lineKey: 'pump', partId: r.pump.partId, quantity: 1, locationId: r.pump.storeId, oldSerial: `OLD-${o.number}` } as never);
      o = await s.get(systemCaller, o.id);
    }
    // The customer's share (a call-out fee by the demo's price list) is quoted and accepted before completion, as on site.
    const quotes = stage.services.fees.quotes;
    const quote = await quotes.create(systemCaller, o.id, { jobMode: 'adjustment', extras: [], parts: [] } as never).catch(() => null);
    if (quote) {
      await quotes.offer(systemCaller, o.id, quote.id, { sendSms: false });
      await quotes.accept(systemCaller, o.id, quote.id, { signedName: '顾客', confirmed: true } as never);
      o = await s.get(systemCaller, o.id);
    }
    clock.moveTo(at(100));
    o = await s.perform(systemCaller, o.id, 'complete', { version: o.version, ...(await faultChain(stage, r.unit.categoryId)) } as never);
    if (r.followUp) {
      o = await s.perform(systemCaller, o.id, 'send_acceptance_code', { version: o.version });
      o = await s.perform(systemCaller, o.id, 'confirm', { version: o.version, overrideReason: '客户电话确认 / confirmed by phone' } as never);
      if (r.followUp === 'confirmed') return { id: o.id, number: o.number };
      const answer =
        r.followUp === 'nobody_came'
          ? { satisfaction: 'dissatisfied', attitude: 2, skill: 2, fixedFirstTime: false, answer: 'nobody_came' }
          : { satisfaction: r.followUp, attitude: 5, skill: 5, fixedFirstTime: true };
      o = await s.perform(systemCaller, o.id, 'follow_up', { version: o.version, repeatVisit: false, ...answer } as never);
    }
    return { id: o.id, number: o.number };
  } finally {
    clock.reset();
  }
}
