import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { engine, seedWorld, systemCaller, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';
import { migrationsFolder } from '../../db/database.js';
import { startCloudSms } from '../../../test/message-servers.js';
import { createServices } from '../../server/services.js';
import { createHttpApp } from '../../server/http.js';
import { auditLog } from '../../kernel/audit.tables.js';
import type { MessagingConfig } from '../../config/config.js';
import { createNotificationsService, defaultMessaging, enqueueMessage, type OutgoingMessage } from './notifications.service.js';
import { outboxHistory, outboxMessages } from './notifications.tables.js';

// The outbox as staff read it (masked unless revealed, by customer), and the delivery reports
// Aliyun and Tencent push back, posted over real HTTP in the providers' own shapes.
const receiptToken = 'receipt-token-0123456789-abcdef';
let t: TestApp;
let cloud: Awaited<ReturnType<typeof startCloudSms>>;
let server: ServerType;
let base: string;
let manager: Awaited<ReturnType<typeof tokenFor>>;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  t = await testApp(); // 2026-06-01 10:00 in Shanghai: not quiet
  cloud = await startCloudSms();
  world = await seedWorld(t);
  manager = await tokenFor(t.services, 'manager', 'outbox-manager');
  const services = createServices(t.database, t.clock, { messaging: { ...defaultMessaging, receiptToken } });
  server = serve({ fetch: createHttpApp(services, { bodyLimitBytes: 200_000, access: { perToken: null, perAddress: null } }).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await cloud?.close();
  await t?.close();
});

async function write(m: Partial<OutgoingMessage> = {}): Promise<string> {
  const recipient = m.recipient ?? uniquePhone();
  t.clock.advance(1000); // the newest row is the one just written
  await t.database.db.transaction((tx) => enqueueMessage(tx, t.clock, { channel: 'sms', recipient, template: 'visit_booked', bodyZh: `【售后服务】预约 ${recipient}`, bodyEn: `[Aftercare] booked ${recipient}`, ...m }));
  const [row] = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, recipient)).orderBy(desc(outboxMessages.createdAt)).limit(1);
  return row.id;
}
const message = async (id: string) => (await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0];
const historyRows = async (id: string) => t.database.db.select().from(outboxHistory).where(eq(outboxHistory.messageId, id));
const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

/** Sent through the provider's SDK to the stand-in: the message then carries the id the provider answered. */
async function sentThrough(provider: 'aliyun' | 'tencent', recipient = uniquePhone()) {
  const sms: MessagingConfig['sms'] =
    provider === 'aliyun'
      ? { kind: 'aliyun', accessKeyId: 'LTAI-test', accessKeySecret: 'secret', signName: '售后服务', endpoint: cloud.endpoint, templateCodes: { visit_booked: 'SMS_154950909' } }
      : { kind: 'tencent', secretId: 'AKID-test', secretKey: 'key', appId: '1400006666', signName: '售后服务', region: 'ap-guangzhou', endpoint: cloud.endpoint, templateCodes: { visit_booked: '449739' } };
  const id = await write({ recipient });
  expect(await createNotificationsService({ db: t.database.db, clock: t.clock, messaging: { ...defaultMessaging, sms } }).deliver(id)).toBe('sent');
  const row = await message(id);
  expect(row).toMatchObject({ provider, providerMessageId: cloud.sent.at(-1)!.id });
  return row;
}

describe(`the outbox, masked by default, by customer, on ${engine}`, () => {
  it('masks phones and codes for everyone unless an administrator asks to reveal them, and records each reveal', async () => {
    const phone = '13712345678';
    const id = await write({ recipient: phone, template: 'acceptance_code', bodyZh: `【售后服务】您的工单 WO2606-000009 已完工，验收码 731946。联系 ${phone}`, bodyEn: 'code 731946' });
    const plain = (await t.get(`/outbox?recipient=${phone}`)).body;
    expect(plain.items[0]).toMatchObject({ id, recipient: '137****5678', bodyEn: 'code ••••••' });
    expect(JSON.stringify(plain)).not.toMatch(/731946|13712345678/);
    const managers = await t.get(`/outbox?recipient=${phone}`, manager.headers);
    expect(managers.status).toBe(200);
    expect(JSON.stringify(managers.body)).not.toMatch(/731946|13712345678/);
    const refused = await t.get(`/outbox?recipient=${phone}&reveal=true`, manager.headers);
    expect(refused).toMatchObject({ status: 403 });
    expect((await t.get(`/outbox/${id}/history?reveal=true`, manager.headers)).status).toBe(403);

    const revealed = (await t.get(`/outbox?recipient=${phone}&reveal=true`)).body;
    expect(revealed.items[0]).toMatchObject({ id, recipient: phone, bodyEn: 'code 731946' });
    expect((await t.get(`/outbox/${id}/history?reveal=true`)).status).toBe(200);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'outbox_revealed'));
    expect(audits.map((a) => ({ actor: a.actorName, ids: a.details.messageIds, subject: a.subjectId }))).toEqual([
      { actor: expect.stringContaining('tester'), ids: [id], subject: null },
      { actor: expect.stringContaining('tester'), ids: undefined, subject: id },
    ]);
    // Masked reads leave no reveal row.
    await t.get(`/outbox/${id}/history`);
    expect(await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'outbox_revealed'))).toHaveLength(2);
    expect((await t.get('/outbox?reveal=maybe')).body).toMatchObject({ error: expect.anything() });
  });

  it("filters by the customer the message is for, not by the number it went to; the recipient filter stays", async () => {
    const shared = uniquePhone();
    // A sign-in code requested in the portal: the message names the customer.
    expect((await t.app.request('/portal/code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: world.phone }) })).status).toBe(202);
    const mail = await write({ channel: 'email', recipient: 'owner@example.com', customerId: world.customer.id });
    // Someone else's message to a number the customer also uses (a family phone): not theirs.
    const other = await write({ recipient: shared });
    const alsoShared = await write({ recipient: shared, customerId: world.customer.id });
    const ofCustomer = (await t.get(`/outbox?customerId=${world.customer.id}`)).body;
    const ids = ofCustomer.items.map((m: any) => m.id);
    expect(ids).toEqual(expect.arrayContaining([mail, alsoShared]));
    expect(ids).not.toContain(other);
    expect(ofCustomer.items.find((m: any) => m.template === 'portal_code')).toMatchObject({ customerId: world.customer.id, recipient: expect.stringContaining('****') });
    expect(ofCustomer.items.every((m: any) => m.customerId === world.customer.id)).toBe(true);
    expect((await t.get(`/outbox?recipient=${shared}`)).body.items.map((m: any) => m.id).sort()).toEqual([other, alsoShared].sort());
    expect((await t.get(`/outbox?customerId=${world.customer.id}&recipient=${shared}`)).body.items.map((m: any) => m.id)).toEqual([alsoShared]);
    const bad = await t.get('/outbox?customerId=13812345678');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('customerId');
  });
});

describe(`the migration that gave messages their customer, on ${engine}`, () => {
  it('fills customer_id of messages written before it: from a customer subject, from the order of a work-order subject; others stay empty', async () => {
    const s = t.services.workOrders;
    let o = (await s.intake(systemCaller, { kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: '漏水 / leaks', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: world.provider.id });
    o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: world.technicians[0].id });
    await s.perform(systemCaller, o.id, 'book', { version: o.version, from: '2026-06-02T02:00:00Z', to: '2026-06-02T04:00:00Z' });
    const [booked] = await t.database.db.select().from(outboxMessages).where(sql`${outboxMessages.subject}->>'id' = ${o.id}`);
    expect(booked).toMatchObject({ template: 'visit_booked', customerId: world.customer.id });
    const code = await write({ template: 'portal_code', subject: { kind: 'customer', id: world.customer.id } });
    const forTechnician = await write({ template: 'certification_expiring', subject: { kind: 'certification', id: world.technicians[0].id } });
    const ids = [booked.id, code, forTechnician];
    // As the rows were before the column existed.
    await t.database.db.update(outboxMessages).set({ customerId: null }).where(inArray(outboxMessages.id, ids));
    const migration = readFileSync(join(migrationsFolder, '0026_outbox_customers_receipts_unit_serials.sql'), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').map((x) => x.replace(/^\s*--.*$/gm, '').trim()).filter((x) => x.startsWith('UPDATE "outbox_messages"'));
    expect(backfill).toHaveLength(2);
    for (const statement of backfill) await t.database.db.execute(sql.raw(statement));
    const rows = await t.database.db.select({ id: outboxMessages.id, customerId: outboxMessages.customerId }).from(outboxMessages).where(inArray(outboxMessages.id, ids));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.customerId]))).toEqual({ [booked.id]: world.customer.id, [code]: world.customer.id, [forTechnician]: null });
  });
});

describe(`Aliyun and Tencent delivery reports on ${engine}`, () => {
  it('Aliyun SmsReport: delivered and failed by BizId, the same report twice changes nothing, the token is required', async () => {
    const ok = await sentThrough('aliyun', '13811112222');
    const bad = await sentThrough('aliyun');
    const report = (biz: string, success: boolean, extra: Record<string, unknown> = {}) => ({
      phone_number: '1381111****', send_time: '2026-06-01 10:00:01', report_time: '2026-06-01 10:00:07', success,
      err_code: success ? 'DELIVERED' : 'MK:0001', err_msg: success ? '用户接收成功' : '空号', sms_size: '1', biz_id: biz, out_id: '', ...extra,
    });
    const body = [report(ok.providerMessageId!, true), report(bad.providerMessageId!, false), report('999999999999^0', false)];
    expect((await post('/outbox/receipts/aliyun', body)).status).toBe(401);
    expect((await post('/outbox/receipts/aliyun?token=wrong-token-0123456789-abcdef', body)).status).toBe(401);
    expect((await message(ok.id)).status).toBe('sent');
    const first = await post(`/outbox/receipts/aliyun?token=${receiptToken}`, body);
    expect(first).toMatchObject({ status: 200, body: { code: 0, applied: 2, unchanged: 0, unknown: 1 } });
    expect(await message(ok.id)).toMatchObject({ status: 'delivered', deliveredAt: new Date('2026-06-01T02:00:07Z') });
    expect(await message(bad.id)).toMatchObject({ status: 'failed', lastError: 'MK:0001: 空号', failedAt: new Date('2026-06-01T02:00:07Z') });
    const rowsAfterFirst = (await historyRows(ok.id)).length;
    // Aliyun pushes again when it did not hear 200 in time: nothing changes, no history is added.
    const again = await post(`/outbox/receipts/aliyun?token=${receiptToken}`, body);
    expect(again.body).toMatchObject({ code: 0, applied: 0, unchanged: 2, unknown: 1 });
    expect(await historyRows(ok.id)).toHaveLength(rowsAfterFirst);
    expect((await historyRows(ok.id)).at(-1)).toMatchObject({ fromStatus: 'sent', toStatus: 'delivered', provider: 'aliyun' });
    // A report naming only our OutId (the BizId not yet recorded) still finds its message; the header carries the token too.
    const byOutId = await write();
    await t.database.db.update(outboxMessages).set({ status: 'sending', provider: 'aliyun', attempts: 1 }).where(eq(outboxMessages.id, byOutId));
    expect((await post('/outbox/receipts/aliyun', [report('not-yet-known^0', true, { out_id: byOutId })], { 'x-aftercare-receipt-token': receiptToken })).body).toMatchObject({ applied: 1 });
    expect((await message(byOutId)).status).toBe('delivered');
    const malformed = await post(`/outbox/receipts/aliyun?token=${receiptToken}`, [{ biz_id: 'x' }]);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('success');
  });

  it('Tencent status callback: delivered and failed by sid (SerialNo), idempotent, the token is required', async () => {
    const ok = await sentThrough('tencent');
    const bad = await sentThrough('tencent');
    const report = (sid: string, success: boolean) => ({
      user_receive_time: '2026-06-01 10:00:09', nationcode: '86', mobile: ok.recipient, report_status: success ? 'SUCCESS' : 'FAIL',
      errmsg: success ? 'DELIVRD' : 'MN:0001', description: success ? '用户短信送达成功' : '空号', sid,
    });
    const body = [report(ok.providerMessageId!, true), report(bad.providerMessageId!, false)];
    expect((await post('/outbox/receipts/tencent', body, { 'x-aftercare-receipt-token': 'nope' })).status).toBe(401);
    const first = await post(`/outbox/receipts/tencent?token=${receiptToken}`, body);
    expect(first).toMatchObject({ status: 200, body: { result: 0, errmsg: 'OK', applied: 2, unknown: 0 } });
    expect(await message(ok.id)).toMatchObject({ status: 'delivered', deliveredAt: new Date('2026-06-01T02:00:09Z') });
    expect(await message(bad.id)).toMatchObject({ status: 'failed', lastError: 'MN:0001: 空号' });
    const count = (await historyRows(bad.id)).length;
    // A later contrary report: the first final word stands.
    expect((await post(`/outbox/receipts/tencent?token=${receiptToken}`, [report(bad.providerMessageId!, true)])).body).toMatchObject({ applied: 0, unchanged: 1 });
    expect(await historyRows(bad.id)).toHaveLength(count);
    expect((await message(bad.id)).status).toBe('failed');
    // An Aliyun BizId is not a Tencent sid: reports are matched within their provider.
    const aliyun = await sentThrough('aliyun');
    expect((await post(`/outbox/receipts/tencent?token=${receiptToken}`, [report(aliyun.providerMessageId!, true)])).body).toMatchObject({ unknown: 1 });
    expect((await post(`/outbox/receipts/tencent?token=${receiptToken}`, [{ ...report(ok.providerMessageId!, true), report_status: 'MAYBE' }])).status).toBe(400);
    expect((await post(`/outbox/receipts/tencent?token=${receiptToken}`, 'not json')).status).toBe(400);
  });

  it('the same report pushed several times at once is applied once', async () => {
    const sent = await sentThrough('aliyun');
    const body = [{ phone_number: '1381111****', send_time: '2026-06-01 10:00:01', report_time: '2026-06-01 10:00:08', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功', sms_size: '1', biz_id: sent.providerMessageId, out_id: sent.id }];
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(`/outbox/receipts/aliyun?token=${receiptToken}`, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.reduce((n, a) => n + a.body.applied, 0)).toBe(1);
    expect((await historyRows(sent.id)).filter((h) => h.toStatus === 'delivered')).toHaveLength(1);
  });

  it('without a configured token the endpoints take nothing', async () => {
    const res = await t.post('/outbox/receipts/aliyun?token=anything-at-all-0123456789', [{ success: true, biz_id: '1' }], {});
    expect(res).toMatchObject({ status: 404, body: { error: expect.objectContaining({ code: 'receipts_not_configured' }) } });
  });
});
