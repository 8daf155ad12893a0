import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { engine, manualClock, seedWorld, testApp, uniquePhone, type TestApp } from '../../../test/harness.js';

// A campaign sent by WeChat template message through the real adapter, against a local HTTP
// server that checks the access token and reads each body: a follower of the account gets it on
// WeChat; a customer who does not follow it (WeChat answers 43004) gets the same words on the
// campaign's next channel (SMS), in the failure's transaction, the send naming the new channel.
const clock = manualClock(new Date('2027-01-30T02:00:00Z'));
const day = '2027-01-30';
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let server: Server;
const bodies: { touser: string; template_id: string; data: Record<string, { value: string }> }[] = [];
let tokenRequests = 0;
const follower = 'o-follower-0001';
const stranger = 'o-stranger-0002';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      let answer: Record<string, unknown> = { errcode: 404, errmsg: 'no such API' };
      if (url.pathname === '/cgi-bin/token') {
        tokenRequests++;
        answer = url.searchParams.get('appid') === 'wx-care' && url.searchParams.get('secret') === 'wx-care-secret' ? { access_token: 'ACCESS-1', expires_in: 7200 } : { errcode: 40013, errmsg: 'invalid appid' };
      } else if (url.pathname === '/cgi-bin/message/template/send') {
        if (url.searchParams.get('access_token') !== 'ACCESS-1') answer = { errcode: 40001, errmsg: 'invalid credential' };
        else {
          const b = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          bodies.push(b);
          answer = b.touser === follower ? { errcode: 0, errmsg: 'ok', msgid: 4242 } : { errcode: 43004, errmsg: 'require subscribe' };
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const wechat = { appId: 'wx-care', secret: 'wx-care-secret', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, templateIds: { care_message: 'TPL-CARE' } };
  const messaging = { sms: { kind: 'log' as const }, smtp: null, wechat, quietHours: { from: '21:00', to: '08:00', zone: 'Asia/Shanghai' }, maxAttempts: 3, retryBaseMs: 30_000 };
  t = await testApp({ clock, services: { messaging, publicUrl: 'https://care.test', secretKey: 'care-test-secret' } });
  w = await seedWorld(t);
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((ok) => server.close(() => ok()));
});

async function customer(name: string, openId: string) {
  const r = await t.post('/customers', { name, phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '体育西路 1 号', isDefault: true }], preferredChannel: 'wechat', consentToContact: true });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const id = r.body.id as string;
  expect((await t.call('PUT', `/customers/${id}/care-profile`, { version: null, birthdayCalendar: 'solar', wechatOpenId: openId })).status).toBe(200);
  const c = await t.call('PUT', `/customers/${id}/consents`, { changes: [{ channel: 'wechat', purpose: 'marketing', granted: true }, { channel: 'sms', purpose: 'marketing', granted: true }], source: 'console', evidence: '纸质同意书 / signed form' });
  expect(c.status).toBe(200);
  const u = await t.post('/units', { modelId: w.model.id, ownerId: id, serials: [{ role: 'main', serial: `WX-${openId}` }], purchaseDate: '2026-03-01', channel: 'store', invoiceNumber: `INV-${openId}`, priceFen: 299900 });
  expect(u.status).toBe(201);
  return id;
}
async function outbox(customerId: string) {
  const r = await t.get(`/outbox?customerId=${customerId}&reveal=true`);
  expect(r.status).toBe(200);
  return r.body.items as { id: string; channel: string; recipient: string; status: string; lastError: string | null; bodyZh: string }[];
}

describe(`WeChat template messages with fallback on ${engine}`, () => {
  it('sends to a follower on WeChat and falls back to SMS for a customer who does not follow the account', async () => {
    const a = await customer('微信关注', follower);
    const b = await customer('未关注', stranger);
    const created = await t.post('/care/campaigns', { name: '保修到期 微信', purpose: 'marketing', trigger: { kind: 'warranty_end', days: 30, part: 'unit' }, audience: {}, template: { zh: '{name}，保修将于{warrantyEnd}到期 {link}', en: '{name}, warranty ends {warrantyEnd} {link}' }, channels: ['wechat', 'sms'], conversionDays: 30 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await t.post(`/care/campaigns/${created.body.id}/status`, { version: created.body.version, status: 'active' })).status).toBe(200);
    expect((await t.post(`/care/campaigns/${created.body.id}/run`, { day })).status).toBe(200);

    const [first] = await outbox(a);
    const [second] = await outbox(b);
    expect([first.channel, second.channel]).toEqual(['wechat', 'wechat']);
    expect(await t.services.notifications.deliver(first.id)).toBe('sent');
    expect(await t.services.notifications.deliver(second.id)).toBe('failed');
    expect(tokenRequests).toBe(1);
    expect(bodies.map((x) => [x.touser, x.template_id])).toEqual([
      [follower, 'TPL-CARE'],
      [stranger, 'TPL-CARE'],
    ]);
    expect(bodies[0].data.content.value).toContain('微信关注，保修将于2027-03-01到期');

    expect(await outbox(a)).toEqual([expect.objectContaining({ channel: 'wechat', status: 'sent' })]);
    const moved = await outbox(b);
    expect(moved).toHaveLength(2);
    const failed = moved.find((m) => m.channel === 'wechat')!;
    const sms = moved.find((m) => m.channel === 'sms')!;
    expect(failed).toMatchObject({ status: 'failed', lastError: 'wechat 43004: require subscribe' });
    expect(sms).toMatchObject({ status: 'queued', bodyZh: failed.bodyZh });
    const report = await t.get(`/care/campaigns/${created.body.id}/report`);
    expect(report.body).toMatchObject({ byStatus: { enqueued: 2 }, byChannel: { wechat: 1, sms: 1 } });
    expect(report.body.history.find((h: { action: string }) => h.action === 'fallback')).toMatchObject({ details: { from: 'wechat', to: 'sms', reason: 'wechat 43004: require subscribe' } });
  });
});
