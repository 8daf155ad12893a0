import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { engine, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from './harness.js';
import { unitExportColumns } from '../src/modules/units/units.contract.js';

// The orders and units lists as files: the same filters, sort and scope as the lists (a provider's
// staff get their provider's orders and the units on them, a technician their own), the contact
// phone masked as in the list.
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let providerAdmin: Record<string, string>;
let otherAdmin: Record<string, string>;
let technician: Record<string, string>;
const ids: { dispatched: string; assigned: string; open: string } = { dispatched: '', assigned: '', open: '' };

beforeAll(async () => {
  t = await testApp();
  w = await seedWorld(t);
  const other = await t.post('/providers', { code: 'EXPORT-OTHER', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099997777' });
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'export-provider', { providerId: w.provider.id })).headers;
  otherAdmin = (await tokenFor(t.services, 'provider_admin', 'export-other', { providerId: other.body.id })).headers;
  technician = (await tokenFor(t.services, 'technician', 'export-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const s = t.services.workOrders;
  const open = async (symptom: string) => (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom, accept: true, priority: 'normal', channel: 'phone' })).order;
  const a = await open('导出 派单');
  const dispatched = await s.perform(systemCaller, a.id, 'dispatch', { version: a.version, providerId: w.provider.id });
  const b = await open('导出 派工, "带引号", =1+1');
  let assigned = await s.perform(systemCaller, b.id, 'dispatch', { version: b.version, providerId: w.provider.id });
  assigned = await s.perform(systemCaller, b.id, 'assign', { version: assigned.version, technicianId: w.technicians[0].id });
  const c = await open('导出 待派');
  Object.assign(ids, { dispatched: dispatched.id, assigned: assigned.id, open: c.id });
}, 300_000);
afterAll(() => t?.close());

async function download(query: string, headers: Record<string, string> = t.admin.headers, list = 'work-orders') {
  return t.app.request(`/${list}/export?${query}`, { headers });
}
async function csvRows(query: string, headers?: Record<string, string>, list = 'work-orders') {
  const res = await download(`format=csv&${query}`, headers, list);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  return rows;
}

describe(`work orders export, ${engine}`, () => {
  it('writes every order the list shows with the same filters and sort, headers in both languages', async () => {
    const query = 'status=dispatched,assigned&sort=-createdAt';
    const list = (await t.get(`/work-orders?${query}&limit=100`)).body;
    const rows = await csvRows(query);
    expect(Object.keys(rows[0]).slice(0, 3)).toEqual(['Number 工单号', 'State 状态', 'Kind 类型']);
    expect(rows.map((r) => r['Number 工单号'])).toEqual(list.items.map((o: { number: string }) => o.number));
    expect(rows.map((r) => r['State 状态']).sort()).toEqual(['assigned', 'dispatched']);
    const assigned = rows.find((r) => r['State 状态'] === 'assigned')!;
    const fromList = list.items.find((o: { id: string }) => o.id === ids.assigned);
    expect(assigned).toMatchObject({ 'Provider 服务商': w.provider.name, 'Province 省': fromList.address.province });
    expect(assigned['Technician 师傅']).not.toBe('');
    // A formula-like text is kept from running in a spreadsheet; quotes and commas survive.
    expect(assigned['Symptom 故障描述']).toBe(`导出 派工, "带引号", =1+1`);
    const audit = await t.database.db.execute(sql`select details from audit_log where action = 'work_orders.export'`);
    expect(((Array.isArray(audit) ? audit : (audit as unknown as { rows: unknown[] }).rows) as { details: { filters: { status: string[] } } }[])[0].details.filters.status).toEqual(['dispatched', 'assigned']);
  });

  it("keeps to the caller's scope: a provider's staff get their provider's orders, another provider none, a technician only theirs", async () => {
    const all = (await csvRows('')).map((r) => r['Number 工单号']);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const mine = (await csvRows('', providerAdmin)).map((r) => r['Provider 服务商']);
    expect(mine.length).toBe(2);
    expect(new Set(mine)).toEqual(new Set([w.provider.name]));
    expect(await csvRows('', otherAdmin)).toEqual([]);
    const own = await csvRows('', technician);
    expect(own.map((r) => r['Number 工单号'])).toEqual([(await t.get(`/work-orders/${ids.assigned}`)).body.number]);
  });

  it('writes XLSX with the same rows, and refuses a bad filter naming it', async () => {
    const res = await download('format=xlsx&status=dispatched,assigned');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[])[1]).toBe('Number 工单号');
    expect(sheet.actualRowCount - 1).toBe(2);
    const bad = await download('status=eaten');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('status');
    expect((await download('format=pdf')).status).toBe(400);
  });
});

describe(`units export, ${engine}`, () => {
  it("writes the units the list shows, serials and today's warranty in columns, within the caller's scope", async () => {
    const list = (await t.get(`/units?ownerId=${w.customer.id}&limit=100`)).body;
    const rows = await csvRows(`ownerId=${w.customer.id}`, undefined, 'units');
    expect(Object.keys(rows[0])).toEqual([...unitExportColumns]);
    // An indoor and an outdoor serial (no "main"): the first is the main one, the other follows with its role.
    expect(rows.map((r) => r.id)).toEqual(list.items.map((u: { id: string }) => u.id));
    const unit = rows.find((r) => r.id === w.unit.id)!;
    const fromList = list.items.find((u: { id: string }) => u.id === w.unit.id);
    expect(unit).toMatchObject({ ownerId: w.customer.id, modelCode: fromList.modelCode, mainSerial: fromList.serials[0].serial, otherSerials: `outdoor:${fromList.serials[1].serial}`, purchaseDate: fromList.purchaseDate, priceFen: String(fromList.priceFen), inWarranty: String(fromList.warranty.wholeUnit.inWarranty) });
    // A provider's staff see the units on their orders; another provider none.
    expect((await csvRows('', providerAdmin, 'units')).map((r) => r.id)).toEqual([w.unit.id]);
    expect(await csvRows('', otherAdmin, 'units')).toEqual([]);
    const xlsx = await download('format=xlsx', t.admin.headers, 'units');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([...unitExportColumns]);
    expect((await download('ownerId=not-an-id', t.admin.headers, 'units')).status).toBe(400);
    // Four files made, each on the audit record; the refused one made none.
    const audit = await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'units.export'`);
    expect(((Array.isArray(audit) ? audit : (audit as unknown as { rows: { n: number }[] }).rows) as { n: number }[])[0].n).toBe(4);
  });
});
