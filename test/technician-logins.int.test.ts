import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, seedWorld, testApp, tokenFor, type TestApp } from './harness.js';

// Overrides with help (issue 15: "only 2 of 12 technicians of the demo's first provider can sign
// in"): a provider admin gives a technician a login — an account tied to the record and a
// one-time invitation by SMS, through the outbox, to set the password.
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let adminOfProvider: string;
let adminOfOther: string;

async function as(token: string, method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
async function anonymous(path: string, body: unknown) {
  const res = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
/** The token in the latest invitation SMS to this phone, read where the outbox keeps it. */
async function invitationToken(phone: string): Promise<string> {
  const result = await t.database.db.execute(sql`select body_en from outbox_messages where template = 'technician_invitation' and recipient = ${phone} order by created_at desc, id desc limit 1`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { body_en: string }[] }).rows) as { body_en: string }[];
  return /\/invitation#([A-Za-z0-9_-]+)/.exec(rows[0].body_en)![1];
}

beforeAll(async () => {
  t = await testApp();
  w = await seedWorld(t);
  const other = await t.post('/providers', { code: 'POTHER', name: '另一网点', kind: 'contractor', contactName: '赵经理', contactPhone: '02088887777' });
  adminOfProvider = (await tokenFor(t.services, 'provider_admin', 'padmin-inv', { providerId: w.provider.id })).token;
  adminOfOther = (await tokenFor(t.services, 'provider_admin', 'padmin-other', { providerId: other.body.id })).token;
}, 120_000);
afterAll(() => t?.close());

describe(`technician logins by invitation (${engine})`, () => {
  it('a provider admin invites their technician; the SMS link sets the password once, and the technician signs in', async () => {
    const tech = w.technicians[0];
    // Another provider's admin does not find the technician at all.
    expect((await as(adminOfOther, 'POST', `/technicians/${tech.id}/invitation`)).status).toBe(404);

    const invited = await as(adminOfProvider, 'POST', `/technicians/${tech.id}/invitation`);
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ username: 't13900000001', created: true, sentTo: '139****0001' });
    const token = await invitationToken('13900000001');
    expect(JSON.stringify(invited.body)).not.toContain(token);

    // Not yet usable: the account's password is a secret nobody holds.
    expect((await anonymous('/auth/sign-in', { username: 't13900000001', password: 'aftercare-demo' })).status).toBe(401);
    // A password refused does not use the invitation up.
    const weak = await anonymous('/auth/invitation/accept', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/至少 10 个字符/);
    const accepted = await anonymous('/auth/invitation/accept', { token, password: 'a-good-long-password' });
    expect(accepted).toMatchObject({ status: 200, body: { username: 't13900000001' } });
    const again = await anonymous('/auth/invitation/accept', { token, password: 'another-long-password' });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('invitation_invalid');
    expect(again.body.error.message).toMatch(/expired or already used.*已使用/);

    const signIn = await anonymous('/auth/sign-in', { username: 't13900000001', password: 'a-good-long-password' });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user).toMatchObject({ role: 'technician', technicianId: tech.id, providerId: w.provider.id });
  });

  it('inviting again sends a new link that replaces the last', async () => {
    const tech = w.technicians[1];
    expect((await as(adminOfProvider, 'POST', `/technicians/${tech.id}/invitation?username=zhao.tech`)).body).toMatchObject({ username: 'zhao.tech', created: true });
    const first = await invitationToken('13900000002');
    t.clock.advance(60_000);
    const second = await as(adminOfProvider, 'POST', `/technicians/${tech.id}/invitation`);
    expect(second.body).toMatchObject({ username: 'zhao.tech', created: false });
    const latest = await invitationToken('13900000002');
    expect(latest).not.toBe(first);
    expect((await anonymous('/auth/invitation/accept', { token: first, password: 'a-good-long-password' })).status).toBe(401);
    expect((await anonymous('/auth/invitation/accept', { token: latest, password: 'a-good-long-password' })).status).toBe(200);
  });

  it('two requests with the same link at once: exactly one sets the password', async () => {
    const tech = await t.post('/technicians', { providerId: w.provider.id, name: '孙并发', phone: '13900000031' });
    expect((await as(adminOfProvider, 'POST', `/technicians/${tech.body.id}/invitation`)).status).toBe(201);
    const token = await invitationToken('13900000031');
    const answers = await Promise.all(['first-long-password', 'second-long-password', 'third-long-password'].map((password) => anonymous('/auth/invitation/accept', { token, password })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
  });

  it('a technician or an agent cannot give logins', async () => {
    const agent = (await tokenFor(t.services, 'agent', 'agent-inv')).token;
    expect((await as(agent, 'POST', `/technicians/${w.technicians[0].id}/invitation`)).status).toBe(403);
  });
});
