import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, seedWorld, testApp, uniquePhone, type TestApp } from '../../../test/harness.js';

// A newcomer imports the customers another Aftercare exported (CSV and XLSX) and gets the same
// records; a re-run changes nothing; a run stopped midway carries on from its checkpoint.
let from: TestApp;
let to: TestApp;

beforeAll(async () => {
  from = await testApp();
  to = await testApp({ services: { importBatchRows: 2 } });
  // Two databases migrated from scratch: on PGlite on a busy machine this takes minutes.
}, 300_000);
afterAll(async () => {
  await from.close();
  await to.close();
});

type Customer = { id: string; number: string; name: string; tier: string; kind: string; consentToContact: boolean; preferredChannel: string; email: string | null; phones: { phone: string; isPrimary: boolean }[]; addresses: { province: string; city: string; district: string; street: string; postalCode: string | null; isDefault: boolean }[] };
const sameRecord = (c: Customer) => ({ name: c.name, tier: c.tier, kind: c.kind, consent: c.consentToContact, channel: c.preferredChannel, email: c.email, phones: c.phones.map((p) => [p.phone, p.isPrimary]), addresses: c.addresses.map((a) => [a.province, a.city, a.district, a.street, a.postalCode]) });

async function download(t: TestApp, format: 'csv' | 'xlsx', what: 'customers' | 'units' = 'customers') {
  const res = await t.app.request(`/${what}/export?format=${format}${what === 'customers' ? '&sort=number' : ''}`, { headers: t.admin.headers });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}
async function upload(t: TestApp, format: 'csv' | 'xlsx', bytes: Uint8Array | string, entity: 'customers' | 'units' | 'orders' = 'customers') {
  const res = await t.app.request(`/imports?entity=${entity}&format=${format}&fileName=${entity}.${format}`, { method: 'POST', headers: { ...t.admin.headers, 'content-type': format === 'csv' ? 'text/csv' : 'application/octet-stream' }, body: bytes as BodyInit });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body as { id: string; version: number; columns: string[]; mapping: Record<string, string> };
}
/** Dry run and run, the jobs worked here (no worker runs in tests). */
async function importAll(t: TestApp, imp: { id: string; version: number; mapping: Record<string, string> }) {
  const checked = await t.post(`/imports/${imp.id}/dry-run`, { version: imp.version, mapping: imp.mapping });
  expect(checked.status, JSON.stringify(checked.body)).toBe(200);
  await t.services.imports.process(imp.id, 'dry_run');
  const validated = (await t.get(`/imports/${imp.id}`)).body;
  expect(validated.status).toBe('validated');
  const running = await t.post(`/imports/${imp.id}/run`, { version: validated.version });
  expect(running.status, JSON.stringify(running.body)).toBe(200);
  await t.services.imports.process(imp.id, 'run');
  return (await t.get(`/imports/${imp.id}`)).body;
}
const all = async (t: TestApp) => ((await t.get('/customers?limit=200&sort=name')).body.items as Customer[]).filter((c) => c.name.startsWith('导入'));

describe(`imports, ${engine}`, () => {
  it("imports the customers Aftercare exported as CSV and gets the same records; a run stopped midway carries on from its checkpoint", async () => {
    await from.post('/customer-tiers', { code: 'gold', nameZh: '金卡', nameEn: 'Gold', rank: 10 });
    await to.post('/customer-tiers', { code: 'gold', nameZh: '金卡', nameEn: 'Gold', rank: 10 });
    const made = [
      { name: '导入 张伟', tier: 'gold', consentToContact: true, email: 'zw@example.com', phones: [{ phone: uniquePhone() }, { phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '体育西路 "101" 号, 3 楼', postalCode: '510620', isDefault: true }] },
      { name: '导入 李娜', phones: [{ phone: uniquePhone() }] },
      { name: '导入 =SUM(A1) 公司', kind: 'company', preferredChannel: 'email', phones: [{ phone: `+86${uniquePhone()}` }], addresses: [{ province: '北京市', city: '北京市', district: '朝阳区', street: '建国路 1 号', isDefault: true }] },
      { name: '导入 王芳', phones: [{ phone: uniquePhone() }], consentToContact: true },
      { name: '导入 赵磊', phones: [{ phone: uniquePhone() }] },
    ];
    for (const c of made) expect((await from.post('/customers', c)).status).toBe(201);
    const csv = await download(from, 'csv');
    const imp = await upload(to, 'csv', csv);
    expect(imp.mapping).toMatchObject({ externalKey: 'number', name: 'name', phone1: 'phone1', province: 'province', consentToContact: 'consentToContact' });

    // Stopped after one batch of two rows (as by a crash), then taken again.
    await to.post(`/imports/${imp.id}/dry-run`, { version: imp.version, mapping: imp.mapping });
    await to.services.imports.process(imp.id, 'dry_run');
    const validated = (await to.get(`/imports/${imp.id}`)).body;
    expect(validated).toMatchObject({ status: 'validated', rowsTotal: 5, rowsValid: 5, rowsInvalid: 0 });
    await to.post(`/imports/${imp.id}/run`, { version: validated.version });
    // The dry run kept the five checked records: the run writes them by SQL alone, and clears them when done.
    const staged = async () => {
      const res = await to.database.db.execute(sql`select count(*)::integer as n from import_staged where import_id = ${imp.id}`);
      return ((Array.isArray(res) ? res : (res as unknown as { rows: { n: number }[] }).rows) as { n: number }[])[0].n;
    };
    expect(await staged()).toBe(5);
    await to.services.imports.process(imp.id, 'run', { maxBatches: 1 });
    expect((await to.get(`/imports/${imp.id}`)).body).toMatchObject({ status: 'running', rowsDone: 2, created: 2 });
    await to.services.imports.process(imp.id, 'run');
    expect((await to.get(`/imports/${imp.id}`)).body).toMatchObject({ status: 'done', rowsDone: 5, created: 5, updated: 0, unchanged: 0 });
    expect(await staged()).toBe(0);

    const source = (await all(from)).map(sameRecord);
    expect((await all(to)).map(sameRecord)).toEqual(source);
    // Each batch's customers with an address to place are one placing job (three batches of at most two rows).
    const placing = await to.database.db.execute(sql`select coalesce(data->'customerIds', jsonb_build_array(data->>'customerId')) as ids from pgboss.job where name = 'geocoding.place' order by created_on, id`);
    const jobs = ((Array.isArray(placing) ? placing : (placing as unknown as { rows: { ids: string[] }[] }).rows) as { ids: string[] }[]).map((j) => j.ids);
    expect(jobs.every((ids) => ids.length <= 2)).toBe(true);
    expect(jobs.flat().sort()).toEqual((await all(to)).filter((c) => c.addresses.length > 0).map((c) => c.id).sort());

    // The same file again: nothing changes, not even a version.
    const before = (await all(to)).map((c) => c.id + (c as unknown as { version: number }).version);
    const again = await importAll(to, await upload(to, 'csv', csv));
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 5 });
    expect((await all(to)).map((c) => c.id + (c as unknown as { version: number }).version)).toEqual(before);

    // The XLSX export reads back to the same records too.
    const xlsx = await importAll(to, await upload(to, 'xlsx', await download(from, 'xlsx')));
    expect(xlsx).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 5 });
  });

  it("reports each bad row's column and reason in both languages, writes only the good rows, and changes a record whose row changed", async () => {
    const phone = uniquePhone();
    const file = ['客户编号,姓名,手机,同意联系,省,市,区,详细地址', `K-1,导入 孙丽,${phone},是,浙江省,杭州市,西湖区,文三路 1 号`, 'K-2,导入 周强,12,否,,,,', `K-3,,${uniquePhone()},maybe,浙江省,,,`].join('\n');
    const imp = await upload(to, 'csv', file);
    expect(imp.mapping).toMatchObject({ externalKey: '客户编号', name: '姓名', phone1: '手机', consentToContact: '同意联系', street: '详细地址' });
    const done = await importAll(to, imp);
    expect(done).toMatchObject({ rowsTotal: 3, rowsValid: 1, rowsInvalid: 2, created: 1 });
    const report = (await to.get(`/imports/${imp.id}/problems`)).body.items;
    expect(report).toEqual(
      expect.arrayContaining([
        { row: 3, column: '手机', reason: { en: 'not a phone number: 12', zh: '不是有效的电话号码：12' } },
        { row: 4, column: '姓名', reason: { en: 'required', zh: '必填' } },
        expect.objectContaining({ row: 4, column: '同意联系' }),
        expect.objectContaining({ row: 4, column: '市', reason: { en: 'required with an address', zh: '填写地址时必填' } }),
      ]),
    );
    const changed = await importAll(to, await upload(to, 'csv', file.replace('文三路 1 号', '文三路 2 号')));
    expect(changed).toMatchObject({ created: 0, updated: 1 });
    const sun = (await all(to)).find((c) => c.name === '导入 孙丽')!;
    expect(sun.addresses[0].street).toBe('文三路 2 号');

    // A run whose staged rows are gone (a dry run from before they were kept, or cleared by an upgrade) reads its file again, with the same outcome.
    const third = await upload(to, 'csv', file.replace('文三路 1 号', '文三路 3 号'));
    await to.post(`/imports/${third.id}/dry-run`, { version: third.version, mapping: third.mapping });
    await to.services.imports.process(third.id, 'dry_run');
    await to.database.db.execute(sql`delete from import_staged where import_id = ${third.id}`);
    await to.post(`/imports/${third.id}/run`, { version: (await to.get(`/imports/${third.id}`)).body.version });
    await to.services.imports.process(third.id, 'run');
    expect((await to.get(`/imports/${third.id}`)).body).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 0 });
    const again = (await all(to)).find((c) => c.name === '导入 孙丽')!;
    expect([again.id, again.addresses[0].street, again.phones.map((p) => [p.phone.slice(-4), p.isPrimary])]).toEqual([sun.id, '文三路 3 号', [[phone.slice(-4), true]]]);
  });

  it("keeps a cell's tabs, line breaks and backslashes as they are, through the dry run's staged rows; a re-run changes nothing", async () => {
    // The staged rows travel as text with a tab between values and a line a row (db/text-rows.ts): these must be escaped there and back.
    const name = '导入 反斜杠 \\b \\N';
    const street = 'a\tb \\n c\\\\d\r\ne \\N';
    const notes = 'line 1\nline 2\\t';
    const file = ['编号,姓名,手机,省,市,区,详细地址,备注', `K-esc,${name},${uniquePhone()},浙江省,杭州市,西湖区,"${street}","${notes}"`].join('\n');
    const done = await importAll(to, await upload(to, 'csv', file));
    expect(done).toMatchObject({ status: 'done', created: 1 });
    const made = (await all(to)).find((c) => c.name === name)!;
    expect(made.addresses[0].street).toBe(street);
    expect((await to.get(`/customers/${made.id}`)).body.notes).toBe(notes);
    expect(await importAll(to, await upload(to, 'csv', file))).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 1 });
  });

  it("imports the units Aftercare exported (owners by the customers' numbers, serials with their roles) and gets the same units; a re-run changes nothing; bad rows are reported in both languages", async () => {
    const model = { code: 'IMP-KFR-35', nameZh: '导入空调', nameEn: 'Imported AC', wholeUnitMonths: 12, mainPartsMonths: 72, mainParts: ['COMPRESSOR'], dailyDepreciationRate: 0.0005, standardMinutes: { installation: 120, repair: 60 } };
    const models: Record<string, string> = {};
    for (const t of [from, to]) {
      const cat = await t.post('/catalog/categories', { code: 'IMPAC', nameZh: '空调', nameEn: 'AC' });
      const made = await t.post('/catalog/models', { ...model, categoryId: cat.body.id });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      models[t === from ? 'from' : 'to'] = made.body.id;
    }
    const owners: { id: string; number: string }[] = [];
    for (const name of ['导入 设备主甲', '导入 设备主乙']) owners.push((await from.post('/customers', { name, phones: [{ phone: uniquePhone() }] })).body);
    const units = [
      { modelId: models.from, ownerId: owners[0].id, serials: [{ role: 'indoor', serial: 'IMPIN-0001' }, { role: 'outdoor', serial: 'IMPOUT-0001' }], purchaseDate: '2025-03-01', channel: 'store', invoiceNumber: 'INV-9', priceFen: 329900, installedOn: '2025-03-03' },
      { modelId: models.from, ownerId: owners[1].id, serials: [{ role: 'main', serial: 'IMPMAIN-0002' }], purchaseDate: '2026-01-10', receivedDate: '2026-01-12', channel: 'online', priceFen: 199900 },
    ];
    for (const u of units) expect((await from.post('/units', u)).status).toBe(201);
    // The customers first (their numbers become keys), then the units naming their owners by number.
    await importAll(to, await upload(to, 'csv', await download(from, 'csv')));
    const csv = await download(from, 'csv', 'units');
    const imp = await upload(to, 'csv', csv, 'units');
    expect(imp).toMatchObject({ entity: 'units', requiredFields: ['externalKey', 'modelCode', 'ownerKey', 'mainSerial', 'purchaseDate'] });
    expect(imp.mapping).toMatchObject({ externalKey: 'id', modelCode: 'modelCode', ownerKey: 'ownerNumber', mainSerial: 'mainSerial', mainSerialRole: 'mainSerialRole', otherSerials: 'otherSerials', purchaseDate: 'purchaseDate', priceFen: 'priceFen' });
    expect(imp.mapping).not.toHaveProperty('ownerId');
    expect(await importAll(to, imp)).toMatchObject({ status: 'done', rowsTotal: 2, rowsValid: 2, created: 2 });

    type Unit = { ownerId: string; modelCode: string; serials: { role: string; serial: string }[]; purchaseDate: string; receivedDate: string | null; channel: string; invoiceNumber: string | null; priceFen: number; installedOn: string | null; warranty: { wholeUnit: { endsOn: string } } };
    const unitsOf = async (t: TestApp) => {
      const names = new Map(((await t.get('/customers?limit=200')).body.items as Customer[]).map((c) => [c.id, c.name]));
      return ((await t.get(`/units?modelId=${models[t === from ? 'from' : 'to']}&limit=100`)).body.items as Unit[])
        .map((u) => ({ owner: names.get(u.ownerId), model: u.modelCode, serials: [...u.serials].sort((a, b) => a.serial.localeCompare(b.serial)), purchaseDate: u.purchaseDate, receivedDate: u.receivedDate, channel: u.channel, invoice: u.invoiceNumber, price: u.priceFen, installedOn: u.installedOn, warrantyEnds: u.warranty.wholeUnit.endsOn }))
        .sort((a, b) => a.serials[0].serial.localeCompare(b.serials[0].serial));
    };
    const source = await unitsOf(from);
    expect(source).toHaveLength(2);
    expect(await unitsOf(to)).toEqual(source);
    // Again, CSV and XLSX: nothing changes.
    expect(await importAll(to, await upload(to, 'csv', csv, 'units'))).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2 });
    expect(await importAll(to, await upload(to, 'xlsx', await download(from, 'xlsx', 'units'), 'units'))).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2 });
    expect(await unitsOf(to)).toEqual(source);

    // A unit given to the other owner: replaced, its ownership moved on.
    const lines = new TextDecoder().decode(csv).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const at = (line: string, column: string) => line.split(',')[header.indexOf(column)];
    const moved = lines.map((l, i) => (i > 0 && at(l, 'mainSerial') === 'IMPMAIN-0002' ? l.replace(`,${at(l, 'ownerNumber')},`, `,${owners[0].number},`) : l)).join('\n');
    expect(await importAll(to, await upload(to, 'csv', moved, 'units'))).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await unitsOf(to)).find((u) => u.serials[0].serial === 'IMPMAIN-0002')!.owner).toBe('导入 设备主甲');

    // Bad rows: each reported with its column and reason in both languages; the good one written.
    const bad = [
      'key,model,owner,serial,purchaseDate,channel,priceFen',
      `U-1,IMP-KFR-35,${owners[1].number},IMPNEW-0003,2026-02-01,门店,1000`,
      `U-2,NOPE-1,${owners[1].number},IMPNEW-0004,2026-02-01,store,0`,
      'U-3,IMP-KFR-35,NOBODY,IMPNEW-0005,2026-02-01,store,0',
      `U-4,IMP-KFR-35,${owners[1].number},IMPMAIN-0002,2026-02-01,store,0`,
      `U-5,IMP-KFR-35,${owners[1].number},IMPNEW-0003,2099-01-01,shop,12.5`,
    ].join('\n');
    const checked = await importAll(to, await upload(to, 'csv', bad, 'units'));
    expect(checked).toMatchObject({ rowsTotal: 5, rowsValid: 1, rowsInvalid: 4, created: 1 });
    const report = (await to.get(`/imports/${checked.id}/problems`)).body.items;
    expect(report).toEqual(
      expect.arrayContaining([
        { row: 3, column: 'model', reason: { en: 'no such product model NOPE-1', zh: '不存在产品型号 NOPE-1' } },
        { row: 4, column: 'owner', reason: { en: "no such customer NOBODY (neither an imported customer's key nor a customer number)", zh: '找不到客户 NOBODY（既不是已导入客户的编号，也不是客户号）' } },
        { row: 5, column: 'serial', reason: { en: 'serial IMPMAIN-0002 already belongs to another unit', zh: '序列号 IMPMAIN-0002 已属于其他设备' } },
        { row: 6, column: 'serial', reason: { en: 'serial IMPNEW-0003 is on an earlier row with another key (U-1)', zh: '序列号 IMPNEW-0003 已出现在编号不同的前面一行（U-1）' } },
        { row: 6, column: 'purchaseDate', reason: { en: 'cannot be in the future', zh: '不能晚于今天' } },
        expect.objectContaining({ row: 6, column: 'channel' }),
        expect.objectContaining({ row: 6, column: 'priceFen' }),
      ]),
    );
    expect(report).toHaveLength(7);
    const fresh = await upload(to, 'csv', bad, 'units');
    const unknownField = await to.post(`/imports/${fresh.id}/dry-run`, { version: fresh.version, mapping: { ...fresh.mapping, name: 'key' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details[0].path).toBe('mapping.name');
  });

  it('imports historical orders with their history, starting nothing of the live flow; a re-run changes nothing; bad rows are reported in both languages', async () => {
    const world = await seedWorld(to);
    const rowsOf = async (query: ReturnType<typeof sql>) => {
      const r = await to.database.db.execute(query);
      return (Array.isArray(r) ? r : (r as unknown as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
    };
    const live = async () => (await rowsOf(sql`select (select count(*) from pgboss.job where name <> 'imports.process')::int as jobs, (select count(*) from outbox_messages)::int as outbox,
      (select count(*) from promise_clocks)::int as clocks, (select count(*) from order_promises)::int as promises, (select count(*) from webhook_events)::int as events`))[0];
    const before = await live();
    const tech = world.technicians[0] as { id: string; phone: string };
    const file = [
      'key,kind,status,customer,unit,symptom,providerCode,technicianPhone,createdAt,appointmentFrom,appointmentTo,checkedInAt,doneAt,confirmedAt,closedAt',
      `H-1,repair,closed,${world.customer.number},${world.unit.id},漏水,${world.provider.code},${tech.phone},2025-03-01T09:00:00+08:00,2025-03-02T09:00:00+08:00,2025-03-02T11:00:00+08:00,2025-03-02T09:20:00+08:00,2025-03-02T10:30:00+08:00,2025-03-02T10:40:00+08:00,2025-03-09T10:00:00+08:00`,
      `H-2,installation,cancelled,${world.customer.number},,安装,,,2025-04-01,,,,,,`,
      `H-3,fix,closed,NOBODY,,,P-NONE,${tech.phone},2099-01-01,,,,,,`,
      `H-4,repair,work_done,${world.customer.number},,不制冷,${world.provider.code},,2025-05-01T09:00:00Z,,,,2025-04-01T09:00:00Z,,`,
    ].join('\n');
    const imp = await upload(to, 'csv', file, 'orders');
    expect(imp.mapping).toMatchObject({ externalKey: 'key', kind: 'kind', status: 'status', customerKey: 'customer', unitKey: 'unit', providerCode: 'providerCode' });
    const done = await importAll(to, imp);
    expect(done).toMatchObject({ status: 'done', rowsTotal: 4, rowsValid: 2, rowsInvalid: 2, created: 2 });
    const report = (await to.get(`/imports/${imp.id}/problems`)).body.items;
    expect(report).toEqual(
      expect.arrayContaining([
        { row: 4, column: 'kind', reason: expect.objectContaining({ en: expect.stringContaining('must be one of installation, repair'), zh: expect.stringContaining('须为以下之一') }) },
        { row: 4, column: 'customer', reason: { en: "no such customer NOBODY (neither an imported customer's key nor a customer number)", zh: '找不到客户 NOBODY（既不是已导入客户的编号，也不是客户号）' } },
        { row: 4, column: 'symptom', reason: { en: 'required', zh: '必填' } },
        { row: 4, column: 'providerCode', reason: { en: 'no such provider P-NONE', zh: '不存在服务商 P-NONE' } },
        { row: 4, column: 'createdAt', reason: { en: 'cannot be in the future', zh: '不能晚于现在' } },
        { row: 5, column: 'doneAt', reason: expect.objectContaining({ en: expect.stringContaining('cannot be before the milestone before it') }) },
      ]),
    );
    // Nothing of the live flow started: no job, message, promise, clock or webhook event.
    expect(await live()).toEqual(before);
    const orders = await rowsOf(sql`select o.id, o.number, o.status, o.kind, o.technician_id, o.unit_id, o.done_at, o.version from work_orders o where o.symptom in ('漏水', '安装') and o.created_at < '2025-06-01' order by o.created_at`);
    expect(orders.map((o) => [o.kind, o.status, o.technician_id, o.unit_id, o.version])).toEqual([['repair', 'closed', tech.id, world.unit.id, 5], ['installation', 'cancelled', null, null, 2]]);
    expect(String(orders[0].number)).toMatch(/^WO2503-\d{6}$/);
    const history = await rowsOf(sql`select from_status, to_status, action, actor from work_order_history where order_id = ${orders[0].id as string} order by version`);
    expect(history.map((h) => [h.from_status, h.to_status])).toEqual([[null, 'intake'], ['intake', 'on_site'], ['on_site', 'work_done'], ['work_done', 'confirmed'], ['confirmed', 'closed']]);
    expect(history.every((h) => h.action === 'import' && h.actor === 'system:imports')).toBe(true);

    // The same file again changes nothing; a changed row replaces its order with one more history row.
    expect(await importAll(to, await upload(to, 'csv', file, 'orders'))).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = file.replace('H-2,installation,cancelled', 'H-2,installation,closed');
    expect(await importAll(to, await upload(to, 'csv', changed, 'orders'))).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const replaced = await rowsOf(sql`select from_status, to_status from work_order_history where order_id = ${orders[1].id as string} order by version`);
    expect(replaced.at(-1)).toEqual({ from_status: 'cancelled', to_status: 'closed' });
    expect(await live()).toEqual(before);
  });

  it('refuses a mapping without a required field or naming a missing column, and an empty file', async () => {
    const imp = await upload(to, 'csv', 'a,b\n1,2\n');
    const unmapped = await to.post(`/imports/${imp.id}/dry-run`, { version: imp.version, mapping: { externalKey: 'a', name: 'b' } });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.error.details[0].path).toBe('mapping.phone1');
    const missing = await to.post(`/imports/${imp.id}/dry-run`, { version: imp.version, mapping: { externalKey: 'a', name: 'b', phone1: 'c' } });
    expect(missing.body.error.details[0].path).toBe('mapping.phone1');
    const empty = await to.app.request('/imports?entity=customers&format=csv&fileName=x.csv', { method: 'POST', headers: { ...to.admin.headers, 'content-type': 'text/csv' }, body: '' });
    expect(empty.status).toBe(400);
    expect((await to.post(`/imports/${imp.id}/run`, { version: imp.version })).status).toBe(409);
  });
});
