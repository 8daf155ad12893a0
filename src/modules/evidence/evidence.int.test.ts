import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { uniquePng } from '../../../test/images.js';
import type { OrderKind } from '../work-orders/work-orders.rules.js';

// Visits with evidence: what a completion must show (per category and kind, as data), serials that
// must be the unit's, check-ins outside the window or far away and reused photos flagged, and an
// installation's facts written on the unit.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let tech: Record<string, string>;
let manager: Record<string, string>;
async function upload(orderId: string, kind: string, body: Uint8Array = uniquePng()) {
  const res = await t.app.request(`/work-orders/${orderId}/photos?kind=${kind}`, { method: 'POST', headers: { ...tech, 'content-type': 'image/png' }, body: new Blob([new Uint8Array(body)]) });
  expect(res.status).toBe(201);
  return res.json();
}

/** An order of this kind booked 06:00–08:00 UTC today with the first technician. */
async function bookedOrder(kind: OrderKind, from = '2026-06-01T06:00:00Z', to = '2026-06-01T08:00:00Z') {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind, customerId: w.customer.id, unitId: w.unit.id, symptom: '新机安装 / new unit', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
  // A window is booked before it begins: the tests move the clock on, so go back to an hour before it.
  if (clock.now().getTime() > Date.parse(from)) clock.set(new Date(Date.parse(from) - 3_600_000));
  return s.perform(systemCaller, o.id, 'book', { version: o.version, from, to });
}

/** Booked on `day` (another day for a visit while one is still open: bookings may not overlap) and checked in. */
async function onSite(kind: OrderKind, day = '2026-06-01') {
  const o = await bookedOrder(kind, `${day}T06:00:00Z`, `${day}T08:00:00Z`);
  clock.set(new Date(`${day}T06:30:00Z`));
  return (await t.post(`/work-orders/${o.id}/check-in`, { version: o.version, lat: 23.13, lng: 113.32 }, tech)).body;
}

const acInstallation = (categoryId: string) => ({
  categoryId,
  kind: 'installation',
  photos: ['serial_indoor', 'serial_outdoor', 'installed_unit'],
  serials: ['indoor', 'outdoor'],
  readings: [{ code: 'pipe_length_m', nameZh: '连接管长度', nameEn: 'Pipe length', unit: 'm', min: 0.5, max: 30 }],
  faultCodes: false,
});

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  tech = (await tokenFor(t.services, 'technician', 'evidence-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  manager = (await tokenFor(t.services, 'manager', 'evidence-manager')).headers;
});
afterAll(() => t.close());

describe(`visits with evidence on ${engine}`, () => {
  it('lets managers keep the rules as data: one per category and kind, versioned; others may only read', async () => {
    const made = await t.post('/evidence-rules', acInstallation(w.category.id), manager);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'installation', serials: ['indoor', 'outdoor'], readings: [{ code: 'pipe_length_m', min: 0.5, max: 30, required: true }], version: 1, });
    expect(made.body.updatedBy).toContain('evidence-manager');
    const again = await t.post('/evidence-rules', acInstallation(w.category.id), manager);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已有');
    expect((await t.post('/evidence-rules', { ...acInstallation(w.category.id), kind: 'repair' }, tech)).status).toBe(403);
    const badPhoto = await t.post('/evidence-rules', { ...acInstallation(w.category.id), kind: 'maintenance', photos: ['selfie'] }, manager);
    expect(badPhoto.status).toBe(400);
    expect(badPhoto.body.error.details[0].path).toBe('photos.0');
    const noCategory = await t.post('/evidence-rules', { ...acInstallation('00000000-0000-4000-8000-000000000000'), kind: 'maintenance' }, manager);
    expect(noCategory.body.error.details[0].path).toBe('categoryId');
    // Every category without its own rule: returns and exchanges show the serial plate.
    const general = await t.post('/evidence-rules', { categoryId: null, kind: 'return_exchange', photos: ['serial'], faultCodes: false }, manager);
    expect(general.status).toBe(201);
    const changed = await t.call('PUT', `/evidence-rules/${general.body.id}`, { categoryId: null, kind: 'return_exchange', photos: ['serial', 'before'], faultCodes: false, version: 1 }, manager);
    expect(changed.body).toMatchObject({ photos: ['serial', 'before'], version: 2 });
    const stale = await t.call('PUT', `/evidence-rules/${general.body.id}`, { categoryId: null, kind: 'return_exchange', photos: [], faultCodes: false, version: 1 }, manager);
    expect(stale.status).toBe(409);
    const back = await t.call('PUT', `/evidence-rules/${general.body.id}`, { categoryId: null, kind: 'return_exchange', photos: ['serial'], faultCodes: false, version: 2 }, manager);
    expect(back.status).toBe(200);
    const list = await t.get('/evidence-rules', tech);
    expect(list.body.items.map((r: any) => `${r.categoryId ?? '*'}:${r.kind}`).sort()).toEqual([`*:return_exchange`, `${w.category.id}:installation`].sort());
    const temp = await t.post('/evidence-rules', { categoryId: null, kind: 'consultation', faultCodes: false }, manager);
    // Moved onto a category and kind that has its rule already: refused, not a second rule.
    const clash = await t.call('PUT', `/evidence-rules/${temp.body.id}`, { categoryId: null, kind: 'return_exchange', faultCodes: false, version: 1 }, manager);
    expect(clash.status).toBe(409);
    expect((await t.call('DELETE', `/evidence-rules/${temp.body.id}?version=1`, undefined, manager)).status).toBe(204);
    // Two managers adding the same rule at once: one rule.
    const racing = await Promise.all([1, 2, 3].map(() => t.post('/evidence-rules', { categoryId: w.category.id, kind: 'maintenance', photos: ['after'], faultCodes: false }, manager)));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('refuses an AC installation without photos, serials and the pipe length, naming each in both languages; accepts it once they are there and writes the installation on the unit', async () => {
    const o = await onSite('installation');
    const shown = await t.get(`/work-orders/${o.id}/evidence`, tech);
    expect(shown.body.missing.map((m: any) => m.path)).toEqual(['photos.serial_indoor', 'photos.serial_outdoor', 'photos.installed_unit', 'serials.indoor', 'serials.outdoor', 'readings.pipe_length_m']);

    // Seen: an AC installation with no photos and no serials was accepted.
    const bare = await t.post(`/work-orders/${o.id}/complete`, { version: o.version }, tech);
    expect(bare.status).toBe(422);
    expect(bare.body.error.code).toBe('evidence_missing');
    expect(bare.body.error.message).toContain('photo of the outdoor serial plate');
    expect(bare.body.error.message).toContain('室外机铭牌照片');
    expect(bare.body.error.message).toContain('Pipe length (m)');
    expect(bare.body.error.details.map((d: any) => d.path)).toContain('serials.outdoor');
    // Nothing was written: still on site, same version.
    expect((await t.get(`/work-orders/${o.id}`, tech)).body).toMatchObject({ status: 'on_site', version: o.version });

    for (const kind of ['serial_indoor', 'serial_outdoor']) await upload(o.id, kind);
    const [indoor, outdoor] = [w.unit.serials[0].serial, w.unit.serials[1].serial];
    const noUnitPhoto = await t.post(`/work-orders/${o.id}/complete`, { version: o.version, confirmedSerials: [indoor, outdoor], readings: { pipe_length_m: 4.5 } }, tech);
    expect(noUnitPhoto.body.error.details.map((d: any) => d.path)).toEqual(['photos.installed_unit']);
    await upload(o.id, 'installed_unit');
    const tooLong = await t.post(`/work-orders/${o.id}/complete`, { version: o.version, confirmedSerials: [indoor, outdoor], readings: { pipe_length_m: 45 } }, tech);
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error).toMatchObject({ code: 'reading_out_of_range', details: [{ path: 'readings.pipe_length_m' }] });
    expect(tooLong.body.error.message).toContain('连接管长度');

    // No fault code is asked of an installation.
    clock.set(new Date('2026-06-01T07:40:00Z'));
    const done = await t.post(`/work-orders/${o.id}/complete`, { version: o.version, confirmedSerials: [indoor, outdoor], readings: { pipe_length_m: 4.5 } }, tech);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'work_done', readings: { pipe_length_m: 4.5 }, symptomCode: null });
    expect((await t.get(`/work-orders/${o.id}/evidence`, tech)).body.missing).toEqual([]);
    // Seen: closing an installation left the unit's installedOn and installer empty.
    const unit = (await t.get(`/units/${w.unit.id}`)).body;
    expect(unit).toMatchObject({ installedOn: '2026-06-01', installedByTechnicianId: w.technicians[0].id, installationReadings: { pipe_length_m: 4.5 } });
    const history = (await t.get(`/work-orders/${o.id}/history`)).body.items;
    expect(history.at(-1).changes.readings).toEqual({ from: null, to: { pipe_length_m: 4.5 } });
  });

  it('refuses a confirmed serial that is not the unit\'s, unless a part or unit replacement is recorded', async () => {
    const o = await onSite('repair');
    const codes = { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' };
    // Seen: complete accepted the serial "WRONG123" for a unit whose serials are known.
    const wrong = await t.post(`/work-orders/${o.id}/complete`, { version: o.version, ...codes, confirmedSerials: ['WRONG123'] }, tech);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'serial_mismatch', details: [{ path: 'confirmedSerials.0' }] });
    expect(wrong.body.error.message).toMatch(/WRONG123.*\/.*序列号/);
    const replaced = await t.post(`/work-orders/${o.id}/complete`, { version: o.version, ...codes, confirmedSerials: ['WRONG123'], replacement: 'part' }, tech);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ confirmedSerials: ['WRONG123'], replacement: 'part' });
  });

  it('asks fault codes only of kinds that diagnose a fault', async () => {
    // Seen: a return/exchange was asked for a repair fault code.
    const ret = await onSite('return_exchange');
    await upload(ret.id, 'serial');
    const returned = await t.post(`/work-orders/${ret.id}/complete`, { version: ret.version, confirmedSerials: [w.unit.serials[0].serial] }, tech);
    expect(returned.status).toBe(200);
    expect(returned.body.symptomCode).toBeNull();

    const repair = await onSite('repair');
    const noCodes = await t.post(`/work-orders/${repair.id}/complete`, { version: repair.version }, tech);
    expect(noCodes.status).toBe(422);
    expect(noCodes.body.error.details).toEqual([expect.objectContaining({ path: 'symptomCode', what: 'fault_codes' })]);
    expect(noCodes.body.error.message).toContain('故障代码');
    const half = await t.post(`/work-orders/${repair.id}/complete`, { version: repair.version, symptomCode: 'S01' }, tech);
    expect(half.status).toBe(400);
  });

  it('flags a check-in outside the booked window (beyond the tolerance) or far from the address, with the minutes and the distance', async () => {
    // Seen: a check-in a day before the booked window was accepted and not flagged.
    const early = await bookedOrder('repair', '2026-06-02T06:00:00Z', '2026-06-02T08:00:00Z');
    clock.set(new Date('2026-06-01T06:00:00Z'));
    const checked = await t.post(`/work-orders/${early.id}/check-in`, { version: early.version, lat: 23.157, lng: 113.32 }, tech);
    expect(checked.status).toBe(200);
    const flags = (await t.get(`/work-orders/${early.id}/evidence`)).body.flags;
    expect(flags.map((f: any) => f.kind).sort()).toEqual(['check_in_far', 'check_in_outside_window']);
    const windowFlag = flags.find((f: any) => f.kind === 'check_in_outside_window');
    expect(windowFlag.details).toMatchObject({ minutes: -24 * 60, toleranceMinutes: 30 });
    expect(windowFlag.en).toBe('Checked in 1440 min before the booked window');
    expect(windowFlag.zh).toContain('1440 分钟');
    const far = flags.find((f: any) => f.kind === 'check_in_far');
    expect(far.details.distanceM).toBeGreaterThan(2900);
    expect(far.zh).toContain('米');
    // A technician does not read the flags; the customer cannot reach the route at all.
    expect((await t.get(`/work-orders/${early.id}/evidence`, tech)).body.flags).toEqual([]);

    // 20 minutes late is within the tolerance; 50 minutes late is not.
    for (const [at, flagged] of [['2026-06-01T08:20:00Z', false], ['2026-06-01T08:50:00Z', true]] as const) {
      const o = await bookedOrder('repair');
      clock.set(new Date(at));
      await t.post(`/work-orders/${o.id}/check-in`, { version: o.version, lat: 23.13, lng: 113.32 }, tech);
      const kinds = (await t.get(`/work-orders/${o.id}/evidence`)).body.flags.map((f: any) => f.kind);
      expect(kinds, at).toEqual(flagged ? ['check_in_outside_window'] : []);
    }
  });

  it('flags a photo whose content was already used on another order', async () => {
    const image = uniquePng();
    const first = await onSite('repair', '2026-06-04');
    await upload(first.id, 'before', image);
    const second = await onSite('repair', '2026-06-05');
    const reused = await upload(second.id, 'before', image);
    expect((await t.get(`/work-orders/${first.id}/evidence`)).body.flags).toEqual([]);
    const [flag] = (await t.get(`/work-orders/${second.id}/evidence`)).body.flags;
    expect(flag).toMatchObject({ kind: 'photo_reused', details: { photoId: reused.id, otherOrderId: first.id, otherNumber: first.number } });
    expect(flag.en).toContain(first.number);
  });
});
