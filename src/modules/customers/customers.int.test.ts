import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, seedWorld, testApp, uniquePhone, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const address = { province: '上海市', city: '上海市', district: '浦东新区', street: '世纪大道 88 号', lat: 31.23, lng: 121.5 };

describe(`customers on ${engine}`, () => {
  it('creates a customer with phones, addresses and defaults, normalising phones', async () => {
    const phone = uniquePhone();
    const res = await t.post('/customers', {
      name: '李娜',
      birthday: '1990-05-17',
      consentToContact: true,
      phones: [{ phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}` }, { phone: '021-55556666', label: 'home' }],
      addresses: [address],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'person', tier: 'ordinary', preferredLanguage: 'zh', preferredChannel: 'sms', consentToContact: true, version: 1 });
    expect(res.body.number).toMatch(/^C\d{7}$/);
    // Staff see numbers masked; the full ones come through a recorded reveal.
    expect(res.body.phones.map((p: any) => [p.phone, p.isPrimary])).toEqual([[`${phone.slice(0, 3)}****${phone.slice(-4)}`, true], ['021****6666', false]]);
    const revealed = await t.post(`/customers/${res.body.id}/reveal-phones`);
    expect(revealed.body.items.map((p: any) => p.phone)).toEqual([phone, '02155556666']);
    expect(res.body.addresses[0]).toMatchObject({ ...address, isDefault: true });
    expect(res.body.consentChangedAt).not.toBeNull();
    // Read back, alone and in a search (the phones and addresses come with the customer's own row there).
    const again = (await t.get(`/customers/${res.body.id}`)).body;
    const found = (await t.get(`/customers?phone=${phone.slice(-4)}&limit=200`)).body.items.find((c: any) => c.id === res.body.id);
    for (const read of [again, found]) {
      expect(read.phones).toEqual(res.body.phones);
      expect(read.addresses).toEqual(res.body.addresses);
    }
  });

  it('warns of a duplicate phone and creates only when told to', async () => {
    const phone = uniquePhone();
    const first = await t.post('/customers', { name: '王芳', phones: [{ phone }] });
    const dup = await t.post('/customers', { name: '王芳芳', phones: [{ phone: '021-1234567' }, { phone }] });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_phone');
    expect(dup.body.error.details[0]).toMatchObject({ path: 'phones.1.phone', customerId: first.body.id });
    const check = await t.get(`/customers/duplicates?phone=${phone}`);
    expect(check.body.items.map((m: any) => m.customerId)).toEqual([first.body.id]);
    const forced = await t.post('/customers', { name: '王芳芳', phones: [{ phone }], allowDuplicatePhone: true });
    expect(forced.status).toBe(201);
    expect((await t.get(`/customers/duplicates?phone=${phone}`)).body.items).toHaveLength(2);
  });

  it('finds customers by full phone, phone tail, name, number and serial', async () => {
    const world = await seedWorld(t);
    const phone = world.phone;
    const serial = world.unit.serials[0].serial;
    const ids = async (query: string) => (await t.get(`/customers?${query}`)).body.items.map((c: any) => c.id);
    expect(await ids(`phone=${phone}`)).toEqual([world.customer.id]);
    expect(await ids(`phone=${phone.slice(-8)}`)).toContain(world.customer.id);
    expect(await ids(`q=${encodeURIComponent('张伟')}`)).toContain(world.customer.id);
    expect(await ids(`q=${world.customer.number}`)).toEqual([world.customer.id]);
    expect(await ids(`serial=${serial}`)).toEqual([world.customer.id]);
    expect(await ids(`q=${serial}`)).toEqual([world.customer.id]);
    expect(await ids('phone=10000000000')).toEqual([]);
  });

  it('pages and sorts', async () => {
    for (const name of ['甲', '乙', '丙']) await t.post('/customers', { name: `排序${name}`, phones: [{ phone: uniquePhone() }] });
    const page = await t.get(`/customers?name=${encodeURIComponent('排序')}&sort=name&limit=2`);
    expect(page.body.total).toBe(3);
    expect(page.body.items).toHaveLength(2);
    const names = page.body.items.map((c: any) => c.name);
    expect([...names].sort()).toEqual(names);
    const rest = await t.get(`/customers?name=${encodeURIComponent('排序')}&sort=name&limit=2&offset=2`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.total).toBe(3);
    expect(names).not.toContain(rest.body.items[0].name);
    // A page past the end has no customer to carry the count: it is counted on its own.
    expect((await t.get(`/customers?name=${encodeURIComponent('排序')}&limit=2&offset=5`)).body).toEqual({ items: [], total: 3, limit: 2, offset: 5 });
  });

  it('updates with a version check, and a stale edit conflicts', async () => {
    const c = (await t.post('/customers', { name: '赵强', phones: [{ phone: uniquePhone() }] })).body;
    const upd = await t.patch(`/customers/${c.id}`, { version: 1, tier: 'gold', consentToContact: true, addresses: [address] });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ tier: 'gold', version: 2, consentToContact: true });
    expect(upd.body.addresses).toHaveLength(1);
    const stale = await t.patch(`/customers/${c.id}`, { version: 1, name: '赵强强' });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
    expect((await t.get(`/customers/${c.id}`)).body.name).toBe('赵强');
  });

  it('keeps tiers as data', async () => {
    const unknown = await t.post('/customers', { name: 'x', tier: 'diamond', phones: [{ phone: uniquePhone() }] });
    expect([unknown.status, unknown.body.error.details[0].path]).toEqual([400, 'tier']);
    expect((await t.post('/customer-tiers', { code: 'diamond', nameZh: '钻石', nameEn: 'Diamond', rank: 40 })).status).toBe(201);
    expect((await t.post('/customer-tiers', { code: 'diamond', nameZh: '钻石', nameEn: 'Diamond', rank: 40 })).status).toBe(409);
    expect((await t.post('/customers', { name: 'x', tier: 'diamond', phones: [{ phone: uniquePhone() }] })).status).toBe(201);
    const tiers = (await t.get('/customer-tiers')).body.items.map((x: any) => x.code);
    expect(tiers).toEqual(['ordinary', 'silver', 'gold', 'platinum', 'diamond']);
  });

  it('names the field and reason for bad input and writes nothing', async () => {
    const before = (await t.get('/customers?limit=1')).body.total;
    const cases: [unknown, string][] = [
      [{ name: '', phones: [{ phone: uniquePhone() }] }, 'name'],
      [{ name: 'x', phones: [] }, 'phones'],
      [{ name: 'x', phones: [{ phone: 'call me maybe' }] }, 'phones.0.phone'],
      [{ name: 'x', phones: [{ phone: uniquePhone() }], birthday: '1990-02-30' }, 'birthday'],
      [{ name: 'x', phones: [{ phone: uniquePhone() }], addresses: [{ ...address, lat: 123 }] }, 'addresses.0.lat'],
      [{ name: 'x', phones: [{ phone: uniquePhone() }], email: 'not-an-email' }, 'email'],
    ];
    for (const [body, path] of cases) {
      const res = await t.post('/customers', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
    expect((await t.get('/customers?limit=1')).body.total).toBe(before);
    expect((await t.get('/customers/not-a-uuid')).status).toBe(400);
    expect((await t.get('/customers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
