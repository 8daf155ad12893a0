import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, testApp, type TestApp } from '../../../test/harness.js';

// The catalogue imports: spare parts exported by one Aftercare come into another as the same parts
// (CSV and XLSX; a re-run changes nothing); price rows land in a draft version of their list, never
// in a published one; bad rows are reported by row and column in both languages.
let from: TestApp;
let to: TestApp;

beforeAll(async () => {
  from = await testApp();
  to = await testApp({ services: { importBatchRows: 2 } });
}, 300_000);
afterAll(async () => {
  await from.close();
  await to.close();
});

async function upload(t: TestApp, format: 'csv' | 'xlsx', bytes: Uint8Array | string, entity: 'parts' | 'prices') {
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
  if (validated.rowsValid === 0) return validated;
  const running = await t.post(`/imports/${imp.id}/run`, { version: validated.version });
  expect(running.status, JSON.stringify(running.body)).toBe(200);
  await t.services.imports.process(imp.id, 'run');
  return (await t.get(`/imports/${imp.id}`)).body;
}

type Part = { number: string; nameZh: string; nameEn: string; modelIds: string[]; isMain: boolean; listPrice: { amountFen: number }; issuePrice: { amountFen: number }; serialised: boolean; returnable: boolean; returnDays: number | null; warrantyMonths: number; active: boolean };

describe(`catalogue imports, ${engine}`, () => {
  it('imports the parts Aftercare exported (models by code) and gets the same parts; a re-run changes nothing; a changed row replaces the part; bad rows are reported in both languages', async () => {
    const models: Record<string, string> = {};
    for (const [name, t] of [['from', from], ['to', to]] as const) {
      const cat = await t.post('/catalog/categories', { code: 'IMPPART', nameZh: '洗衣机', nameEn: 'Washer' });
      const made = await t.post('/catalog/models', { categoryId: cat.body.id, code: 'IMP-WM-1', nameZh: '导入洗衣机', nameEn: 'Imported washer', wholeUnitMonths: 12, mainPartsMonths: 36, mainParts: ['MOTOR'], dailyDepreciationRate: 0.0005, standardMinutes: { installation: 60, repair: 60 } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      models[name] = made.body.id;
    }
    const made = [
      { number: 'IMP-MOTOR-1', nameZh: '电机, "直驱"', nameEn: 'Motor, direct drive', modelIds: [models.from], isMain: true, listFen: 45000, issueFen: 30000, serialised: true, returnable: true, returnDays: 30, warrantyMonths: 12 },
      { number: 'IMP-BELT-2', nameZh: '皮带', nameEn: '=Belt', listFen: 1500, issueFen: 900 },
    ];
    for (const p of made) expect((await from.post('/parts', p)).status).toBe(201);
    const exported = await from.app.request('/parts/export?format=csv&search=IMP-', { headers: from.admin.headers });
    expect(exported.status).toBe(200);
    const csv = new Uint8Array(await exported.arrayBuffer());
    const imp = await upload(to, 'csv', csv, 'parts');
    expect(imp.mapping).toMatchObject({ number: 'number', nameZh: 'nameZh', nameEn: 'nameEn', listFen: 'listFen', issueFen: 'issueFen', returnable: 'returnable', returnDays: 'returnDays', modelCodes: 'modelCodes' });
    expect(await importAll(to, imp)).toMatchObject({ status: 'done', rowsTotal: 2, rowsValid: 2, created: 2 });

    const partsOf = async (t: TestApp, modelId: string) =>
      ((await t.get('/parts?search=IMP-&limit=100')).body.items as Part[]).map((p) => ({ ...p, id: undefined, version: undefined, modelIds: p.modelIds.map((m) => (m === modelId ? 'IMP-WM-1' : m)) }));
    const source = await partsOf(from, models.from);
    expect(source).toHaveLength(2);
    expect(await partsOf(to, models.to)).toEqual(source);

    // Again, CSV and XLSX: nothing changes.
    expect(await importAll(to, await upload(to, 'csv', csv, 'parts'))).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2 });
    const xlsx = await from.app.request('/parts/export?format=xlsx&search=IMP-', { headers: from.admin.headers });
    expect(await importAll(to, await upload(to, 'xlsx', new Uint8Array(await xlsx.arrayBuffer()), 'parts'))).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2 });
    expect(await partsOf(to, models.to)).toEqual(source);

    // A changed price replaces the part (by its number); bad rows are left out with their reasons.
    const file = [
      '配件编号,中文名称,英文名称,零售价（分）,旧件返厂,返厂天数,适用型号',
      'IMP-BELT-2,皮带,=Belt,1800,否,,',
      'IMP-BAD-3,门封,,12.5,是,,NO-SUCH-MODEL',
    ].join('\n');
    const changed = await upload(to, 'csv', file, 'parts');
    expect(changed.mapping).toMatchObject({ number: '配件编号', nameZh: '中文名称', listFen: '零售价（分）', returnable: '旧件返厂', modelCodes: '适用型号' });
    expect(await importAll(to, changed)).toMatchObject({ status: 'done', rowsTotal: 2, rowsValid: 1, rowsInvalid: 1, updated: 1, created: 0 });
    const report = (await to.get(`/imports/${changed.id}/problems`)).body.items;
    expect(report).toEqual(
      expect.arrayContaining([
        { row: 3, column: '英文名称', reason: { en: 'required', zh: '必填' } },
        expect.objectContaining({ row: 3, column: '零售价（分）', reason: { en: 'must be a whole number of fen (分) from 0 to 1000000000', zh: '须为 0 到 1000000000 之间的整数（单位：分）' } }),
        { row: 3, column: '返厂天数', reason: { en: 'required when the old part must come back', zh: '旧件须返厂时必填' } },
        { row: 3, column: '适用型号', reason: { en: 'no such product model NO-SUCH-MODEL', zh: '不存在产品型号 NO-SUCH-MODEL' } },
      ]),
    );
    const belt = (await partsOf(to, models.to)).find((p) => p.number === 'IMP-BELT-2')!;
    // One price in the file: the network is charged the list price.
    expect(belt).toMatchObject({ listPrice: { amountFen: 1800 }, issuePrice: { amountFen: 1800 }, nameEn: '=Belt' });
    expect((await to.get('/parts?search=IMP-BAD')).body.items).toHaveLength(0);
  });

  it('imports price rows into a draft of the national list (labour, extras, distance, areas); a re-run changes nothing; a published version is never changed; bad rows are reported in both languages', async () => {
    const cat = await to.post('/catalog/categories', { code: 'IMPFEE', nameZh: '热水器', nameEn: 'Water heater' });
    const header = 'key,providerCode,effectiveFrom,section,categoryCode,kind,mode,callOutFen,labourFen,code,nameZh,nameEn,unit,priceFen,customerPays,areaType,freeKm,ratePerKmFen,maxKm,province,city,district';
    const rows = [
      'L1,,2026-01-01,labour,IMPFEE,repair,part_swap,3000,8000,,,,,,,,,,,,,',
      'L2,,2026-01-01,工时,,repair,inspection,3000,2000,,,,,,,,,,,,,',
      'E1,,2026-01-01,extra,,,,,,pipe_metre,铜管,Copper pipe,metre,4500,是,,,,,,,',
      'D1,,2026-01-01,distance,,,,,,,,,,,,town,20,150,80,,,',
      'A1,,2026-01-01,area,,,,,,,,,,,,mountain,,,,四川省,阿坝州,',
      'B1,,2026-01-01,labour,NOPE,repair,fly,-5,,,,,,,,,,,,,,',
      'B2,NO-SUCH-PROVIDER,2026-13-01,bonus,,,,,,,,,,,,,,,,,,',
    ];
    const imp = await upload(to, 'csv', [header, ...rows].join('\n'), 'prices');
    expect(imp.mapping).toMatchObject({ externalKey: 'key', providerCode: 'providerCode', effectiveFrom: 'effectiveFrom', section: 'section', callOutFen: 'callOutFen', ratePerKmFen: 'ratePerKmFen' });
    expect(await importAll(to, imp)).toMatchObject({ status: 'done', rowsTotal: 7, rowsValid: 5, rowsInvalid: 2, created: 5 });
    const report = (await to.get(`/imports/${imp.id}/problems`)).body.items;
    expect(report).toEqual(
      expect.arrayContaining([
        { row: 7, column: 'categoryCode', reason: { en: 'no such product category NOPE', zh: '不存在产品品类 NOPE' } },
        expect.objectContaining({ row: 7, column: 'mode' }),
        expect.objectContaining({ row: 7, column: 'callOutFen' }),
        { row: 7, column: 'labourFen', reason: { en: 'required for labour', zh: 'labour 行必填' } },
        { row: 8, column: 'providerCode', reason: { en: 'no such provider NO-SUCH-PROVIDER', zh: '不存在服务商 NO-SUCH-PROVIDER' } },
        { row: 8, column: 'effectiveFrom', reason: { en: 'must be a date YYYY-MM-DD', zh: '须为 YYYY-MM-DD 格式的日期' } },
        expect.objectContaining({ row: 8, column: 'section' }),
      ]),
    );

    const national = ((await to.get('/price-lists')).body.items as { id: string; scope: string; versions: { id: string; status: string; effectiveFrom: string }[] }[]).find((l) => l.scope === 'national')!;
    expect(national.versions).toHaveLength(1);
    expect(national.versions[0]).toMatchObject({ status: 'draft', effectiveFrom: '2026-01-01' });
    const draft = (await to.get(`/price-list-versions/${national.versions[0].id}`)).body;
    expect(draft.content).toEqual({
      currency: 'CNY',
      labour: [
        { categoryId: cat.body.id, kind: 'repair', mode: 'part_swap', callOutFen: 3000, labourFen: 8000 },
        { categoryId: null, kind: 'repair', mode: 'inspection', callOutFen: 3000, labourFen: 2000 },
      ],
      extras: [{ code: 'pipe_metre', nameZh: '铜管', nameEn: 'Copper pipe', unit: 'metre', priceFen: 4500, customerPays: true }],
      distance: [{ areaType: 'town', freeKm: 20, ratePerKmFen: 150, maxKm: 80 }],
      areas: [{ province: '四川省', city: '阿坝州', district: null, areaType: 'mountain' }],
      defaultAreaType: 'city',
    });

    // The same file again: nothing changes. A changed price changes the draft's item in place.
    expect(await importAll(to, await upload(to, 'csv', [header, ...rows].join('\n'), 'prices'))).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 5 });
    expect(await importAll(to, await upload(to, 'csv', [header, rows[0].replace(',8000,', ',9000,')].join('\n'), 'prices'))).toMatchObject({ status: 'done', updated: 1 });
    const after = (await to.get(`/price-list-versions/${national.versions[0].id}`)).body;
    expect(after.content.labour).toEqual([
      { categoryId: null, kind: 'repair', mode: 'inspection', callOutFen: 3000, labourFen: 2000 },
      { categoryId: cat.body.id, kind: 'repair', mode: 'part_swap', callOutFen: 3000, labourFen: 9000 },
    ]);

    // Published: the import refuses to change it (the dry run says so), and a later day makes a new draft.
    expect((await to.post(`/price-list-versions/${after.id}/publish`, { version: after.version })).status).toBe(200);
    const refused = await importAll(to, await upload(to, 'csv', [header, rows[0].replace(',9000,', ',9500,')].join('\n'), 'prices'));
    expect(refused).toMatchObject({ status: 'validated', rowsValid: 0, rowsInvalid: 1 });
    expect((await to.get(`/imports/${refused.id}/problems`)).body.items).toEqual([
      { row: 2, column: 'effectiveFrom', reason: { en: "this list's version from 2026-01-01 is published, and published prices never change: use another day", zh: '该价目表 2026-01-01 起的版本已发布，已发布的价格不能修改：请换一个生效日期' } },
    ]);
    expect(await importAll(to, await upload(to, 'csv', [header, rows[0].replace(',9000,', ',9500,').replace('2026-01-01', '2026-02-01').replace('L1,', 'L1-feb,')].join('\n'), 'prices'))).toMatchObject({ status: 'done', created: 1 });
    // Round trip: the published version exported (CSV, then XLSX) imports into another Aftercare as the same items.
    const fromCat = await from.post('/catalog/categories', { code: 'IMPFEE', nameZh: '热水器', nameEn: 'Water heater' });
    const exported = await to.app.request(`/price-list-versions/${after.id}/export?format=csv`, { headers: to.admin.headers });
    expect(exported.status).toBe(200);
    const back = await upload(from, 'csv', new Uint8Array(await exported.arrayBuffer()), 'prices');
    expect(await importAll(from, back)).toMatchObject({ status: 'done', rowsTotal: 5, created: 5 });
    const fromNational = ((await from.get('/price-lists')).body.items as { scope: string; versions: { id: string }[] }[]).find((l) => l.scope === 'national')!;
    const copy = (await from.get(`/price-list-versions/${fromNational.versions[0].id}`)).body;
    expect(copy).toMatchObject({ status: 'draft', effectiveFrom: '2026-01-01' });
    const sameCategory = (c: { labour: { categoryId: string | null }[] }, id: string) => ({ ...c, labour: c.labour.map((l) => ({ ...l, categoryId: l.categoryId === id ? 'IMPFEE' : l.categoryId })) });
    expect(sameCategory(copy.content, fromCat.body.id)).toEqual(sameCategory(after.content, cat.body.id));
    const xlsx = await to.app.request(`/price-list-versions/${after.id}/export?format=xlsx`, { headers: to.admin.headers });
    expect(await importAll(from, await upload(from, 'xlsx', new Uint8Array(await xlsx.arrayBuffer()), 'prices'))).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 5 });

    const versions = ((await to.get(`/price-lists/${national.id}`)).body.versions as { status: string; effectiveFrom: string; id: string }[]).map((v) => [v.status, v.effectiveFrom]);
    expect(versions).toEqual(expect.arrayContaining([['published', '2026-01-01'], ['draft', '2026-02-01']]));
  });
});
