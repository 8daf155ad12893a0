import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { createPhotosService } from './work-orders.photos.js';
import { realJpeg, realPng, realWebp } from '../../../test/images.js';

// The technician's side of an order: take it or give it back, book the visit, check in on site,
// record the work with photos, and close with the customer's one-time code.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let tech: Record<string, string>;

const jpeg = realJpeg;
const png = realPng;

async function assignedOrder() {
  let o = (await t.services.workOrders.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await t.services.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  return t.services.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
}

async function upload(orderId: string, body: Uint8Array, type: string, headers = tech) {
  const res = await t.app.request(`/work-orders/${orderId}/photos?kind=serial`, { method: 'POST', headers: { ...headers, 'content-type': type }, body: new Blob([new Uint8Array(body)]) });
  return { status: res.status, body: await res.json() };
}

const outboxFor = async (orderId: string) => (await t.get('/outbox?limit=200&reveal=true')).body.items.filter((m: any) => m.subject?.id === orderId);

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  tech = (await tokenFor(t.services, 'technician', 'field-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
});
afterAll(() => t.close());

describe(`field work on ${engine}`, () => {
  it('lets the technician decline with a reason (back to the provider) or accept', async () => {
    const o = await assignedOrder();
    expect((await t.post(`/work-orders/${o.id}/decline-job`, { version: o.version }, tech)).status).toBe(400);
    const declined = await t.post(`/work-orders/${o.id}/decline-job`, { version: o.version, reason: '车坏了 / van broke down' }, tech);
    expect(declined.body).toMatchObject({ status: 'dispatched', technicianId: null });
    // Gone from the technician's sight with it.
    expect((await t.get(`/work-orders/${o.id}`, tech)).status).toBe(404);
    const again = await t.post(`/work-orders/${o.id}/assign`, { version: declined.body.version, technicianId: w.technicians[0].id });
    const accepted = await t.post(`/work-orders/${o.id}/accept-job`, { version: again.body.version }, tech);
    expect(accepted.body.status).toBe('assigned');
    expect(accepted.body.technicianAcceptedAt).toBe(clock.now().toISOString());
  });

  it('books the window and tells the customer; checks in recording the distance, flagged when far', async () => {
    const near = await assignedOrder();
    const booked = await t.post(`/work-orders/${near.id}/book`, { version: near.version, from: '2026-06-01T06:00:00Z', to: '2026-06-01T08:00:00Z' }, tech);
    expect(booked.body.status).toBe('booked');
    const [sms] = await outboxFor(near.id);
    expect(sms).toMatchObject({ template: 'visit_booked', recipient: w.phone });
    expect(sms.bodyZh).toContain('6月1日 14:00–16:00');
    expect(sms.bodyEn).toContain('1 Jun 14:00–16:00');

    clock.advance(5 * 3_600_000);
    // The address is at 23.13, 113.32; 0.0005° is about 50 m.
    const onSite = await t.post(`/work-orders/${near.id}/check-in`, { version: booked.body.version, lat: 23.1305, lng: 113.32 }, tech);
    expect(onSite.body).toMatchObject({ status: 'on_site', checkInFar: false, checkedInAt: clock.now().toISOString() });
    expect(onSite.body.checkInDistanceM).toBeGreaterThan(40);
    expect(onSite.body.checkInDistanceM).toBeLessThan(70);
    expect((await outboxFor(near.id)).map((m: any) => m.template)).toContain('technician_on_site');

    const far = await assignedOrder();
    const b2 = await t.post(`/work-orders/${far.id}/book`, { version: far.version, from: '2026-06-01T06:00:00Z', to: '2026-06-01T08:00:00Z' }, tech);
    // About 3 km away.
    const away = await t.post(`/work-orders/${far.id}/check-in`, { version: b2.body.version, lat: 23.157, lng: 113.32 }, tech);
    expect(away.status).toBe(200);
    expect(away.body.checkInFar).toBe(true);
    expect(away.body.checkInDistanceM).toBeGreaterThan(2900);
    const history = (await t.get(`/work-orders/${far.id}/history`)).body.items;
    expect(history.at(-1).changes).toMatchObject({ checkInFar: { from: null, to: true } });
  });

  it('refuses image polyglots and broken images, keeps real PNG, JPEG and WebP', async () => {
    let o = await assignedOrder();
    o = (await t.post(`/work-orders/${o.id}/book`, { version: o.version, from: '2026-06-01T07:00:00Z', to: '2026-06-01T09:00:00Z' }, tech)).body;
    for (const [image, type] of [[realPng, 'image/png'], [realJpeg, 'image/jpeg'], [realWebp, 'image/webp']] as const) {
      const ok = await upload(o.id, image, type);
      expect(ok.status, type).toBe(201);
      const file = await t.app.request(`/photos/${ok.body.id}`, { headers: tech });
      expect(file.headers.get('content-type')).toBe(type);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const html = new TextEncoder().encode('<html><body><script>fetch("/auth/me").then(r=>r.text()).then(alert)</script></body></html>');
    const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
    const polyglots: [string, Uint8Array, string][] = [
      ['PNG signature then HTML', join(realPng.subarray(0, 8), html), 'image/png'],
      ['a whole PNG then HTML', join(realPng, html), 'image/png'],
      ['a whole JPEG then HTML', join(realJpeg, html), 'image/jpeg'],
      ['a WebP with HTML past its size', join(realWebp, html), 'image/webp'],
      ['a JPEG header then HTML', join(realJpeg.subarray(0, 4), html), 'image/jpeg'],
    ];
    // A PNG whose text chunk (with a right CRC) carries the script: well formed, still refused.
    const text = join(new TextEncoder().encode('tEXt'), new TextEncoder().encode('Comment\0'), html);
    const chunk = join(new Uint8Array(Buffer.from([0, 0, 0, 0])), text, new Uint8Array(4));
    new DataView(chunk.buffer).setUint32(0, text.length - 4);
    new DataView(chunk.buffer).setUint32(chunk.length - 4, (await import('node:zlib')).crc32(text));
    polyglots.push(['a PNG with script in a text chunk', join(realPng.subarray(0, 33), chunk, realPng.subarray(33)), 'image/png']);
    // One flipped byte inside a chunk: the CRC no longer holds.
    const flipped = new Uint8Array(realPng);
    flipped[40] ^= 0xff;
    polyglots.push(['a PNG with a wrong CRC', flipped, 'image/png']);
    for (const [what, body, type] of polyglots) {
      const refused = await upload(o.id, body, type);
      expect(refused.status, what).toBe(400);
      expect(refused.body.error.details[0].path, what).toBe('(body)');
      expect(refused.body.error.message, what).toContain('/');
    }
    const listed = await t.get(`/work-orders/${o.id}/photos`, tech);
    expect(listed.body.items).toHaveLength(3);
  });

  it('keeps photos of the job with type and size checked, and closes with the customer\'s one-time code', async () => {
    let o = await assignedOrder();
    o = (await t.post(`/work-orders/${o.id}/book`, { version: o.version, from: '2026-06-01T07:00:00Z', to: '2026-06-01T09:00:00Z' }, tech)).body;
    o = (await t.post(`/work-orders/${o.id}/check-in`, { version: o.version, lat: 23.13, lng: 113.32 }, tech)).body;

    const stored = await upload(o.id, jpeg, 'image/jpeg');
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ kind: 'serial', contentType: 'image/jpeg', bytes: jpeg.length });
    const notImage = await upload(o.id, new TextEncoder().encode('%PDF-1.4 not a photo'), 'image/jpeg');
    expect(notImage.status).toBe(400);
    expect(notImage.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: '(body)', message: 'not a JPEG, PNG or WebP image' }] });
    const lying = await upload(o.id, png, 'image/jpeg');
    expect(lying.status).toBe(400);
    expect(lying.body.error.details[0].path).toBe('content-type');
    const small = createPhotosService({ db: t.database.db, clock, workOrders: t.services.workOrders, limitBytes: 100, followers: [] });
    await expect(small.add(systemCaller, o.id, 'site', 'image/jpeg', jpeg)).rejects.toMatchObject({ status: 413, code: 'photo_too_large' });
    const listed = await t.get(`/work-orders/${o.id}/photos`, tech);
    expect(listed.body.items).toHaveLength(1);
    const file = await t.app.request(`/photos/${stored.body.id}`, { headers: tech });
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toBe(`inline; filename="photo-${stored.body.id}.jpg"`);
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(jpeg);

    const done = await t.post(`/work-orders/${o.id}/complete`, { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01', notes: '疏通排水管', confirmedSerials: [w.unit.serials[0].serial, w.unit.serials[1].serial] }, tech);
    expect(done.body).toMatchObject({ status: 'work_done', symptomCode: 'S01', workNotes: '疏通排水管' });
    const twice = await t.post(`/work-orders/${o.id}/complete`, { version: done.body.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' }, tech);
    expect(twice.status).toBe(409);

    const sent = await t.post(`/work-orders/${o.id}/send-acceptance-code`, { version: done.body.version }, tech);
    const codeSms = (await outboxFor(o.id)).find((m: any) => m.template === 'acceptance_code');
    const code = /验收码 (\d{6})/.exec(codeSms.bodyZh)![1];
    const wrong = await t.post(`/work-orders/${o.id}/confirm`, { version: sent.body.version, code: code === '000000' ? '111111' : '000000' }, tech);
    expect(wrong.status).toBe(422);
    // A wrong code leaves the version alone: the retry with the same version is no conflict.
    const right = await t.post(`/work-orders/${o.id}/confirm`, { version: sent.body.version, code }, tech);
    expect(right.body).toMatchObject({ status: 'confirmed', confirmedBy: 'customer_code' });
    // The code is used up.
    expect((await t.post(`/work-orders/${o.id}/confirm`, { version: right.body.version, code }, tech)).status).toBe(409);
  });
});
