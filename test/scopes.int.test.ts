import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, manualClock, testDatabase } from './harness.js';
import { createServices, type Services } from '../src/server/services.js';
import { customerPermissions, defaultRolePermissions, type Principal, type Role } from '../src/kernel/permissions.js';
import type { Caller } from '../src/kernel/scopes.js';
import type { Database } from '../src/db/database.js';

// Scopes are enforced in the services, so they are tested there, with principals as the access
// module builds them; test/access-routes.int.test.ts walks the same through HTTP.
let database: Database;
let drop: () => Promise<void>;
let s: Services;
const system: Caller = { principal: { kind: 'system', name: 'test' }, address: null };

function staff(role: Role, providerId: string | null = null, technicianId: string | null = null): Caller {
  return {
    principal: { kind: 'staff', userId: `u-${role}`, username: role, role, providerId, technicianId, permissions: new Set(defaultRolePermissions[role]), via: 'session', tokenId: null },
    address: '10.0.0.9',
  };
}
const customer = (customerId: string): Caller => ({ principal: { kind: 'customer', customerId, permissions: customerPermissions } as Principal, address: null });

let w: {
  providerA: string;
  providerB: string;
  techA: string;
  techA2: string;
  techB: string;
  customerA: string;
  customerB: string;
  unitA: string;
  orderA: string;
  orderB: string;
  phoneA: string;
};

async function order(customerId: string, unitId: string | null, providerId: string, technicianId: string) {
  let o = (await s.workOrders.intake(system, { kind: 'repair', customerId, unitId, symptom: '漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.workOrders.perform(system, o.id, 'dispatch', { version: o.version, providerId });
  o = await s.workOrders.perform(system, o.id, 'assign', { version: o.version, technicianId });
  return o;
}

beforeAll(async () => {
  ({ database, drop } = await testDatabase());
  s = createServices(database, manualClock());
  const cat = await s.catalog.createCategory(system, { code: 'AC', nameZh: '空调', nameEn: 'AC', requiredCertification: null });
  const model = await s.catalog.createModel(system, {
    categoryId: cat.id, code: 'KF-1', nameZh: '空调', nameEn: 'AC', wholeUnitMonths: 12, mainPartsMonths: 36, mainParts: [], dailyDepreciationRate: 0.0005, standardMinutes: {},
  } as never);
  const pa = await s.network.createProvider(system, { code: 'PA', name: '甲网点', kind: 'contractor', contactName: '甲', contactPhone: '02000000001' });
  const pb = await s.network.createProvider(system, { code: 'PB', name: '乙网点', kind: 'contractor', contactName: '乙', contactPhone: '02000000002' });
  const ta = await s.network.createTechnician(system, { providerId: pa.id, name: '甲师傅', phone: '13100000001', skills: ['AC'] });
  const ta2 = await s.network.createTechnician(system, { providerId: pa.id, name: '甲二师傅', phone: '13100000003', skills: ['AC'] });
  const tb = await s.network.createTechnician(system, { providerId: pb.id, name: '乙师傅', phone: '13100000002', skills: ['AC'] });
  const address = { label: 'home', province: '广东省', city: '广州市', district: '天河区', street: '一号', isDefault: true };
  const base = { kind: 'person', tier: 'ordinary', preferredLanguage: 'zh', preferredChannel: 'sms', consentToContact: true, allowDuplicatePhone: false, addresses: [address] } as const;
  const ca = await s.customers.create(system, { ...base, name: '客户甲', phones: [{ phone: '13812345678', label: 'mobile', isPrimary: true }] } as never);
  const cb = await s.customers.create(system, { ...base, name: '客户乙', phones: [{ phone: '13987654321', label: 'mobile', isPrimary: true }] } as never);
  const unit = await s.units.register(system, { modelId: model.id, ownerId: ca.id, serials: [{ role: 'main', serial: 'SCOPE-0001' }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 100 } as never);
  const oa = await order(ca.id, unit.id, pa.id, ta.id);
  const ob = await order(cb.id, null, pb.id, tb.id);
  w = { providerA: pa.id, providerB: pb.id, techA: ta.id, techA2: ta2.id, techB: tb.id, customerA: ca.id, customerB: cb.id, unitA: unit.id, orderA: oa.id, orderB: ob.id, phoneA: '13812345678' };
});
afterAll(() => drop());

const notFound = { status: 404 };
const forbidden = { status: 403, code: 'forbidden' };

describe(`scopes in the services, ${engine}`, () => {
  it('shows a provider only the orders dispatched to it, and others as not found', async () => {
    const admin = staff('provider_admin', w.providerA);
    const list = await s.workOrders.list(admin, { limit: 50, offset: 0, sort: '-createdAt' });
    expect(list.items.map((o) => o.id)).toEqual([w.orderA]);
    expect(list.total).toBe(1);
    await expect(s.workOrders.get(admin, w.orderB)).rejects.toMatchObject(notFound);
    await expect(s.workOrders.history(admin, w.orderB)).rejects.toMatchObject(notFound);
    await expect(s.workOrders.perform(admin, w.orderB, 'assign', { version: 3, technicianId: w.techA, reason: 'x' })).rejects.toMatchObject(notFound);
  });

  it("shows a provider its customers, units and technicians, not another provider's", async () => {
    const admin = staff('provider_admin', w.providerA);
    const customers = await s.customers.search(admin, { limit: 50, offset: 0, sort: 'name' });
    expect(customers.items.map((c) => c.id)).toEqual([w.customerA]);
    await expect(s.customers.get(admin, w.customerB)).rejects.toMatchObject(notFound);
    expect((await s.units.list(admin, { limit: 50, offset: 0 })).items.map((u) => u.id)).toEqual([w.unitA]);
    const techs = await s.network.listTechnicians(admin, { limit: 50, offset: 0 });
    expect(techs.items.map((t) => t.id).sort()).toEqual([w.techA, w.techA2].sort());
    await expect(s.network.getTechnician(admin, w.techB)).rejects.toMatchObject(notFound);
    expect((await s.network.listProviders(admin)).map((p) => p.id)).toEqual([w.providerA]);
    await expect(s.network.createTechnician(admin, { providerId: w.providerB, name: '冒名', phone: '13100000009' })).rejects.toMatchObject({ status: 400 });
    await expect(s.network.createProvider(admin, { code: 'PX', name: 'x', kind: 'agent', contactName: 'x', contactPhone: '02000000009' })).rejects.toMatchObject(forbidden);
  });

  it('shows a technician only orders assigned to them', async () => {
    const mine = staff('technician', w.providerA, w.techA);
    const other = staff('technician', w.providerA, w.techA2);
    expect((await s.workOrders.list(mine, { limit: 50, offset: 0, sort: '-createdAt' })).items.map((o) => o.id)).toEqual([w.orderA]);
    expect((await s.workOrders.list(other, { limit: 50, offset: 0, sort: '-createdAt' })).items).toEqual([]);
    // The next steps offered are the ones the role may take.
    expect((await s.workOrders.get(mine, w.orderA)).allowedActions).toEqual(['accept_job', 'decline_job', 'book', 'hold']);
    expect((await s.workOrders.get(staff('dispatcher'), w.orderA)).allowedActions).toEqual(['dispatch', 'assign', 'book', 'cancel', 'hold']);
    await expect(s.workOrders.get(other, w.orderA)).rejects.toMatchObject(notFound);
    await expect(s.customers.get(other, w.customerA)).rejects.toMatchObject(notFound);
  });

  it('masks phones for staff and records every reveal', async () => {
    const agent = staff('agent');
    const c = await s.customers.get(agent, w.customerA);
    expect(c.phones[0].phone).toBe('138****5678');
    const o = await s.workOrders.get(agent, w.orderA);
    expect(o.contactPhone).toBe('138****5678');
    const revealed = await s.customers.revealPhones(agent, w.customerA);
    expect(revealed.items[0].phone).toBe(w.phoneA);
    expect((await s.workOrders.revealContact(agent, w.orderA)).contactPhone).toBe(w.phoneA);
    const rows = (await database.db.execute(sql`select actor_name, address, action, subject_kind, subject_id from audit_log where action = 'phone_revealed' order by id`)) as unknown as { rows: Record<string, string>[] };
    expect(rows.rows).toEqual([
      { actor_name: 'user:agent', address: '10.0.0.9', action: 'phone_revealed', subject_kind: 'customer', subject_id: w.customerA },
      { actor_name: 'user:agent', address: '10.0.0.9', action: 'phone_revealed', subject_kind: 'work_order', subject_id: w.orderA },
    ]);
    // A dispatcher does not need the number: no reveal.
    await expect(s.customers.revealPhones(staff('dispatcher'), w.customerA)).rejects.toMatchObject(forbidden);
  });

  it("gives a technician the customer's phone and address only while the order is open", async () => {
    const tech = staff('technician', w.providerB, w.techB);
    expect((await s.customers.get(tech, w.customerB)).addresses).toHaveLength(1);
    expect((await s.workOrders.revealContact(tech, w.orderB)).contactPhone).toBe('13987654321');
    let o = await s.workOrders.get(system, w.orderB);
    o = await s.workOrders.perform(system, o.id, 'cancel', { version: o.version, reason: '客户取消' });
    expect((await s.customers.get(tech, w.customerB)).addresses).toEqual([]);
    expect((await s.workOrders.get(tech, w.orderB)).address.street).toBe('***');
    await expect(s.workOrders.revealContact(tech, w.orderB)).rejects.toMatchObject(notFound);
    await expect(s.customers.revealPhones(tech, w.customerB)).rejects.toMatchObject(notFound);
    await s.workOrders.perform(system, o.id, 'reopen', { version: o.version, reason: '重新报修' });
  });

  it('shows a customer only their own records, in full', async () => {
    const me = customer(w.customerA);
    expect((await s.workOrders.list(me, { limit: 50, offset: 0, sort: '-createdAt' })).items.map((o) => o.id)).toEqual([w.orderA]);
    expect((await s.workOrders.get(me, w.orderA)).contactPhone).toBe(w.phoneA);
    expect((await s.customers.get(me, w.customerA)).phones[0].phone).toBe(w.phoneA);
    await expect(s.customers.get(me, w.customerB)).rejects.toMatchObject(notFound);
    await expect(s.workOrders.get(me, w.orderB)).rejects.toMatchObject(notFound);
    expect((await s.units.list(me, { limit: 50, offset: 0 })).items.map((u) => u.id)).toEqual([w.unitA]);
    // A customer asks for service on their own account only: anyone else's is "no such customer".
    await expect(s.workOrders.intake(me, { kind: 'repair', customerId: w.customerB, symptom: 'x', accept: false, priority: 'normal', channel: 'web' })).rejects.toMatchObject({ status: 400, details: [{ path: 'customerId', message: 'no such customer' }] });
    await expect(s.workOrders.perform(me, w.orderA, 'dispatch', { version: 1, providerId: w.providerB })).rejects.toMatchObject(forbidden);
  });

  it('refuses steps the role may not take, before looking at the order', async () => {
    const followUp = staff('follow_up');
    await expect(s.workOrders.perform(followUp, w.orderA, 'dispatch', { version: 1, providerId: w.providerB })).rejects.toMatchObject(forbidden);
    const tech = staff('technician', w.providerA, w.techA);
    await expect(s.workOrders.perform(tech, w.orderA, 'confirm', { version: 1, overrideReason: '我说了算' })).rejects.toMatchObject(forbidden);
    await expect(s.catalog.createCategory(staff('agent'), { code: 'X', nameZh: 'x', nameEn: 'x', requiredCertification: null })).rejects.toMatchObject(forbidden);
  });

  it('records the principal and address in order history', async () => {
    const h = await s.workOrders.history(system, w.orderA);
    expect(h[0].actor).toBe('system:test');
    const agent = staff('agent');
    const o = await s.workOrders.intake(agent, { kind: 'consultation', customerId: w.customerA, symptom: '咨询保修', accept: false, priority: 'normal', channel: 'phone' });
    const rows = await s.workOrders.history(agent, o.order.id);
    expect([rows[0].actor, rows[0].actorAddress]).toEqual(['user:agent', '10.0.0.9']);
  });
});
