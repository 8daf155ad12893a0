import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';

const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
const D = '2026-06-02';
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
const tianhe = { province: '广东省', city: '广州市', district: '天河区' };
const haizhu = { province: '广东省', city: '广州市', district: '海珠区' };

let t: TestApp;
let w: { modelId: string; otherModelId: string; providerId: string; technicianId: string };

async function ok(res: { status: number; body: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function openOrder(extra: Record<string, unknown> = {}) {
  const c = await ok(await t.post('/customers', { name: '客户', phones: [{ phone: uniquePhone() }], addresses: [{ ...tianhe, street: '体育西路 1 号', lat: 23.13, lng: 113.32, isDefault: true }] }));
  const unit = await ok(await t.post('/units', { modelId: w.modelId, ownerId: c.id, serials: [{ role: 'indoor', serial: `COR${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 300000 }));
  const o = await ok(await t.post('/work-orders', { kind: 'repair', customerId: c.id, unitId: unit.id, symptom: '不制冷', accept: true, wishedFrom: `${D}T09:00:00+08:00`, wishedTo: `${D}T12:00:00+08:00`, ...extra }));
  return { customerId: c.id, unitId: unit.id, order: o };
}

async function booked() {
  const { customerId, order } = await openOrder();
  let o = await ok(await t.post(`/work-orders/${order.id}/dispatch`, { version: order.version, providerId: w.providerId }), 200);
  o = await ok(await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: w.technicianId }), 200);
  o = await ok(await t.post(`/work-orders/${o.id}/book`, { version: o.version, from: `${D}T09:00:00+08:00`, to: `${D}T11:00:00+08:00` }), 200);
  return { customerId, order: o };
}

beforeAll(async () => {
  t = await testApp({ clock });
  const cat = await ok(await t.post('/catalog/categories', { code: 'CAC', nameZh: '空调', nameEn: 'AC', requiredCertification: 'AC-INSTALL' }));
  const washers = await ok(await t.post('/catalog/categories', { code: 'CWASH', nameZh: '洗衣机', nameEn: 'Washer' }));
  const model = await ok(await t.post('/catalog/models', { categoryId: cat.id, code: 'CAC-1', nameZh: '空调', nameEn: 'AC', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005, standardMinutes: { repair: 60 } }));
  const other = await ok(await t.post('/catalog/models', { categoryId: washers.id, code: 'CW-1', nameZh: '洗衣机', nameEn: 'Washer', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005, standardMinutes: { repair: 60 } }));
  const course = await ok(await t.post('/training/courses', { code: 'CAC-COURSE', categoryId: cat.id, certificationCode: 'AC-INSTALL', titleZh: '空调安装', titleEn: 'AC installation' }));
  const provider = await ok(await t.post('/providers', { code: 'CP1', name: '天河网点', kind: 'contractor', contactName: '经理', contactPhone: '02088880001', categoryIds: [cat.id], serviceArea: { regions: [tianhe] }, capacity: 100 }));
  const tech = await ok(await t.post('/technicians', { providerId: provider.id, name: '王师傅', phone: uniquePhone(), skills: ['CAC'], homeLat: 23.12, homeLng: 113.3, shifts: everyDay, maxJobsPerDay: 12 }));
  await ok(await t.post('/certifications', { technicianId: tech.id, courseId: course.id, reason: '厂家认证' }));
  w = { modelId: model.id, otherModelId: other.id, providerId: provider.id, technicianId: tech.id };
});
afterAll(() => t.close());

describe(`correcting an order after intake (${engine})`, () => {
  it("changes contact, symptom, wished window and unit at the order's version, each with a history row of before and after", async () => {
    const { customerId, order } = await openOrder();
    const unit2 = await ok(await t.post('/units', { modelId: w.modelId, ownerId: customerId, serials: [{ role: 'indoor', serial: `COR${uniquePhone()}` }], purchaseDate: '2026-05-02', channel: 'store', priceFen: 300000 }));
    const newPhone = uniquePhone();
    const res = await t.patch(`/work-orders/${order.id}`, {
      version: order.version,
      contactPhone: newPhone,
      symptom: '不制冷，外机异响',
      wishedFrom: `${D}T14:00:00+08:00`,
      wishedTo: `${D}T17:00:00+08:00`,
      unitId: unit2.id,
      reason: '客户来电更正',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ version: order.version + 1, symptom: '不制冷，外机异响', unitId: unit2.id, wishedFrom: '2026-06-02T06:00:00.000Z', wishedTo: '2026-06-02T09:00:00.000Z', warnings: [] });
    expect(res.body.contactPhone).toContain('****');
    const last = (await ok(await t.get(`/work-orders/${order.id}/history`), 200)).items.at(-1);
    expect(last).toMatchObject({ action: 'correct', reason: '客户来电更正', fromStatus: 'awaiting_dispatch', toStatus: 'awaiting_dispatch', version: order.version + 1 });
    expect(Object.keys(last.changes).sort()).toEqual(['contactPhone', 'symptom', 'unitId', 'wishedFrom', 'wishedTo']);
    expect(last.changes.symptom).toEqual({ from: '不制冷', to: '不制冷，外机异响' });
    expect(last.changes.contactPhone.to).toContain('****');
    expect(JSON.stringify(last.changes)).not.toContain(newPhone);

    // The same values again change nothing: no new row, no new version.
    const again = await ok(await t.patch(`/work-orders/${order.id}`, { version: order.version + 1, symptom: '不制冷，外机异响' }), 200);
    expect(again.version).toBe(order.version + 1);
    // A stale version loses: 409, nothing written.
    const stale = await t.patch(`/work-orders/${order.id}`, { version: order.version, symptom: '别的' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', message: expect.stringContaining('请刷新') });
  });

  it('refuses bad corrections naming the field, and closed or cancelled orders with a clear 409', async () => {
    const { order } = await openOrder();
    const stranger = await ok(await t.post('/customers', { name: '别人', phones: [{ phone: uniquePhone() }] }));
    const theirUnit = await ok(await t.post('/units', { modelId: w.modelId, ownerId: stranger.id, serials: [{ role: 'indoor', serial: `COR${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 1 }));
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'version'],
      [{ unitId: theirUnit.id }, 'unitId'],
      [{ contactPhone: 'call me' }, 'contactPhone'],
      [{ wishedTo: `${D}T08:00:00+08:00` }, 'wishedTo'],
      [{ addressId: '00000000-0000-4000-8000-000000000000' }, 'addressId'],
      [{ redispatch: 'yes' }, 'redispatch'],
    ];
    for (const [body, path] of cases) {
      const res = await t.patch(`/work-orders/${order.id}`, { version: order.version, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    }
    const cancelled = await ok(await t.post(`/work-orders/${order.id}/cancel`, { version: order.version, reason: '客户取消' }), 200);
    const refused = await t.patch(`/work-orders/${order.id}`, { version: cancelled.version, symptom: '改' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'order_not_open', details: { status: 'cancelled' } });
    expect(refused.body.error.message).toMatch(/cancelled.*已取消/);
  });

  it('says when a new address leaves the provider\'s area, on the answer and on the order, until it is dispatched elsewhere', async () => {
    const { order } = await booked();
    const res = await t.patch(`/work-orders/${order.id}`, { version: order.version, address: { ...haizhu, street: '江南大道 5 号', lat: 23.09, lng: 113.27 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const codes = res.body.warnings.map((x: any) => x.code);
    expect(codes).toEqual(['outside_provider_area', 'booked_visit_moved']);
    expect(res.body.warnings[0]).toMatchObject({ en: expect.stringContaining('does not serve 广州市 海珠区'), zh: expect.stringContaining('服务区域不含') });
    expect((await ok(await t.get(`/work-orders/${order.id}`), 200)).warnings.map((x: any) => x.code)).toEqual(codes);
    const last = (await ok(await t.get(`/work-orders/${order.id}/history`), 200)).items.at(-1);
    expect(last.changes.address.to).toMatchObject({ district: '海珠区', approximate: false });
    expect(last.changes.warnings).toEqual({ from: [], to: codes });

    // Back inside the area: the area warning clears; the visit still moved.
    const back = await ok(await t.patch(`/work-orders/${order.id}`, { version: res.body.version, address: { ...tianhe, street: '体育东路 3 号', lat: 23.135, lng: 113.33 } }), 200);
    expect(back.warnings.map((x: any) => x.code)).toEqual(['booked_visit_moved']);

    // Outside again, then dispatched to the provider that serves Haizhu: the warnings were about the first one's hold and booking.
    const out = await ok(await t.patch(`/work-orders/${order.id}`, { version: back.version, address: { ...haizhu, street: '江南大道 5 号', lat: 23.09, lng: 113.27 } }), 200);
    expect(out.warnings.map((x: any) => x.code)).toContain('outside_provider_area');
    const course = (await ok(await t.get('/training/courses'), 200)).items[0];
    const p2 = await ok(await t.post('/providers', { code: `CP${uniquePhone().slice(-4)}`, name: '海珠网点', kind: 'branch', contactName: '经理', contactPhone: '02088880002', categoryIds: [course.categoryId], serviceArea: { regions: [haizhu] } }));
    const tech2 = await ok(await t.post('/technicians', { providerId: p2.id, name: '李师傅', phone: uniquePhone(), skills: ['CAC'], shifts: everyDay }));
    await ok(await t.post('/certifications', { technicianId: tech2.id, courseId: course.id, reason: '厂家认证' }));
    const moved = await ok(await t.post(`/work-orders/${order.id}/dispatch`, { version: out.version, providerId: p2.id, reason: '地址更正到海珠' }), 200);
    expect(moved.warnings).toEqual([]);
  });

  it('re-judges the booked visit against a changed wished window, and a new unit against the technician', async () => {
    const { customerId, order } = await booked();
    const later = await ok(await t.patch(`/work-orders/${order.id}`, { version: order.version, wishedFrom: `${D}T14:00:00+08:00`, wishedTo: `${D}T18:00:00+08:00` }), 200);
    expect(later.warnings).toEqual([expect.objectContaining({ code: 'appointment_outside_wish', zh: expect.stringContaining('重新预约') })]);
    const cleared = await ok(await t.patch(`/work-orders/${order.id}`, { version: later.version, wishedFrom: `${D}T08:00:00+08:00` }), 200);
    expect(cleared.warnings).toEqual([]);

    const washer = await ok(await t.post('/units', { modelId: w.otherModelId, ownerId: customerId, serials: [{ role: 'indoor', serial: `COR${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 1 }));
    const moved = await ok(await t.patch(`/work-orders/${order.id}`, { version: cleared.version, unitId: washer.id }), 200);
    expect(moved.warnings.map((x: any) => x.code)).toEqual(['provider_category']);
  });

  it('says when the new wish lies beyond the on-site promise, and stops saying it once the wish is back inside', async () => {
    await ok(await t.post('/calendars', { code: 'COR-24x7', nameZh: '全天候', nameEn: 'Round the clock', timeZone: 'Asia/Shanghai', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]), isDefault: true }));
    await ok(await t.post('/promise-policies', { code: 'COR-MAINT', nameZh: '保养', nameEn: 'Maintenance', orderKind: 'maintenance', targets: { on_site: { customerMinutes: 24 * 60 } } }));
    // Opened Monday 10:00 in Shanghai: the visit is promised by Tuesday 10:00.
    const { order } = await openOrder({ kind: 'maintenance' });
    const late = await ok(await t.patch(`/work-orders/${order.id}`, { version: order.version, wishedFrom: '2026-06-05T09:00:00+08:00', wishedTo: '2026-06-05T12:00:00+08:00' }), 200);
    expect(late.warnings).toEqual([expect.objectContaining({ code: 'wish_after_promise', zh: expect.stringContaining('挂起'), en: expect.stringContaining('on hold') })]);
    const inside = await ok(await t.patch(`/work-orders/${order.id}`, { version: late.version, wishedFrom: `${D}T08:00:00+08:00`, wishedTo: `${D}T09:30:00+08:00` }), 200);
    expect(inside.warnings).toEqual([]);
  });

  it('places a corrected address typed without coordinates on the job queue', async () => {
    const { order } = await openOrder();
    const res = await ok(await t.patch(`/work-orders/${order.id}`, { version: order.version, address: { ...tianhe, street: '天河北路 9 号' } }), 200);
    expect(res.address).toMatchObject({ lat: null, lng: null });
    const jobs = await t.database.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'geocoding.place' and data->>'orderId' = ${order.id}`);
    expect((jobs as unknown as { rows: { n: number }[] }).rows[0].n).toBe(1);
    await t.services.geocoding.handle({ orderId: order.id });
    expect((await ok(await t.get(`/work-orders/${order.id}`), 200)).address).toMatchObject({ approximate: true, lat: expect.any(Number) });
  });

  it('lets one of several corrections sent at once at the same version win; the others get 409', async () => {
    const { order } = await openOrder();
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => t.patch(`/work-orders/${order.id}`, { version: order.version, symptom: `更正 ${n}` })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const history = (await ok(await t.get(`/work-orders/${order.id}/history`), 200)).items.filter((h: any) => h.action === 'correct');
    expect(history).toHaveLength(1);
    expect((await ok(await t.get(`/work-orders/${order.id}`), 200)).symptom).toBe(history[0].changes.symptom.to);
  });

  it('lets agents correct, not technicians', async () => {
    const { order } = await booked();
    const tech = await tokenFor(t.services, 'technician', `cortech${uniquePhone()}`, { providerId: w.providerId, technicianId: w.technicianId });
    const res = await t.call('PATCH', `/work-orders/${order.id}`, { version: order.version, symptom: '改' }, tech.headers);
    expect(res.status).toBe(403);
    const agent = await tokenFor(t.services, 'agent', `coragent${uniquePhone()}`);
    expect((await t.call('PATCH', `/work-orders/${order.id}`, { version: order.version, symptom: '改' }, agent.headers)).status).toBe(200);
  });

  it('sends an order whose new address leaves the provider\'s area back for dispatch only when the agent asks; the customer told once', async () => {
    const { order } = await booked();
    const haizhuAddress = { ...haizhu, street: '江南大道 9 号', lat: 23.09, lng: 113.27 };
    // Inside the area, there is nothing to send back: 422, nothing written.
    const inside = await t.patch(`/work-orders/${order.id}`, { version: order.version, symptom: '改', redispatch: true });
    expect(inside.status).toBe(422);
    expect(inside.body.error).toMatchObject({ code: 'nothing_to_redispatch', details: [{ path: 'redispatch', zh: '仍在服务商区域内' }] });
    expect((await ok(await t.get(`/work-orders/${order.id}`), 200)).version).toBe(order.version);
    // Not asked: the order stays, the warning says so.
    const stays = await ok(await t.patch(`/work-orders/${order.id}`, { version: order.version, address: haizhuAddress }), 200);
    expect(stays).toMatchObject({ status: 'booked', providerId: w.providerId, technicianId: w.technicianId });
    expect(stays.warnings.map((x: any) => x.code)).toContain('outside_provider_area');
    // Asked (alone, after the address): back to awaiting dispatch, provider, technician and visit cleared.
    const back = await ok(await t.patch(`/work-orders/${order.id}`, { version: stays.version, redispatch: true, reason: '地址不在网点区域' }), 200);
    expect(back).toMatchObject({ status: 'awaiting_dispatch', providerId: null, technicianId: null, appointmentFrom: null, appointmentTo: null, warnings: [], version: stays.version + 1 });
    const last = (await ok(await t.get(`/work-orders/${order.id}/history`), 200)).items.at(-1);
    expect(last).toMatchObject({ action: 'correct', fromStatus: 'booked', toStatus: 'awaiting_dispatch', reason: '地址不在网点区域' });
    expect(last.changes.providerId).toEqual({ from: w.providerId, to: null });
    const sms = (await ok(await t.get('/outbox?limit=200'), 200)).items.filter((m: any) => m.subject?.id === order.id && m.template === 'visit_unbooked');
    expect(sms).toHaveLength(1);
    expect(sms[0].bodyZh).toContain('原定上门时间取消');
    // Once visited, too late: 409.
    const visited = await booked();
    const onSite = await ok(await t.post(`/work-orders/${visited.order.id}/check-in`, { version: visited.order.version, lat: 23.13, lng: 113.32 }), 200);
    const late = await t.patch(`/work-orders/${visited.order.id}`, { version: onSite.version, address: haizhuAddress, redispatch: true });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'too_late_to_redispatch', message: expect.stringContaining('尚未上门') });
  });

  it('re-chooses the promise when a corrected unit changes the category: the open clocks run on the new targets, keeping the time used, with a history row', async () => {
    const cal = await ok(await t.post('/calendars', { code: 'COR-ALLDAY', nameZh: '全天', nameEn: 'All day', timeZone: 'Asia/Shanghai', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) }));
    const washers = (await ok(await t.get('/catalog/categories'), 200)).items.find((c: any) => c.code === 'CWASH');
    await ok(await t.post('/promise-policies', { code: 'COR-REPAIR', nameZh: '维修', nameEn: 'Repair', orderKind: 'repair', calendarId: cal.id, targets: { on_site: { customerMinutes: 24 * 60 }, resolution: { customerMinutes: 72 * 60 } } }));
    await ok(await t.post('/promise-policies', { code: 'COR-REPAIR-WASH', nameZh: '洗衣机维修', nameEn: 'Washer repair', orderKind: 'repair', categoryId: washers.id, calendarId: cal.id, targets: { on_site: { customerMinutes: 48 * 60 } } }));
    const { customerId, order } = await openOrder();
    const before = await ok(await t.get(`/work-orders/${order.id}/promise`), 200);
    expect(before.policy.code).toBe('COR-REPAIR');
    const onSite = (p: any) => p.milestones.find((m: any) => m.milestone === 'on_site');
    const opened = Date.parse(onSite(before).startedAt);
    expect(Date.parse(onSite(before).dueAt) - opened).toBe(24 * 3_600_000);
    clock.advance(2 * 3_600_000);
    // The symptom alone changes no basis: no new policy, no promise history.
    const same = await ok(await t.patch(`/work-orders/${order.id}`, { version: order.version, symptom: '不制冷，偶尔' }), 200);
    expect((await ok(await t.get(`/work-orders/${order.id}/promise`), 200)).history.filter((h: any) => h.action === 'policy_changed')).toEqual([]);
    const washer = await ok(await t.post('/units', { modelId: w.otherModelId, ownerId: customerId, serials: [{ role: 'indoor', serial: `COR${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 1 }));
    await ok(await t.patch(`/work-orders/${order.id}`, { version: same.version, unitId: washer.id, reason: '客户报错了产品' }), 200);
    const after = await ok(await t.get(`/work-orders/${order.id}/promise`), 200);
    expect(after.policy.code).toBe('COR-REPAIR-WASH');
    // Two hours used of 48: due 48 hours after the order was opened, not 24.
    expect(onSite(after)).toMatchObject({ status: 'running', targetMinutes: 48 * 60, usedMinutes: 120 });
    expect(Date.parse(onSite(after).dueAt) - opened).toBe(48 * 3_600_000);
    // The new policy sets no resolution target: that clock keeps its own.
    expect(after.milestones.find((m: any) => m.milestone === 'resolution').targetMinutes).toBe(72 * 60);
    expect(after.history.at(-1)).toMatchObject({ action: 'policy_changed', details: { from: 'COR-REPAIR', to: 'COR-REPAIR-WASH' } });
    expect(after.history.at(-1).details.clocks.map((c: any) => c.milestone)).toEqual(['on_site']);
  });
});
