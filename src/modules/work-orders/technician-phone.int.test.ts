import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import { engine, manualClock, seedWorld, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { ok, onSiteOrder } from '../../../test/on-site.js';
import { historyOf } from '../parts/parts.repo.js';

// The technician's day on a phone, through the API: a navigation link to the order's address in
// the datum of the maps app the setting names (Baidu here: BD-09), for a technician only while the
// order is open; the technician reads their own record and their provider's public name (never
// another's, nor the provider's full record); and the old part of a returnable part used under
// warranty is marked bagged and labelled with its tag, once, with a history row.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let tech: Record<string, string>;
let otherTech: Record<string, string>;
let manager: Record<string, string>;
let otherProvider: { id: string };
let order: { id: string; number: string; version: number };

beforeAll(async () => {
  t = await testApp({ clock, services: { navApp: 'baidu' } });
  w = await seedWorld(t);
  tech = (await tokenFor(t.services, 'technician', 'ph-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  otherTech = (await tokenFor(t.services, 'technician', 'ph-tech2', { providerId: w.provider.id, technicianId: w.technicians[1].id })).headers;
  manager = (await tokenFor(t.services, 'manager', 'ph-manager')).headers;
  otherProvider = await ok(await t.post('/providers', { code: 'PH-OTHER', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099998888' }));
  order = await onSiteOrder(t, w, clock, '2026-06-02');
}, 120_000);
afterAll(() => t?.close());

describe(`the technician's phone on ${engine}`, () => {
  it("links to the order's address in the maps app's datum; not for another technician, nor once the order is closed to them", async () => {
    const link = await ok(await t.get(`/work-orders/${order.id}/navigation`, tech), 200);
    const [lng, lat] = gcoord.transform([113.32, 23.13], gcoord.WGS84, gcoord.BD09) as [number, number];
    expect(link).toMatchObject({ app: 'baidu', datum: 'bd09', approximate: false });
    expect(link.lat).toBeCloseTo(lat, 5);
    expect(link.lng).toBeCloseTo(lng, 5);
    const url = new URL(link.url);
    expect(url.host).toBe('api.map.baidu.com');
    expect(url.searchParams.get('destination')).toBe(`latlng:${link.lat},${link.lng}|name:${order.number}`);
    // The customer's name never goes to the maps company.
    expect(link.url).not.toContain(encodeURIComponent(w.customer.name));
    expect((await t.get(`/work-orders/${order.id}/navigation`, otherTech)).status).toBe(404);
    expect((await t.get(`/work-orders/00000000-0000-4000-8000-000000000000/navigation`, tech)).status).toBe(404);
    expect((await t.get(`/work-orders/not-a-uuid/navigation`, tech)).status).toBe(400);
  });

  it("reads the technician's own record and their provider's name, never another's, nor the provider's full record", async () => {
    expect(await ok(await t.get(`/technicians/${w.technicians[0].id}`, tech), 200)).toMatchObject({ id: w.technicians[0].id, name: '王师傅' });
    expect((await t.get(`/technicians/${w.technicians[1].id}`, tech)).status).toBe(404);
    expect(await ok(await t.get(`/providers/${w.provider.id}/name`, tech), 200)).toEqual({ id: w.provider.id, code: w.provider.code, name: '天河服务网点', nameEn: null });
    expect((await t.get(`/providers/${otherProvider.id}/name`, tech)).status).toBe(404);
    expect((await t.get(`/providers/${w.provider.id}`, tech)).status).toBe(403);
    expect((await t.get(`/technicians`, tech)).status).toBe(403);
    // Staff with network.read read any provider's name in their scope.
    expect((await ok(await t.get(`/providers/${otherProvider.id}/name`, manager), 200)).name).toBe('别家网点');
  });

  it('marks the old part of a returnable part used under warranty labelled with its tag, once, with history; bad input names the field', async () => {
    const van = (await ok(await t.post('/stock/locations', { code: 'PH-VAN', kind: 'van', nameZh: '王师傅车载库', nameEn: "Wang's van", technicianId: w.technicians[0].id }, manager))).id;
    const pump = await ok(await t.post('/parts', { number: 'PH-PUMP', nameZh: '排水泵', nameEn: 'Drain pump', modelIds: [w.model.id], listFen: 9000, issueFen: 5000, returnable: true, returnDays: 15 }, manager));
    await ok(await t.post('/stock/receipts', { locationId: van, partId: pump.id, quantity: 2 }, manager));
    await ok(await t.post(`/work-orders/${order.id}/parts-used`, { lineKey: 'l1', partId: pump.id, oldSerial: 'OLD-PH-1' }, tech));
    const [owed] = (await ok(await t.get(`/old-parts/returns?orderId=${order.id}`, tech), 200)).items;
    expect(owed).toMatchObject({ status: 'due', label: null });

    const bad = await t.post(`/old-parts/returns/${owed.id}/label`, { version: owed.version, tag: '  ' }, tech);
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'tag']);
    const noVersion = await t.post(`/old-parts/returns/${owed.id}/label`, { tag: 'T-1' }, tech);
    expect([noVersion.status, noVersion.body.error.details[0].path]).toEqual([400, 'version']);
    expect((await t.post(`/old-parts/returns/${owed.id}/label`, { version: owed.version, tag: 'T-1' }, otherTech)).status).toBe(404);
    expect((await t.post(`/old-parts/returns/${owed.id}/label`, { version: owed.version + 5, tag: 'T-1' }, tech)).status).toBe(409);

    clock.set(new Date('2026-06-02T02:40:00Z'));
    // Two taps at once: one labels it, the other is refused.
    const both = await Promise.all(['TAG-0001', 'TAG-0002'].map((tag) => t.post(`/old-parts/returns/${owed.id}/label`, { version: owed.version, tag }, tech)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = both.find((r) => r.status === 200)!.body;
    expect(won).toMatchObject({ status: 'due', version: owed.version + 1, label: { labelledAt: '2026-06-02T02:40:00.000Z', labelledBy: expect.stringMatching(/:ph-tech$/) } });
    const again = await t.post(`/old-parts/returns/${owed.id}/label`, { version: won.version, tag: 'TAG-9' }, tech);
    expect([again.status, again.body.error.code]).toEqual([409, 'already_labelled']);
    expect((await ok(await t.get(`/old-parts/returns?orderId=${order.id}`, manager), 200)).items[0].label.tag).toBe(won.label.tag);

    // The history and the audit log say who labelled it and with which tag.
    const history = await historyOf(t.services.database.db, owed.id);
    expect(history.filter((h) => h.action === 'label').map((h) => ({ actor: h.actor, from: h.fromStatus, to: h.toStatus, tag: h.details.tag }))).toEqual([{ actor: won.label.labelledBy, from: 'due', to: 'due', tag: won.label.tag }]);
    const audit = await ok(await t.get(`/audit?subjectId=${owed.id}&action=parts.return.label`), 200);
    expect(audit.items).toHaveLength(1);
  });
});
