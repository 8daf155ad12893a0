import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';
import { openDatabase, type Database } from '../../db/database.js';
import { auditWith } from '../../kernel/audit.js';
import { signBody } from '../notifications/notifications.channels.js';
import { sql } from 'drizzle-orm';
import { createCareService } from './index.js';
import { careLinkTokenSql } from './care.repo.js';
import { linkKeyPads, signCareLink } from './care.links.js';
import { composeBody } from './care.rules.js';

// Care campaigns through the API: consent with evidence and history; a warranty-end campaign
// previewed, dry-run (count + sample), sent exactly once (re-run, two server copies at once, a
// child copy killed with SIGKILL mid-send then re-run), with the customer's zone for quiet hours;
// a consent revoked between selection and send stops the message; unsubscribe by link and by the
// SMS reply TD; a click and an order attributed; the frequency cap across campaigns; a lunar
// birthday; the portal inbox.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const clock = manualClock(new Date('2027-01-30T02:00:00Z'));
const day = '2027-01-30';
const secret = 'care-gateway-secret';
const messaging = { sms: { kind: 'http' as const, url: 'http://127.0.0.1:9/none', secret }, smtp: null, quietHours: { from: '21:00', to: '08:00', zone: 'Asia/Shanghai' }, maxAttempts: 3, retryBaseMs: 30_000 };
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let agent: Record<string, string>;
const extra: Database[] = [];
const customerCaller = (customerId: string) => ({ principal: { kind: 'customer' as const, customerId, permissions: new Set<never>() }, address: null });

const phones = new Map<string, string>();
async function customer(o: { name: string; birthday?: string; language?: 'zh' | 'en'; channel?: string; email?: string; province?: string; alsoIn?: string }) {
  const phone = uniquePhone();
  const r = await t.post('/customers', {
    name: o.name,
    phones: [{ phone }],
    addresses: [{ province: o.province ?? '广东省', city: '广州市', district: '天河区', street: '体育西路 1 号', isDefault: true }, ...(o.alsoIn ? [{ province: o.alsoIn, city: '海口市', district: '美兰区', street: '海甸岛 2 号', isDefault: false }] : [])],
    birthday: o.birthday ?? null,
    preferredLanguage: o.language ?? 'zh',
    preferredChannel: o.channel ?? 'sms',
    consentToContact: true,
    email: o.email ?? null,
  });
  expect(r.status).toBe(201);
  phones.set(r.body.id, phone);
  return r.body.id as string;
}
let serial = 0;
async function unit(ownerId: string, purchaseDate: string) {
  const r = await t.post('/units', { modelId: w.model.id, ownerId, serials: [{ role: 'main', serial: `CARE-${++serial}-${Date.now()}` }], purchaseDate, channel: 'store', invoiceNumber: `INV-C${serial}`, priceFen: 299900 });
  expect(r.status).toBe(201);
  return r.body.id as string;
}
const consent = (id: string, changes: { channel: string; purpose: string; granted: boolean }[], source = 'console', evidence = '纸质同意书 No.1 / signed form No.1') => t.call('PUT', `/customers/${id}/consents`, { changes, source, evidence });
async function campaign(body: Record<string, unknown>, activate = true) {
  const r = await t.post('/care/campaigns', { audience: {}, conversionDays: 30, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  if (!activate) return r.body;
  const a = await t.post(`/care/campaigns/${r.body.id}/status`, { version: r.body.version, status: 'active' });
  expect(a.status).toBe(200);
  return a.body;
}
async function outboxOfCustomer(customerId: string) {
  const r = await t.get(`/outbox?customerId=${customerId}&reveal=true`);
  expect(r.status).toBe(200);
  return r.body.items as { id: string; bodyZh: string; bodyEn: string; channel: string; template: string }[];
}

const warrantyTemplate = {
  zh: '{name}您好，您的{model}整机保修将于{warrantyEnd}到期，延保优惠：{link}',
  en: 'Dear {name}, the warranty of your {model} ends on {warrantyEnd}. Extend it: {link}',
};
let c1: string;
let c2: string;
let c3: string;
let warranty: { id: string };

beforeAll(async () => {
  t = await testApp({ clock, services: { messaging, publicUrl: 'https://care.test', secretKey: 'care-test-secret' } });
  w = await seedWorld(t);
  agent = (await tokenFor(t.services, 'agent', 'care-desk')).headers;
  // Three owners whose whole-unit warranty (12 months) ends 30 days after the run's day.
  c1 = await customer({ name: '陈一' });
  c2 = await customer({ name: '陈二' });
  c3 = await customer({ name: 'Chen San', language: 'en', channel: 'email' });
  for (const c of [c1, c2, c3]) await unit(c, '2026-03-01');
});
afterAll(async () => {
  for (const d of extra) await d.close();
  await t.close();
});

describe(`care campaigns on ${engine}`, () => {
  it('keeps consent by channel and purpose with its source, evidence and history; the general consent covers service only', async () => {
    const before = await t.get(`/customers/${c1}/consents`, agent);
    expect(before.status).toBe(200);
    const item = (b: typeof before.body, channel: string, purpose: string) => b.items.find((i: { channel: string; purpose: string }) => i.channel === channel && i.purpose === purpose);
    expect(item(before.body, 'sms', 'marketing')).toMatchObject({ granted: false, explicit: false });
    expect(item(before.body, 'sms', 'service')).toMatchObject({ granted: true, explicit: false });
    const r = await t.call('PUT', `/customers/${c1}/consents`, { changes: [{ channel: 'sms', purpose: 'marketing', granted: true }], source: 'console', evidence: '电话录音 REC-7 / call recording REC-7' }, agent);
    expect(r.status).toBe(200);
    expect(item(r.body, 'sms', 'marketing')).toMatchObject({ granted: true, explicit: true, source: 'console', evidence: '电话录音 REC-7 / call recording REC-7', changedBy: expect.stringContaining('care-desk') });
    // The same again changes nothing and writes no history.
    const again = await t.call('PUT', `/customers/${c1}/consents`, { changes: [{ channel: 'sms', purpose: 'marketing', granted: true }], source: 'console', evidence: 'again' }, agent);
    expect(again.body.history).toHaveLength(1);
    expect((await t.call('PUT', `/customers/${c1}/consents`, { changes: [], source: 'console', evidence: 'x' }, agent)).status).toBe(400);
    // Chen San takes marketing in the portal inbox only.
    expect((await consent(c3, [{ channel: 'inbox', purpose: 'marketing', granted: true }])).status).toBe(200);
  });

  it('previews, dry-runs (count and sample) and sends a warranty-end campaign exactly once, with the opt-out', async () => {
    const preview = await t.post('/care/preview', { template: warrantyTemplate, purpose: 'marketing', trigger: { kind: 'warranty_end', days: 30, part: 'unit' } });
    expect(preview.body.zh).toContain('张伟您好');
    expect(preview.body.zh).toContain('退订回TD');
    expect(preview.body.problems).toEqual([]);
    const bad = await t.post('/care/campaigns', { name: 'x', purpose: 'service', trigger: { kind: 'birthday' }, template: { zh: '{unsubscribe}', en: 'x' }, channels: ['sms'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('template.zh');

    warranty = await campaign({ name: '保修到期 延保', purpose: 'marketing', trigger: { kind: 'warranty_end', days: 30, part: 'unit' }, template: warrantyTemplate, channels: ['sms', 'inbox'], linkUrl: 'https://shop.test/extended-warranty' });
    const dry = await t.get(`/care/campaigns/${warranty.id}/dry-run?day=${day}`);
    expect(dry.status).toBe(200);
    expect(dry.body.count).toBe(4); // with the seeded world's 张伟, bought the same day
    expect(dry.body.sample.map((s: { name: string }) => s.name).sort()).toEqual(['Chen San', '张伟', '陈一', '陈二']);
    expect(dry.body.sample.find((s: { name: string }) => s.name === 'Chen San')).toMatchObject({ warrantyEnd: '2027-03-01', model: 'Wall AC 1.5 HP', language: 'en' });
    expect(await outboxOfCustomer(c1)).toHaveLength(0);

    const run = await t.post(`/care/campaigns/${warranty.id}/run`, { day });
    expect(run.status).toBe(200);
    // 陈一 by SMS, Chen San in the inbox, 陈二 and 张伟 (no marketing consent anywhere) not at all.
    expect(run.body).toMatchObject({ selected: 4, enqueued: 2, skipped: 2, duplicates: 0 });
    const again = await t.post(`/care/campaigns/${warranty.id}/run`, { day });
    expect(again.body).toMatchObject({ selected: 4, enqueued: 0, duplicates: 4 });

    const [m] = await outboxOfCustomer(c1);
    expect(m.channel).toBe('sms');
    expect(m.template).toBe('care_message');
    expect(m.bodyZh).toMatch(/^陈一您好，您的挂壁式空调 1\.5匹整机保修将于2027-03-01到期/);
    expect(m.bodyZh).toMatch(/退订回TD，或点击 https:\/\/care\.test\/care-links\/unsubscribe\/u\./);
    expect(await outboxOfCustomer(c2)).toHaveLength(0);
    const inbox = await t.services.care.inbox(customerCaller(c3), { limit: 10, offset: 0 });
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0].body).toContain('Dear Chen San, the warranty of your Wall AC 1.5 HP ends on 2027-03-01');
    expect(inbox.items[0].body).toContain('Reply TD to stop');
    expect(inbox.unread).toBe(1);
    expect((await t.services.care.readMessage(customerCaller(c3), inbox.items[0].id)).read).toBe(true);
    await expect(t.services.care.readMessage(customerCaller(c1), inbox.items[0].id)).rejects.toMatchObject({ status: 404 });

    const report = await t.get(`/care/campaigns/${warranty.id}/report`);
    expect(report.body).toMatchObject({ selected: 4, byStatus: { enqueued: 2, skipped_consent: 2 }, byChannel: { sms: 1, inbox: 1 }, delivery: { queued: 1, delivered: 1 } });
  });

  it('counts a click once and attributes an order opened within the window', async () => {
    const [m] = await outboxOfCustomer(c1);
    const link = /https:\/\/care\.test(\/care-links\/click\/[^\s]+)/.exec(m.bodyZh)![1];
    const first = await t.call('GET', `${link}?json=1`, undefined, {});
    expect(first).toMatchObject({ status: 200, body: { url: 'https://shop.test/extended-warranty' } });
    await t.call('GET', `${link}?json=1`, undefined, {});
    expect((await t.call('GET', `${link.slice(0, -3)}xyz?json=1`, undefined, {})).status).toBe(404);
    clock.set(new Date('2027-02-02T02:00:00Z'));
    const unitId = await unit(c1, '2026-12-01');
    await t.services.workOrders.intake(systemCaller, { kind: 'repair', customerId: c1, unitId, symptom: '不制冷 / not cooling', accept: true, priority: 'normal', channel: 'phone' } as never);
    const conv = await t.post('/care/conversions', { customerId: c3, kind: 'purchase', ref: 'EXT-WARRANTY-1' });
    expect(conv.body).toMatchObject({ attributed: true, campaignId: warranty.id });
    const report = await t.get(`/care/campaigns/${warranty.id}/report`);
    expect(report.body).toMatchObject({ clicked: 1, converted: 2, conversions: { order: 1, purchase: 1, registration: 0 } });
    expect(report.body.conversionRate).toBe(1);
    clock.set(new Date('2027-01-30T02:00:00Z'));
  });

  it('renders the bodies and signs the links in SQL byte for byte as the JS signer and composeBody make them', async () => {
    const key = 'care-links:care-test-secret';
    const sent = (await t.database.db.execute(sql`select body_zh, body_en, subject->>'id' as send_id from outbox_messages where customer_id = ${c1} and template = 'care_message'`)) as unknown as { rows: { body_zh: string; body_en: string; send_id: string }[] };
    expect(sent.rows).toHaveLength(1);
    const [row] = sent.rows;
    const sendId = row.send_id;
    const links = { link: `https://care.test/care-links/click/${signCareLink(key, { kind: 'c', sendId })}`, unsubscribe: `https://care.test/care-links/unsubscribe/${signCareLink(key, { kind: 'u', sendId })}` };
    const vars = { name: '陈一', warrantyEnd: '2027-03-01', days: '30', holiday: '', ...links };
    expect(row.body_zh).toBe(composeBody(warrantyTemplate.zh, 'zh', 'marketing', { ...vars, model: '挂壁式空调 1.5匹' }));
    expect(row.body_en).toBe(composeBody(warrantyTemplate.en, 'en', 'marketing', { ...vars, model: 'Wall AC 1.5 HP' }));
    // Keys short, multi-byte, of exactly one block and longer than a block (hashed first).
    const ids = ['00000000-0000-4000-8000-000000000001', crypto.randomUUID(), crypto.randomUUID()];
    for (const k of ['k', '密钥-🔑-key', 'x'.repeat(64), `care-links:${'ab'.repeat(50)}`]) {
      const pads = linkKeyPads(k);
      for (const id of ids) {
        const res = (await t.database.db.execute(sql`select ${careLinkTokenSql('c', sql`${id}::uuid`, pads)} as c, ${careLinkTokenSql('u', sql`${id}::uuid`, pads)} as u`)) as unknown as { rows: { c: string; u: string }[] };
        expect(res.rows[0]).toEqual({ c: signCareLink(k, { kind: 'c', sendId: id }), u: signCareLink(k, { kind: 'u', sendId: id }) });
      }
    }
  });

  it('stops marketing at the unsubscribe link and at the SMS reply TD, keeping the evidence', async () => {
    const [m] = await outboxOfCustomer(c1);
    const link = /https:\/\/care\.test(\/care-links\/unsubscribe\/[^\s]+)/.exec(m.bodyZh)![1];
    const r = await t.call('GET', link, undefined, {});
    expect(r).toMatchObject({ status: 200, body: { channel: 'sms', purpose: 'marketing', unsubscribed: true } });
    let c = await t.get(`/customers/${c1}/consents`);
    expect(c.body.items.find((i: { channel: string; purpose: string }) => i.channel === 'sms' && i.purpose === 'marketing')).toMatchObject({ granted: false, source: 'unsubscribe_link' });
    expect(c.body.history.map((h: { source: string; granted: boolean }) => [h.source, h.granted])).toEqual([
      ['unsubscribe_link', false],
      ['console', true],
    ]);

    await consent(c1, [{ channel: 'sms', purpose: 'marketing', granted: true }]);
    const phone = phones.get(c1)!;
    const body = JSON.stringify({ from: phone, text: ' 退订 ' });
    const ts = Math.floor(Date.now() / 1000);
    const unsigned = await t.app.request('/care/sms-inbound', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const signed = await t.app.request('/care/sms-inbound', { method: 'POST', headers: { 'content-type': 'application/json', 'x-aftercare-timestamp': String(ts), 'x-aftercare-signature': signBody(secret, ts, body) }, body });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ stopped: 1 });
    c = await t.get(`/customers/${c1}/consents`);
    expect(c.body.history[0]).toMatchObject({ source: 'sms_reply', granted: false, channel: 'sms', purpose: 'marketing' });
    expect(c.body.history[0].evidence).toContain('退订');
  });

  it('does not send when consent is revoked between selection and send', async () => {
    const a = await customer({ name: '周一', birthday: '1990-01-30' });
    const b = await customer({ name: '周二', birthday: '1991-01-30' });
    for (const id of [a, b]) await consent(id, [{ channel: 'sms', purpose: 'marketing', granted: true }]);
    const k = await campaign({ name: '生日 营销', purpose: 'marketing', trigger: { kind: 'birthday' }, template: { zh: '{name}生日快乐', en: 'Happy birthday {name}' }, channels: ['sms'], audience: { tiers: [] } });
    const selected = (await t.services.care.selectAll(k.id, day)).filter((x) => x.customerId === a || x.customerId === b);
    expect(selected).toHaveLength(2);
    await consent(b, [{ channel: 'sms', purpose: 'marketing', granted: false }], 'console', '客户来电拒绝 / refused on the phone');
    const tally = await t.services.care.sendCandidates(k.id, selected, day);
    expect(tally).toMatchObject({ enqueued: 1, skipped: 1 });
    expect(await outboxOfCustomer(a)).toHaveLength(1);
    expect(await outboxOfCustomer(b)).toHaveLength(0);
  });

  it('caps messages per customer across campaigns; service notices are not capped', async () => {
    const s = await t.get('/care/settings');
    expect((await t.call('PUT', '/care/settings', { version: s.body.version, capMessages: 1, capDays: 7 })).status).toBe(200);
    // Chen San had the warranty message in the inbox today: a monthly greeting the same week is capped.
    const monthly = await campaign({ name: '每月关怀', purpose: 'marketing', trigger: { kind: 'monthly', dayOfMonth: 30 }, template: { zh: '{name}，想念您', en: 'Thinking of you, {name}' }, channels: ['inbox'], audience: { languages: ['en'] } });
    const r = await t.post(`/care/campaigns/${monthly.id}/run`, { day });
    expect(r.body).toMatchObject({ selected: 1, enqueued: 0, skipped: 1 });
    expect((await t.get(`/care/campaigns/${monthly.id}/report`)).body.byStatus.skipped_cap).toBe(1);
    const recall = await campaign({ name: '召回', purpose: 'service', trigger: { kind: 'recall', modelCodes: [w.model.code], batch: 'CARE-' }, template: { zh: '{name}，您的{model}需要免费检修', en: '{name}, your {model} needs a free check' }, channels: ['inbox'], audience: { languages: ['en'] } });
    expect((await t.post(`/care/campaigns/${recall.id}/run`, { day })).body).toMatchObject({ selected: 1, enqueued: 1 });
    await t.call('PUT', '/care/settings', { version: s.body.version === null ? 1 : s.body.version + 1, capMessages: 50, capDays: 7 });
  });

  it('keeps a lunar birthday on its lunar date each year', async () => {
    // Born 2000-02-05, 春节 2000: lunar 1-1. In 2027 that is 2027-02-06, not the solar 02-05.
    const id = await customer({ name: '农历生日', birthday: '2000-02-05' });
    const p = await t.call('PUT', `/customers/${id}/care-profile`, { version: null, birthdayCalendar: 'lunar', timeZone: 'Asia/Urumqi' });
    expect(p.status).toBe(200);
    expect(p.body.profile).toMatchObject({ birthdayCalendar: 'lunar', lunarBirthday: { month: 1, day: 1, leap: false }, timeZone: 'Asia/Urumqi', version: 1 });
    expect((await t.call('PUT', `/customers/${id}/care-profile`, { version: null, birthdayCalendar: 'solar' })).status).toBe(409);
    expect((await t.call('PUT', `/customers/${id}/care-profile`, { version: 1, birthdayCalendar: 'lunar', timeZone: 'Mars/Base' })).status).toBe(400);
    const k = await campaign({ name: '生日 服务', purpose: 'service', trigger: { kind: 'birthday' }, template: { zh: '{name}生日快乐', en: 'Happy birthday {name}' }, channels: ['inbox'] }, false);
    const names = async (d: string) => (await t.get(`/care/campaigns/${k.id}/dry-run?day=${d}`)).body.sample.map((s: { name: string }) => s.name);
    expect(await names('2027-02-06')).toContain('农历生日');
    expect(await names('2027-02-05')).not.toContain('农历生日');
    expect((await t.post(`/care/campaigns/${k.id}/run`, { day })).status).toBe(409);
  });

  it('two server copies running the same campaign at once send each occurrence once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await customer({ name: `双copy${i}`, birthday: '1980-03-15' }));
    const k = await campaign({ name: '生日 双副本', purpose: 'service', trigger: { kind: 'birthday' }, template: { zh: '{name}生日快乐', en: 'Happy birthday {name}' }, channels: ['inbox'] });
    let other = t.database;
    if (t.url) {
      other = await openDatabase({ engine: 'postgres', url: t.url });
      extra.push(other);
    }
    const second = createCareService({ db: other.db, clock, audit: auditWith(clock), linkKey: 'k2', publicUrl: '', chunkSize: 3 });
    const [x, y] = await Promise.all([t.services.care.run(systemCaller, k.id, '2027-03-15'), second.run(systemCaller, k.id, '2027-03-15')]);
    expect(x.enqueued + y.enqueued).toBe(8);
    expect(x.duplicates + y.duplicates).toBe(8);
    for (const id of ids) expect((await t.services.care.inbox(customerCaller(id), { limit: 10, offset: 0 })).total).toBe(1);
  });

  it.runIf(engine === 'postgres')('a copy killed with SIGKILL in the middle of a send, then re-run: nothing twice, nothing lost', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) ids.push(await customer({ name: `kill${i}`, birthday: '1975-04-20' }));
    const k = await campaign({ name: '生日 kill', purpose: 'service', trigger: { kind: 'birthday' }, template: { zh: '{name}生日快乐', en: 'Happy birthday {name}' }, channels: ['inbox'] });
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/care-run-child.ts', t.url!, k.id, '2027-04-20', clock.now().toISOString()], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise((ok) => child.once('exit', (code, signal) => ok(code ?? signal)));
    await new Promise<void>((ok, fail) => {
      child.stderr!.on('data', (d) => (out += d));
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('chunk ')) ok();
      });
      void exited.then(() => fail(new Error(`child ended before its first chunk: ${out}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(out).not.toContain('done');
    const counts = async () => Promise.all(ids.map(async (id) => (await t.services.care.inbox(customerCaller(id), { limit: 10, offset: 0 })).total));
    const before = await counts();
    expect(before.filter((n) => n === 1).length).toBeGreaterThan(0);
    expect(before.filter((n) => n === 1).length).toBeLessThan(15);
    const rerun = await t.services.care.run(systemCaller, k.id, '2027-04-20');
    expect(rerun.enqueued + rerun.duplicates).toBe(15);
    expect(await counts()).toEqual(ids.map(() => 1));
  }, 120_000);

  it('the daily run by two copies at once sends each campaign\'s day once, consent and the cap decided in its one selection', async () => {
    // Three customers of one province; two marketing campaigns for the same day. The cap (1 a week)
    // lets the first campaign's message through and stops the second's.
    const d1 = await customer({ name: '海一', province: '海南省' });
    const d2 = await customer({ name: '海二', province: '海南省' });
    const d3 = await customer({ name: 'Hai San', province: '海南省', language: 'en' });
    // A second address there does not make one of its customers: the province is the default address's.
    const d4 = await customer({ name: '粤四', alsoIn: '海南省' });
    await consent(d1, [{ channel: 'sms', purpose: 'marketing', granted: true }]);
    await consent(d4, [{ channel: 'sms', purpose: 'marketing', granted: true }]);
    await consent(d3, [{ channel: 'inbox', purpose: 'marketing', granted: true }]);
    const audience = { provinces: ['海南省'] };
    const first = await campaign({ name: '清洗 海南', purpose: 'marketing', trigger: { kind: 'seasonal', month: 5, day: 10 }, audience, template: { zh: '{name}，空调该清洗了 {link}', en: '{name}, time to clean your AC {link}' }, channels: ['sms', 'inbox'] });
    // Created a second later: the daily run takes campaigns in creation order.
    clock.set(new Date('2027-01-30T02:00:01Z'));
    const second = await campaign({ name: '加湿 海南', purpose: 'marketing', trigger: { kind: 'seasonal', month: 5, day: 10 }, audience, template: { zh: '{name}，加湿器优惠', en: '{name}, humidifier offer' }, channels: ['sms'] });
    clock.set(new Date('2027-01-30T02:00:00Z'));
    const s = await t.get('/care/settings');
    expect((await t.call('PUT', '/care/settings', { version: s.body.version, capMessages: 1, capDays: 7 })).status).toBe(200);
    let other = t.database;
    if (t.url) {
      other = await openDatabase({ engine: 'postgres', url: t.url });
      extra.push(other);
    }
    const copy = createCareService({ db: other.db, clock, audit: auditWith(clock), linkKey: 'care-links:care-test-secret', publicUrl: 'https://care.test' });
    clock.set(new Date('2027-05-10T02:00:00Z'));
    try {
      const [x, y] = await Promise.all([t.services.care.dailyRun(), copy.dailyRun()]);
      expect(x.day).toBe('2027-05-10');
      // Both copies see the day's selections; the messages went once, by whichever copy took each day.
      expect(x.enqueued + y.enqueued).toBe(2);
      expect(x.selected).toBe(y.selected);
      const again = await t.services.care.dailyRun();
      expect(again).toMatchObject({ enqueued: 0, skipped: 0 });
    } finally {
      clock.set(new Date('2027-01-30T02:00:00Z'));
    }
    expect((await t.get(`/care/campaigns/${first.id}/report`)).body).toMatchObject({ selected: 3, byStatus: { enqueued: 2, skipped_consent: 1, pending: 0 }, byChannel: { sms: 1, inbox: 1 } });
    expect((await t.get(`/care/campaigns/${second.id}/report`)).body).toMatchObject({ selected: 3, byStatus: { enqueued: 0, skipped_cap: 1, skipped_consent: 2 } });
    const [m, ...more] = await outboxOfCustomer(d1);
    expect(more).toHaveLength(0);
    expect(m.channel).toBe('sms');
    expect(m.bodyZh).toMatch(/^海一，空调该清洗了 https:\/\/care\.test\/care-links\/click\/c\./);
    expect(m.bodyZh).toMatch(/退订回TD，或点击 https:\/\/care\.test\/care-links\/unsubscribe\/u\./);
    expect(await outboxOfCustomer(d2)).toHaveLength(0);
    expect(await outboxOfCustomer(d4)).toHaveLength(0);
    const inbox = await t.services.care.inbox(customerCaller(d3), { limit: 10, offset: 0 });
    expect(inbox.items.map((i) => i.body)).toEqual([expect.stringMatching(/^Hai San, time to clean your AC https:\/\/care\.test\/care-links\/click\/c\..*Reply TD to stop/)]);
    await t.call('PUT', '/care/settings', { version: s.body.version === null ? 1 : s.body.version + 1, capMessages: 50, capDays: 7 });
  });

  it("shows the customer's own consent switches in the portal", async () => {
    const me = customerCaller(c2);
    const r = await t.services.care.updateMyConsents(me, { changes: [{ channel: 'email', purpose: 'marketing', granted: true }] });
    expect(r.items.find((i) => i.channel === 'email' && i.purpose === 'marketing')!.granted).toBe(true);
    const staff = await t.get(`/customers/${c2}/consents`);
    expect(staff.body.history[0]).toMatchObject({ source: 'portal', by: 'customer' });
    await expect(t.services.care.inbox(systemCaller, { limit: 1, offset: 0 })).rejects.toMatchObject({ status: 403 });
  });
});
