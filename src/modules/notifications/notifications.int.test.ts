import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { engine, seedWorld, testApp, uniquePhone, type TestApp } from '../../../test/harness.js';
import { startSmsGateway, startSmtpServer } from '../../../test/message-servers.js';
import { openDatabase, type Database } from '../../db/database.js';
import { createServices, moduleJobs } from '../../server/services.js';
import { createHttpApp } from '../../server/http.js';
import type { MessagingConfig } from '../../config/config.js';
import { createNotificationsService, enqueueMessage, type OutgoingMessage } from './notifications.service.js';
import { channelsFor, logChannel, type Channel } from './notifications.channels.js';
import { outboxHistory, outboxMessages } from './notifications.tables.js';

const secret = 'a-shared-gateway-secret-of-some-length';
let t: TestApp;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let messaging: MessagingConfig;
let base: string;
let server: ServerType;
const extra: Database[] = [];

beforeAll(async () => {
  t = await testApp(); // 2026-06-01 10:00 in Shanghai: not quiet
  gateway = await startSmsGateway(secret);
  smtp = await startSmtpServer();
  messaging = { sms: { kind: 'http', url: gateway.url, secret }, smtp: { url: smtp.url, from: 'Aftercare <service@aftercare.test>' }, quietHours: { from: '21:00', to: '08:00', zone: 'Asia/Shanghai' }, maxAttempts: 4, retryBaseMs: 30_000 };
  const services = createServices(t.database, t.clock, { messaging });
  server = serve({ fetch: createHttpApp(services, { bodyLimitBytes: 200_000, access: { perToken: null, perAddress: null } }).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await gateway?.close();
  await smtp?.close();
  for (const d of extra) await d.close();
  await t?.close();
});

/** A server copy's delivery worker (its own service over `database`). */
const copy = (database: Database = t.database, channels?: Record<'sms' | 'email' | 'wechat', Channel>) => createNotificationsService({ db: database.db, clock: t.clock, messaging, channels });

async function write(m: Partial<OutgoingMessage> = {}): Promise<string> {
  const recipient = m.recipient ?? uniquePhone();
  await t.database.db.transaction((tx) => enqueueMessage(tx, t.clock, { channel: 'sms', recipient, template: 'visit_booked', bodyZh: `【售后服务】预约 ${recipient}`, bodyEn: `[Aftercare] booked ${recipient}`, ...m }));
  const [row] = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, recipient));
  return row.id;
}
const message = async (id: string) => (await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0];
const history = async (id: string) => (await t.get(`/outbox/${id}/history`)).body.items as { fromStatus: string | null; toStatus: string; attempt: number | null; detail: string | null }[];
const requestsFor = (id: string) => gateway.requests.filter((r) => r.messageId === id);

describe(`message delivery on ${engine}`, () => {
  it('sends through the HTTP gateway, signed, and a signed receipt marks it delivered', async () => {
    const id = await write({ template: 'visit_booked', recipient: '13812345678', bodyZh: '【售后服务】您的工单 WO2606-000001 已预约：6月2日 09:00–11:00。' });
    expect(await copy().deliver(id)).toBe('sent');
    const arrived = gateway.phones.get(id)!;
    expect(arrived).toMatchObject({ to: '13812345678', template: 'visit_booked', text: '【售后服务】您的工单 WO2606-000001 已预约：6月2日 09:00–11:00。' });
    expect(gateway.refusedSignatures).toBe(0);
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 1, provider: 'http', providerMessageId: expect.stringMatching(/^gw-/) });

    expect((await gateway.receipt(base, { messageId: id, status: 'delivered', at: '2026-06-01T02:00:05Z' }, { secret: 'not-the-secret-at-all-xx' })).status).toBe(401);
    expect((await gateway.receipt(base, { messageId: id, status: 'delivered' }, { at: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    expect((await gateway.receipt(base, { messageId: '00000000-0000-4000-8000-000000000000', status: 'delivered' })).status).toBe(404);
    expect((await gateway.receipt(base, { messageId: id, status: 'maybe' })).status).toBe(400);
    const ok = await gateway.receipt(base, { messageId: id, status: 'delivered', at: '2026-06-01T02:00:05Z' });
    expect(ok).toMatchObject({ status: 200, body: { status: 'delivered' } });
    // A later, contrary receipt changes nothing: the first final word stands.
    expect((await gateway.receipt(base, { messageId: id, status: 'failed', error: 'late' })).body.status).toBe('delivered');
    expect(await message(id)).toMatchObject({ status: 'delivered', deliveredAt: new Date('2026-06-01T02:00:05Z') });
    expect((await history(id)).map((h) => `${h.fromStatus}>${h.toStatus}`)).toEqual(['null>queued', 'queued>sending', 'sending>sent', 'sent>delivered']);
  });

  it('e-mail through SMTP arrives with its subject and text', async () => {
    const id = await write({ channel: 'email', recipient: 'wang.li@example.com', template: 'visit_booked', language: 'en', bodyEn: '[Aftercare] Your visit for order WO2606-000002 is booked for 2 June 09:00-11:00.' });
    const zh = await write({ channel: 'email', recipient: 'li.na@example.com', template: 'visit_booked', bodyZh: '【售后服务】您的工单 WO2606-000003 已预约：6月2日上午。' });
    expect(await copy().deliver(id)).toBe('sent');
    expect(await copy().deliver(zh)).toBe('sent');
    const mail = smtp.mails.find((m) => m.to.includes('wang.li@example.com'))!;
    expect(mail).toMatchObject({ from: 'service@aftercare.test', subject: 'Visit booked', text: '[Aftercare] Your visit for order WO2606-000002 is booked for 2 June 09:00-11:00.' });
    expect(mail.headers.toLowerCase()).toContain(`x-aftercare-message-id: ${id}`);
    expect(smtp.mails.find((m) => m.to.includes('li.na@example.com'))!.text).toBe('【售后服务】您的工单 WO2606-000003 已预约：6月2日上午。');
    expect((await message(id)).status).toBe('sent');
  });

  it('an address the mail server refuses fails at once; a gateway refusal (4xx) too', async () => {
    const mail = await write({ channel: 'email', recipient: 'nobody@refuse.example' });
    expect(await copy().deliver(mail)).toBe('failed');
    expect(await message(mail)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('550') });
    gateway.failNext(400);
    const sms = await write();
    expect(await copy().deliver(sms)).toBe('failed');
    expect(gateway.phones.has(sms)).toBe(false);
  });

  it('a failure that may pass is tried again with growing waits, then delivered', async () => {
    gateway.failNext(503, 503);
    const id = await write();
    const worker = copy();
    expect(await worker.deliver(id)).toBe('queued');
    const first = await message(id);
    expect(first.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(30_000);
    // Not due yet: a job or sweep now takes nothing.
    expect(await worker.deliver(id)).toBeNull();
    t.clock.advance(30_000);
    expect(await worker.deliver(id)).toBe('queued');
    expect((await message(id)).nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(60_000);
    t.clock.advance(60_000);
    expect(await worker.sweep()).toBeGreaterThanOrEqual(1);
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(requestsFor(id)).toHaveLength(3);
    expect(gateway.phones.get(id)?.to).toBe((await message(id)).recipient);
    const h = await history(id);
    expect(h.filter((e) => e.toStatus === 'queued' && e.attempt).map((e) => e.detail)).toEqual([expect.stringContaining('503'), expect.stringContaining('503')]);
    // Each retry was put on the queue for its time.
    const jobs = await t.database.db.execute(sql`select start_after from pgboss.job where name = 'notifications.deliver' and data->>'messageId' = ${id} order by start_after`);
    expect((Array.isArray(jobs) ? jobs : (jobs as any).rows).length).toBe(3);
  });

  it('gives up after the configured attempts', async () => {
    gateway.failNext(503, 503, 503, 503);
    const id = await write({ template: 'portal_code' });
    for (let i = 0; i < 4; i++) {
      await copy().deliver(id);
      t.clock.advance(3600_000);
    }
    expect(await message(id)).toMatchObject({ status: 'failed', attempts: 4 });
    expect(requestsFor(id)).toHaveLength(4);
  });

  it('never at night for non-urgent messages; codes and arrival notices go at once', async () => {
    t.clock.set(new Date('2026-06-01T14:30:00Z')); // 22:30 in Shanghai
    const booked = await write({ template: 'visit_booked' });
    const code = await write({ template: 'portal_code' });
    const arrived = await write({ template: 'technician_on_site' });
    const abroad = await write({ template: 'visit_booked', timeZone: 'Europe/Berlin' }); // 16:30 there
    const worker = copy();
    expect(await worker.deliver(booked)).toBeNull();
    expect(await worker.deliver(code)).toBe('sent');
    expect(await worker.deliver(arrived)).toBe('sent');
    expect(await worker.deliver(abroad)).toBe('sent');
    expect(requestsFor(booked)).toHaveLength(0);
    expect(await message(booked)).toMatchObject({ status: 'queued', nextAttemptAt: new Date('2026-06-02T00:00:00Z') });
    expect((await history(booked)).at(-1)!.detail).toContain('quiet hours');
    t.clock.set(new Date('2026-06-01T23:59:00Z'));
    expect(await worker.deliver(booked)).toBeNull();
    t.clock.set(new Date('2026-06-02T00:00:00Z'));
    expect(await worker.deliver(booked)).toBe('sent');
    expect(requestsFor(booked)).toHaveLength(1);
  });

  it('a job the queue repeats after a restart sends nothing again', async () => {
    const id = await write();
    expect(await copy().deliver(id)).toBe('sent');
    // The copy stopped before the queue heard the job was done: another copy takes the job again.
    expect(await copy().deliver(id)).toBeNull();
    expect(await copy().sweep()).toBe(0);
    expect(requestsFor(id)).toHaveLength(1);
  });

  it('a copy that stops mid-send: after its lease the message is sent again with the same key, and reaches the phone once', async () => {
    const id = await write();
    const http = channelsFor(messaging).sms;
    let reached!: () => void;
    const handed = new Promise<void>((ok) => (reached = ok));
    // Hands the message to the gateway, then never answers: its server died with the answer unwritten.
    const dying: Channel = { name: 'http', send: async (m) => { await http.send(m); reached(); return new Promise(() => {}); } };
    void copy(t.database, { ...channelsFor(messaging), sms: dying }).deliver(id);
    await handed;
    const restarted = copy();
    expect(await restarted.sweep()).toBe(0); // still held
    t.clock.advance(2 * 60_000 + 1000);
    expect(await restarted.sweep()).toBe(1);
    const seen = requestsFor(id);
    expect(seen).toHaveLength(2);
    expect(new Set(seen.map((r) => r.key))).toEqual(new Set([id]));
    expect([...gateway.phones.values()].filter((p) => p.messageId === id)).toHaveLength(1);
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await history(id)).find((h) => h.attempt === 2 && h.toStatus === 'sending')!.detail).toContain('never answered');
  });

  it('two server copies working the same messages at once send each exactly once', async () => {
    // On PostgreSQL the second copy has its own connections, as another server would.
    let other = t.database;
    if (t.url) {
      other = await openDatabase({ engine: 'postgres', url: t.url });
      extra.push(other);
    }
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push(await write({ template: 'portal_code' }));
    const a = copy(t.database);
    const b = copy(other);
    await Promise.all([a.sweep(), b.sweep(), ...ids.flatMap((id) => [a.deliver(id), b.deliver(id)])]);
    for (const id of ids) {
      // Once, on a very busy machine, one message reached the gateway zero times: say what became of it.
      const m = await message(id);
      expect(requestsFor(id), `${m.status} after ${m.attempts} attempts: ${m.lastError}`).toHaveLength(1);
    }
    const sentRows = await t.database.db.select().from(outboxHistory).where(and(eq(outboxHistory.toStatus, 'sent'), sql`${outboxHistory.messageId} in ${ids}`));
    expect(sentRows).toHaveLength(ids.length);
  });

  it('the queue worker delivers a sign-in code requested through the portal', async () => {
    const world = await seedWorld(t);
    const services = createServices(t.database, t.clock, { messaging, queue: { pollingIntervalSeconds: 0.5 } });
    const app = createHttpApp(services, { bodyLimitBytes: 200_000, access: { perToken: null, perAddress: null } });
    expect((await app.request('/portal/code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: world.phone }) })).status).toBe(202);
    const [row] = await t.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.recipient, world.phone), eq(outboxMessages.template, 'portal_code')));
    expect(row.urgent).toBe(true);
    // The earlier tests' jobs (no-ops by now) would be taken first, one per poll.
    await t.database.db.execute(sql`delete from pgboss.job where name = 'notifications.deliver' and data->>'messageId' <> ${row.id}`);
    await services.jobs.start(moduleJobs(services));
    try {
      for (let i = 0; i < 200 && !gateway.phones.has(row.id); i++) await new Promise((ok) => setTimeout(ok, 100));
    } finally {
      await services.jobs.stop();
    }
    expect(gateway.phones.get(row.id)).toMatchObject({ to: world.phone, template: 'portal_code', text: row.bodyZh });
    expect((await message(row.id)).status).toBe('sent');
  });

  it('without configuration, messages are written to the log and marked sent', async () => {
    const lines: string[] = [];
    const offline = createNotificationsService({ db: t.database.db, clock: t.clock, channels: channelsFor({ sms: { kind: 'log' }, smtp: null }, logChannel((l) => lines.push(l))) });
    const sms = await write({ template: 'portal_code', bodyZh: '【售后服务】验证码 482913' });
    const mail = await write({ channel: 'email', recipient: 'x@example.com' });
    expect(await offline.deliver(sms)).toBe('sent');
    expect(await offline.deliver(mail)).toBe('sent');
    expect(lines.join('\n')).toContain('验证码 482913');
    expect(await message(sms)).toMatchObject({ status: 'sent', provider: 'log' });
  });

  it('the outbox masks phones and codes and filters by status, channel, template and recipient', async () => {
    const phone = '13712345678';
    const id = await write({ recipient: phone, template: 'acceptance_code', bodyZh: `【售后服务】您的工单 WO2606-000009 已完工，验收码 731946。联系 ${phone}`, bodyEn: 'code 731946' });
    const masked = (await t.get(`/outbox?recipient=${phone}`)).body;
    expect(masked.total).toBe(1);
    expect(masked.items[0]).toMatchObject({ id, recipient: '137****5678', status: 'queued', urgent: true, bodyEn: 'code ••••••' });
    expect(JSON.stringify(masked)).not.toMatch(/731946|13712345678/);
    expect((await t.get(`/outbox?recipient=5678&template=acceptance_code`)).body.items.map((m: any) => m.id)).toContain(id);
    expect((await t.get(`/outbox?status=queued&channel=sms&template=acceptance_code`)).body.items.map((m: any) => m.id)).toContain(id);
    expect((await t.get(`/outbox?status=sent&template=acceptance_code`)).body.items.map((m: any) => m.id)).not.toContain(id);
    expect((await t.get(`/outbox?channel=email&recipient=${phone}`)).body.total).toBe(0);
    expect((await t.get('/outbox?status=lost')).status).toBe(400);
    expect((await t.get('/outbox/templates')).body.items).toContainEqual({ name: 'acceptance_code', urgent: true, titleZh: '验收码', titleEn: 'Acceptance code' });
  });
});
