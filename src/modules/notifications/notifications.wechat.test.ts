import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryFailure, wechatChannel, type Outgoing } from './notifications.channels.js';

// WeChat's official-account API stood in for by a local HTTP server that behaves as WeChat does:
// /cgi-bin/token hands out an access token for the right appid and secret, and
// /cgi-bin/message/template/send takes a message only with a token it issued and not yet expired,
// and reads the body. Each test sets how the follower is answered.
type Seen = { path: string; query: URLSearchParams; body: string };
let seen: Seen[] = [];
let issued = 0;
let valid = new Set<string>();
let sendAnswer: (body: Record<string, unknown>) => Record<string, unknown> = () => ({ errcode: 0, errmsg: 'ok', msgid: 200228332 });
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const s = { path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      let answer: Record<string, unknown>;
      if (s.path === '/cgi-bin/token' && req.method === 'GET') {
        answer =
          s.query.get('grant_type') === 'client_credential' && s.query.get('appid') === 'wx-app' && s.query.get('secret') === 'wx-secret'
            ? { access_token: `TOKEN-${++issued}`, expires_in: 7200 }
            : { errcode: 40013, errmsg: 'invalid appid' };
        if (answer.access_token) valid.add(answer.access_token as string);
      } else if (s.path === '/cgi-bin/message/template/send' && req.method === 'POST') {
        const token = s.query.get('access_token') ?? '';
        answer = valid.has(token) ? sendAnswer(JSON.parse(s.body)) : { errcode: 42001, errmsg: 'access_token expired' };
      } else answer = { errcode: 404, errmsg: 'no such API' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  seen = [];
  valid = new Set();
  sendAnswer = () => ({ errcode: 0, errmsg: 'ok', msgid: 200228332 });
});

const message: Outgoing = { id: 'a1f7f7e0-1c1a-4c55-9a55-2f6f0d1e9a02', channel: 'wechat', recipient: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', template: 'care_message', title: '关怀', text: '张伟，您的空调保修将于 2027-06-30 到期', params: null };
let now = new Date('2027-01-30T02:00:00Z');
const clock = { now: () => now };
const channel = (secret = 'wx-secret') => wechatChannel({ appId: 'wx-app', secret, baseUrl, templateIds: { care_message: 'TPL-care-1' } }, clock);
const sends = () => seen.filter((s) => s.path === '/cgi-bin/message/template/send');
const tokens = () => seen.filter((s) => s.path === '/cgi-bin/token');

describe('WeChat template messages (official-account API)', () => {
  it('fetches a token once, keeps it for later sends, and posts openid, template id and data', async () => {
    const c = channel();
    expect(await c.send(message)).toEqual({ providerMessageId: '200228332' });
    await c.send({ ...message, params: { first: '您好', keyword1: '保修到期' } });
    expect(tokens()).toHaveLength(1);
    expect(sends().map((s) => s.query.get('access_token'))).toEqual([`TOKEN-${issued}`, `TOKEN-${issued}`]);
    expect(JSON.parse(sends()[0].body)).toEqual({ touser: message.recipient, template_id: 'TPL-care-1', data: { content: { value: message.text } } });
    expect(JSON.parse(sends()[1].body).data).toEqual({ first: { value: '您好' }, keyword1: { value: '保修到期' } });
  });

  it('fetches a new token when the kept one has expired by the clock', async () => {
    const c = channel();
    await c.send(message);
    now = new Date(now.getTime() + 7200_000);
    await c.send(message);
    expect(tokens()).toHaveLength(2);
  });

  it('refreshes once when WeChat says the token expired (42001, 40001), then sends', async () => {
    const c = channel();
    await c.send(message);
    valid.clear(); // WeChat dropped it early (another server asked for a new one)
    expect(await c.send(message)).toEqual({ providerMessageId: '200228332' });
    expect(tokens()).toHaveLength(2);
    expect(sends()).toHaveLength(3);
    sendAnswer = () => ({ errcode: 40001, errmsg: 'invalid credential' });
    const err = await c.send(message).catch((e: unknown) => e);
    // Refreshed once, not more: the second refusal is a failure that may pass later.
    expect(tokens()).toHaveLength(3);
    expect(err).toBeInstanceOf(DeliveryFailure);
    expect(err).toMatchObject({ permanent: false, unreachable: false });
  });

  it('a user who does not follow the account (43004) is unreachable on WeChat', async () => {
    sendAnswer = (b) => (b.touser === message.recipient ? { errcode: 43004, errmsg: 'require subscribe' } : { errcode: 0, msgid: 1 });
    const err = await channel().send(message).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryFailure);
    expect(err).toMatchObject({ permanent: true, unreachable: true, message: 'wechat 43004: require subscribe' });
  });

  it('other errors fail with WeChat’s code and message; a wrong secret fails at the token', async () => {
    sendAnswer = () => ({ errcode: 40003, errmsg: 'invalid openid' });
    await expect(channel().send(message)).rejects.toMatchObject({ permanent: true, unreachable: false, message: 'wechat 40003: invalid openid' });
    sendAnswer = () => ({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
    await expect(channel().send(message)).rejects.toMatchObject({ permanent: false, message: 'wechat 45009: reach max api daily quota limit' });
    await expect(channel('wrong').send(message)).rejects.toMatchObject({ permanent: true, message: 'wechat token 40013: invalid appid' });
    await expect(channel().send({ ...message, template: 'visit_booked' })).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('AFTERCARE_WECHAT_TEMPLATE_IDS') });
  });
});
