import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let categoryId: string;
beforeAll(async () => {
  t = await testApp();
  categoryId = (await t.post('/catalog/categories', { code: 'NET-AC', nameZh: '空调', nameEn: 'AC' })).body.id;
});
afterAll(() => t.close());

const area = {
  regions: [{ province: '广东省', city: '广州市', district: '天河区' }],
  postalCodes: ['510620'],
  polygons: [[[113.2, 23.0], [113.5, 23.0], [113.5, 23.3], [113.2, 23.3]]],
};
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));

describe(`providers and technicians on ${engine}`, () => {
  it('contracts a provider with dates, categories, area, capacity and time zone, and changes it at a version', async () => {
    const made = await t.post('/providers', {
      code: 'NET1', name: '天河网点', kind: 'contractor', contactName: '李经理', contactPhone: '020-8888 6666', contactEmail: 'li@example.com',
      contractFrom: '2026-01-01', contractTo: '2026-12-31', categoryIds: [categoryId], serviceArea: area, capacity: 40,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'contractor', contactPhone: '02088886666', capacity: 40, timeZone: 'Asia/Shanghai', categoryIds: [categoryId], version: 1 });
    expect(made.body.serviceArea).toEqual(area);
    const changed = await t.patch(`/providers/${made.body.id}`, { version: 1, capacity: 60, contractTo: '2027-06-30' });
    expect(changed.body).toMatchObject({ capacity: 60, contractTo: '2027-06-30', version: 2 });
    const stale = await t.patch(`/providers/${made.body.id}`, { version: 1, capacity: 70 });
    expect(stale.status).toBe(409);
    expect((await t.get(`/providers/${made.body.id}`)).body.capacity).toBe(60);
    // An English name, optional: given later, read back with the provider and its public name; taken away with null.
    expect(made.body.nameEn).toBeNull();
    const named = await t.patch(`/providers/${made.body.id}`, { version: 2, nameEn: ' Tianhe Service Point ' });
    expect([named.status, named.body.nameEn]).toEqual([200, 'Tianhe Service Point']);
    expect((await t.get(`/providers/${made.body.id}/name`)).body).toMatchObject({ name: '天河网点', nameEn: 'Tianhe Service Point' });
    expect((await t.patch(`/providers/${made.body.id}`, { version: 3, nameEn: '' })).status).toBe(400);
    expect((await t.patch(`/providers/${made.body.id}`, { version: 3, nameEn: null })).body.nameEn).toBeNull();
  });

  it('refuses bad provider input naming the field', async () => {
    const base = { code: 'NETBAD', name: '坏', kind: 'agent', contactName: '某', contactPhone: '02012345678' };
    const cases: [unknown, string][] = [
      [{ ...base, contractFrom: '2026-05-01', contractTo: '2026-04-01' }, 'contractTo'],
      [{ ...base, categoryIds: ['00000000-0000-4000-8000-000000000000'] }, 'categoryIds'],
      [{ ...base, serviceArea: { polygons: [[[1, 1], [1, 1], [1, 1]]] } }, 'serviceArea.polygons'],
      [{ ...base, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...base, capacity: 0 }, 'capacity'],
    ];
    for (const [body, path] of cases) {
      const res = await t.post('/providers', body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    }
    expect((await t.get('/providers')).body.items.map((p: any) => p.code)).not.toContain('NETBAD');
  });

  it('lets a provider admin manage their own technicians: skills, home, shifts, absences; others are not found', async () => {
    const mine = await t.post('/providers', { code: 'NET2', name: '甲', kind: 'branch', contactName: '甲', contactPhone: '02000000011' });
    const theirs = await t.post('/providers', { code: 'NET3', name: '乙', kind: 'agent', contactName: '乙', contactPhone: '02000000012' });
    const admin = await tokenFor(t.services, 'provider_admin', 'net-admin', { providerId: mine.body.id });
    const own = await t.post('/technicians', { providerId: mine.body.id, name: '王师傅', phone: '13900000101', skills: ['AC', 'AC'], homeLat: 23.13, homeLng: 113.32, shifts: weekdays }, admin.headers);
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ status: 'active', skills: ['AC'], homeLat: 23.13, maxJobsPerDay: 8, version: 1 });
    const foreign = await t.post('/technicians', { providerId: theirs.body.id, name: '外人', phone: '13900000102' });
    // Another provider's technician: cannot be made, seen, changed or given absences.
    expect((await t.post('/technicians', { providerId: theirs.body.id, name: 'x', phone: '13900000103' }, admin.headers)).status).toBe(400);
    expect((await t.get(`/technicians/${foreign.body.id}`, admin.headers)).status).toBe(404);
    expect((await t.call('PATCH', `/technicians/${foreign.body.id}`, { version: 1, status: 'left' }, admin.headers)).status).toBe(404);
    expect((await t.post(`/technicians/${foreign.body.id}/absences`, { from: '2026-06-02T00:00:00Z', to: '2026-06-03T00:00:00Z', reason: '病假' }, admin.headers)).status).toBe(404);
    expect((await t.get('/technicians', admin.headers)).body.items.map((x: any) => x.id)).toEqual([own.body.id]);
    // Nor change the provider itself.
    expect((await t.call('PATCH', `/providers/${mine.body.id}`, { version: 1, capacity: 1 }, admin.headers)).status).toBe(403);

    const changed = await t.call('PATCH', `/technicians/${own.body.id}`, { version: 1, skills: ['AC', 'WASHER'], status: 'suspended' }, admin.headers);
    expect(changed.body).toMatchObject({ skills: ['AC', 'WASHER'], status: 'suspended', version: 2 });
    const overlap = await t.call('PATCH', `/technicians/${own.body.id}`, { version: 2, shifts: [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '18:00' }] }, admin.headers);
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.details[0].path).toBe('shifts');
    const halfHome = await t.call('PATCH', `/technicians/${own.body.id}`, { version: 2, homeLat: 23.1 }, admin.headers);
    expect(halfHome.status).toBe(400);

    const leave = await t.post(`/technicians/${own.body.id}/absences`, { from: '2026-06-02T00:00:00+08:00', to: '2026-06-03T00:00:00+08:00', reason: '年假' }, admin.headers);
    expect(leave.status).toBe(201);
    const backwards = await t.post(`/technicians/${own.body.id}/absences`, { from: '2026-06-03T00:00:00Z', to: '2026-06-02T00:00:00Z', reason: 'x' }, admin.headers);
    expect(backwards.status).toBe(400);
    expect((await t.get(`/technicians/${own.body.id}/absences`, admin.headers)).body.items).toHaveLength(1);
    const listed = await t.get(`/technicians/${own.body.id}/absences?from=2026-06-01T00:00:00Z&to=2026-06-30T00:00:00Z`, admin.headers);
    expect(listed.body.items).toEqual([expect.objectContaining({ reason: '年假', createdBy: expect.stringContaining('net-admin') })]);
  });
});
