import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { serialChangesOf } from '../units/index.js';
import type { OrderKind } from '../work-orders/work-orders.rules.js';

// A completion that records a replaced part or unit writes the new serials on the unit (with a
// history row), so the next order confirming them passes the serial check.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let tech: Record<string, string>;
const codes = { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' };

async function onSite(kind: OrderKind, day: string) {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind, customerId: w.customer.id, unitId: w.unit.id, symptom: '外机不制冷 / outdoor unit fails', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `${day}T06:00:00Z`, to: `${day}T08:00:00Z` });
  clock.set(new Date(`${day}T06:30:00Z`));
  return (await t.post(`/work-orders/${o.id}/check-in`, { version: o.version, lat: 23.13, lng: 113.32 }, tech)).body;
}
const complete = (o: { id: string; version: number }, body: Record<string, unknown>) => t.post(`/work-orders/${o.id}/complete`, { version: o.version, ...body }, tech);
const serialsOfUnit = async () => Object.fromEntries(((await t.get(`/units/${w.unit.id}`)).body.serials as { role: string; serial: string }[]).map((s) => [s.role, s.serial]));

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  tech = (await tokenFor(t.services, 'technician', 'serials-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const manager = (await tokenFor(t.services, 'manager', 'serials-manager')).headers;
  // Repairs of this category confirm both plates, indoor first.
  expect((await t.post('/evidence-rules', { categoryId: w.category.id, kind: 'repair', serials: ['indoor', 'outdoor'], faultCodes: true }, manager)).status).toBe(201);
});
afterAll(() => t.close());

describe(`replaced parts and units on the unit's serials, on ${engine}`, () => {
  it('a part replacement writes the new outdoor serial with a history row; the next order confirming it passes, the old one no longer does', async () => {
    const { indoor, outdoor } = await serialsOfUnit();
    const first = await onSite('repair', '2026-06-01');
    const refused = await complete(first, { ...codes, confirmedSerials: [indoor, 'OUTNEW-2026-0001'] });
    expect(refused.body.error).toMatchObject({ code: 'serial_mismatch' });
    expect(await serialsOfUnit()).toEqual({ indoor, outdoor });
    expect((await complete(first, { ...codes, confirmedSerials: [indoor, 'OUTNEW-2026-0001'], replacement: 'part' })).status).toBe(200);
    expect(await serialsOfUnit()).toEqual({ indoor, outdoor: 'OUTNEW-2026-0001' });
    expect(await serialChangesOf(t.database.db, w.unit.id)).toEqual([
      expect.objectContaining({ role: 'outdoor', fromSerial: outdoor, toSerial: 'OUTNEW-2026-0001', replacement: 'part', orderId: first.id, recordedBy: expect.stringContaining('王师傅') }),
    ]);
    const unit = (await t.get(`/units/${w.unit.id}`)).body;
    expect(unit.replacedOn).toBeNull(); // a part does not restart the unit's warranty

    // Seen: the next order confirming the new serial was refused as a stranger.
    const next = await onSite('repair', '2026-06-02');
    const stale = await complete(next, { ...codes, confirmedSerials: [indoor, outdoor] });
    expect(stale.status).toBe(422);
    expect(stale.body.error.details).toEqual([expect.objectContaining({ path: 'confirmedSerials.1', code: 'serial_mismatch' })]);
    expect((await complete(next, { ...codes, confirmedSerials: [indoor, 'OUTNEW-2026-0001'] })).status).toBe(200);
    expect(await serialChangesOf(t.database.db, w.unit.id)).toHaveLength(1);
  });

  it("a unit replacement writes every new serial and restarts the warranty; a serial another unit carries is refused and nothing is written", async () => {
    const other = await t.post('/units', { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'indoor', serial: 'TAKEN-IN-1' }, { role: 'outdoor', serial: 'TAKEN-OUT-1' }], purchaseDate: '2026-03-01', channel: 'store', invoiceNumber: 'INV-002', priceFen: 299900 });
    expect(other.status).toBe(201);
    const before = await serialsOfUnit();
    const exchange = await onSite('return_exchange', '2026-06-03');
    const taken = await complete(exchange, { confirmedSerials: ['NEWIN-2026-7', 'TAKEN-OUT-1'], replacement: 'unit' });
    expect(taken.status).toBe(422);
    expect(taken.body.error).toMatchObject({ code: 'serial_taken', details: [expect.objectContaining({ path: 'confirmedSerials.1' })] });
    expect(taken.body.error.message).toMatch(/another unit.*\/.*另一台设备/);
    expect(await serialsOfUnit()).toEqual(before);

    expect((await complete(exchange, { confirmedSerials: ['NEWIN-2026-7', 'NEWOUT-2026-7'], replacement: 'unit' })).status).toBe(200);
    expect(await serialsOfUnit()).toEqual({ indoor: 'NEWIN-2026-7', outdoor: 'NEWOUT-2026-7' });
    const unit = (await t.get(`/units/${w.unit.id}`)).body;
    expect(unit.replacedOn).toBe('2026-06-03');
    const changes = await serialChangesOf(t.database.db, w.unit.id);
    expect(changes.slice(-2).map((c) => [c.role, c.fromSerial, c.toSerial, c.replacement, c.orderId]).sort()).toEqual([
      ['indoor', before.indoor, 'NEWIN-2026-7', 'unit', exchange.id],
      ['outdoor', before.outdoor, 'NEWOUT-2026-7', 'unit', exchange.id],
    ]);
    const after = await onSite('repair', '2026-06-04');
    expect((await complete(after, { ...codes, confirmedSerials: ['NEWIN-2026-7', 'NEWOUT-2026-7'] })).status).toBe(200);
  });
});
