import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, testApp, uniquePhone, type TestApp } from '../../../test/harness.js';

// A newcomer imports the customers another Aftercare exported (CSV and XLSX) and gets the same
// records; a re-run changes nothing; a run stopped midway carries on from its checkpoint.
let from: TestApp;
let to: TestApp;

beforeAll(async () => {
  from = await testApp();
  to = await testApp({ services: { importBatchRows: 2 } });
});
afterAll(async () => {
  await from.close();
  await to.close();
});

type Customer = { id: string; number: string; name: string; tier: string; kind: string; consentToContact: boolean; preferredChannel: string; email: string | null; phones: { phone: string; isPrimary: boolean }[]; addresses: { province: string; city: string; district: string; street: string; postalCode: string | null; isDefault: boolean }[] };
const sameRecord = (c: Customer) => ({ name: c.name, tier: c.tier, kind: c.kind, consent: c.consentToContact, channel: c.preferredChannel, email: c.email, phones: c.phones.map((p) => [p.phone, p.isPrimary]), addresses: c.addresses.map((a) => [a.province, a.city, a.district, a.street, a.postalCode]) });

async function download(t: TestApp, format: 'csv' | 'xlsx') {
  const res = await t.app.request(`/customers/export?format=${format}&sort=number`, { headers: t.admin.headers });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}
async function upload(t: TestApp, format: 'csv' | 'xlsx', bytes: Uint8Array | string) {
  const res = await t.app.request(`/imports?entity=customers&format=${format}&fileName=customers.${format}`, { method: 'POST', headers: { ...t.admin.headers, 'content-type': format === 'csv' ? 'text/csv' : 'application/octet-stream' }, body: bytes as BodyInit });
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
    await to.services.imports.process(imp.id, 'run', { maxBatches: 1 });
    expect((await to.get(`/imports/${imp.id}`)).body).toMatchObject({ status: 'running', rowsDone: 2, created: 2 });
    await to.services.imports.process(imp.id, 'run');
    expect((await to.get(`/imports/${imp.id}`)).body).toMatchObject({ status: 'done', rowsDone: 5, created: 5, updated: 0, unchanged: 0 });

    const source = (await all(from)).map(sameRecord);
    expect((await all(to)).map(sameRecord)).toEqual(source);

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
