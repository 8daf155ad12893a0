// The ways a message leaves. Each channel sends one message and answers the provider's id, or
// throws a DeliveryFailure saying whether trying again could help.
import { createHmac, timingSafeEqual } from 'node:crypto';
import nodemailer from 'nodemailer';
import AliyunSms, * as $AliyunSms from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as tencentSms from 'tencentcloud-sdk-nodejs-sms';
import type { MessagingConfig, SmsConfig, WechatConfig } from '../../config/config.js';

/** One message as it leaves: the body in the recipient's language. */
export type Outgoing = { id: string; channel: 'sms' | 'email' | 'wechat'; recipient: string; template: string; title: string; text: string; params: Record<string, string> | null };
export type Channel = { name: string; send: (m: Outgoing) => Promise<{ providerMessageId: string | null }> };

export class DeliveryFailure extends Error {
  constructor(
    message: string,
    /** True when the same request can never succeed (a refused number, a missing template). */
    readonly permanent: boolean,
    /** True when the recipient cannot be reached on this channel at all (a WeChat user who does not follow the account): the sender may try its next channel. */
    readonly unreachable = false,
  ) {
    super(message);
  }
}

/** The default without configuration: the message is written to the log and counts as sent. */
export function logChannel(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Channel {
  return {
    name: 'log',
    send: async (m) => {
      write(`message ${m.id} (${m.channel}, ${m.template}) to ${m.recipient}: ${m.text}`);
      return { providerMessageId: null };
    },
  };
}

// ── The generic HTTP gateway ────────────────────────────────────────────────────────────────

export const signatureHeader = 'x-aftercare-signature';
export const timestampHeader = 'x-aftercare-timestamp';
/** Requests and receipts older (or newer) than this are refused: a captured one cannot be replayed later. */
export const signatureToleranceSeconds = 300;

/** `sha256=` + hex HMAC-SHA256 of `<unix seconds>.<raw body>`. */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifySignature(secret: string, timestampText: string | undefined, signature: string | undefined, body: string, now: Date): boolean {
  if (!timestampText || !signature || !/^\d{1,12}$/.test(timestampText)) return false;
  const timestamp = Number(timestampText);
  if (Math.abs(now.getTime() / 1000 - timestamp) > signatureToleranceSeconds) return false;
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * POSTs `{ messageId, to, template, text, params }` as JSON, signed; the message id is also the
 * `Idempotency-Key`, the same on every attempt, so a gateway that keeps keys sends a retried
 * request once. 2xx: sent (the answer's `id`, if any, is the provider's id); 4xx other than 408
 * and 429: refused for good; anything else: try again later.
 */
export function httpGatewayChannel(s: { url: string; secret: string }, clock: { now: () => Date } = { now: () => new Date() }): Channel {
  return {
    name: 'http',
    send: async (m) => {
      const body = JSON.stringify({ messageId: m.id, to: m.recipient, template: m.template, text: m.text, params: m.params ?? {} });
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      let res: Response;
      try {
        res = await fetch(s.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': m.id, [timestampHeader]: String(timestamp), [signatureHeader]: signBody(s.secret, timestamp, body) },
          body,
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        throw new DeliveryFailure(`gateway unreachable: ${(err as Error).message}`, false);
      }
      const text = await res.text().catch(() => '');
      if (!res.ok) throw new DeliveryFailure(`gateway answered ${res.status}: ${text.slice(0, 200)}`, res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429);
      let id: unknown = null;
      try {
        id = (JSON.parse(text) as { id?: unknown }).id;
      } catch {
        // A 2xx without JSON is still accepted.
      }
      return { providerMessageId: typeof id === 'string' || typeof id === 'number' ? String(id) : null };
    },
  };
}

// ── Aliyun and Tencent Cloud SMS, through their SDKs ────────────────────────────────────────

/**
 * The provider's template values: the message's own, else the whole text as `content` (a
 * template registered as `${content}`).
 */
function templateValues(m: Outgoing): Record<string, string> {
  return m.params && Object.keys(m.params).length > 0 ? m.params : { content: m.text };
}

function providerTemplate(codes: Record<string, string>, m: Outgoing): string {
  const code = codes[m.template];
  if (!code) throw new DeliveryFailure(`no provider template for ${m.template} (AFTERCARE_SMS_TEMPLATE_CODES)`, true);
  return code;
}

/** Mainland numbers are stored without +86; the providers want them in full. */
function e164(phone: string): string {
  return phone.startsWith('+') ? phone : `+86${phone}`;
}

// Both SDKs are CommonJS: their default export arrives wrapped when imported from ESM.
const AliyunClient = ((AliyunSms as unknown as { default?: typeof AliyunSms }).default ?? AliyunSms) as typeof AliyunSms;

/** `endpoint` may carry `http://` (a local stand-in in tests); the SDK takes host and protocol apart. */
function endpointParts(endpoint: string): { host: string; protocol: 'http' | 'https' } {
  const m = /^(https?):\/\/(.+?)\/?$/.exec(endpoint);
  return m ? { protocol: m[1] as 'http' | 'https', host: m[2] } : { protocol: 'https', host: endpoint };
}

export function aliyunSmsRequest(s: Extract<SmsConfig, { kind: 'aliyun' }>, m: Outgoing) {
  return new $AliyunSms.SendSmsRequest({ phoneNumbers: m.recipient.replace(/^\+86/, ''), signName: s.signName, templateCode: providerTemplate(s.templateCodes, m), templateParam: JSON.stringify(templateValues(m)), outId: m.id });
}

export function aliyunChannel(s: Extract<SmsConfig, { kind: 'aliyun' }>): Channel {
  const { host, protocol } = endpointParts(s.endpoint);
  const client = new AliyunClient(new $OpenApiUtil.Config({ accessKeyId: s.accessKeyId, accessKeySecret: s.accessKeySecret, endpoint: host, protocol, readTimeout: 15_000, connectTimeout: 5_000 }));
  return {
    name: 'aliyun',
    send: async (m) => {
      const request = aliyunSmsRequest(s, m);
      let body: { code?: string; message?: string; bizId?: string } | undefined;
      try {
        body = (await client.sendSms(request)).body;
      } catch (err) {
        throw new DeliveryFailure(`aliyun: ${(err as Error).message}`, false);
      }
      if (body?.code !== 'OK') {
        // Flow control and the provider's own trouble pass; the others (a bad number, template, signature) do not.
        const transient = !body?.code || /LIMIT|FLOW|THROTTL|Unavailable|InternalError/i.test(body.code);
        throw new DeliveryFailure(`aliyun ${body?.code}: ${body?.message ?? ''}`, !transient);
      }
      return { providerMessageId: body.bizId ?? null };
    },
  };
}

export function tencentSmsRequest(s: Extract<SmsConfig, { kind: 'tencent' }>, m: Outgoing) {
  return { PhoneNumberSet: [e164(m.recipient)], SmsSdkAppId: s.appId, SignName: s.signName, TemplateId: providerTemplate(s.templateCodes, m), TemplateParamSet: Object.values(templateValues(m)), SessionContext: m.id };
}

export function tencentChannel(s: Extract<SmsConfig, { kind: 'tencent' }>): Channel {
  const { host, protocol } = endpointParts(s.endpoint);
  const client = new tencentSms.sms.v20210111.Client({
    credential: { secretId: s.secretId, secretKey: s.secretKey },
    region: s.region,
    profile: { httpProfile: { endpoint: host, protocol: `${protocol}://`, reqTimeout: 15 } },
  });
  return {
    name: 'tencent',
    send: async (m) => {
      const request = tencentSmsRequest(s, m);
      let status: { Code?: string; Message?: string; SerialNo?: string } | undefined;
      try {
        status = (await client.SendSms(request)).SendStatusSet?.[0];
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        throw new DeliveryFailure(`tencent ${code}: ${(err as Error).message}`, /^(AuthFailure|InvalidParameter|UnauthorizedOperation)/.test(code));
      }
      if (status?.Code !== 'Ok') {
        const transient = !status?.Code || /LimitExceeded|InternalError|RequestLimit/i.test(status.Code);
        throw new DeliveryFailure(`tencent ${status?.Code}: ${status?.Message ?? ''}`, !transient);
      }
      return { providerMessageId: status.SerialNo ?? null };
    },
  };
}

// ── WeChat official account: template messages ──────────────────────────────────────────────

/** WeChat's answers that mean the access token is no longer good (invalid, expired): fetched again, once. */
const tokenErrors = new Set([40001, 40014, 42001]);
/** The user does not follow the official account (or refused its messages): no template message reaches them. */
const notFollowing = new Set([43004, 43101]);
/** WeChat's own trouble and rate limits: the same request may pass later. */
const transientWechat = new Set([-1, 45009, 45047]);

/**
 * Template messages through the official-account API: an access token from the app's id and
 * secret (`GET /cgi-bin/token`), kept until shortly before it expires and shared by every send of
 * this server copy, then `POST /cgi-bin/message/template/send` with the follower's openid, the
 * registered template's id and its data — the message's own values, else the whole text as
 * `content` (a template with `{{content.DATA}}`). An expired token is fetched again and the send
 * tried once more; a user who does not follow the account is unreachable (the sender falls back
 * to its next channel); other errors fail with WeChat's code and message.
 */
export function wechatChannel(w: WechatConfig, clock: { now: () => Date } = { now: () => new Date() }): Channel {
  const base = w.baseUrl.replace(/\/$/, '');
  let cached: { token: string; until: number } | null = null;
  let pending: Promise<string> | null = null;

  async function call(url: string, init?: RequestInit): Promise<{ errcode?: number; errmsg?: string; access_token?: string; expires_in?: number; msgid?: number | string }> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    } catch (err) {
      throw new DeliveryFailure(`wechat unreachable: ${(err as Error).message}`, false);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new DeliveryFailure(`wechat answered ${res.status}: ${text.slice(0, 200)}`, false);
    try {
      return JSON.parse(text);
    } catch {
      throw new DeliveryFailure(`wechat answered no JSON: ${text.slice(0, 200)}`, false);
    }
  }

  async function fetchToken(): Promise<string> {
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: w.appId, secret: w.secret });
    const r = await call(`${base}/cgi-bin/token?${q}`);
    if (!r.access_token) throw new DeliveryFailure(`wechat token ${r.errcode ?? '?'}: ${r.errmsg ?? 'no access_token'}`, r.errcode === 40013 || r.errcode === 40125 || r.errcode === 40164);
    // Five minutes early, so a token is never used in its last moments.
    cached = { token: r.access_token, until: clock.now().getTime() + Math.max(0, (r.expires_in ?? 7200) - 300) * 1000 };
    return r.access_token;
  }

  /** The cached token while it lasts; one request for a new one however many sends wait on it. */
  async function token(): Promise<string> {
    if (cached && cached.until > clock.now().getTime()) return cached.token;
    pending ??= fetchToken().finally(() => (pending = null));
    return pending;
  }

  return {
    name: 'wechat',
    send: async (m) => {
      const templateId = w.templateIds[m.template];
      if (!templateId) throw new DeliveryFailure(`no WeChat template for ${m.template} (AFTERCARE_WECHAT_TEMPLATE_IDS)`, true);
      const data = Object.fromEntries(Object.entries(templateValues(m)).map(([k, v]) => [k, { value: v }]));
      const body = JSON.stringify({ touser: m.recipient, template_id: templateId, data });
      const send = async (t: string) => call(`${base}/cgi-bin/message/template/send?access_token=${encodeURIComponent(t)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const used = await token();
      let r = await send(used);
      if (r.errcode && tokenErrors.has(r.errcode)) {
        if (cached?.token === used) cached = null;
        r = await send(await token());
      }
      if (!r.errcode) return { providerMessageId: r.msgid != null ? String(r.msgid) : null };
      const reason = `wechat ${r.errcode}: ${r.errmsg ?? ''}`;
      if (notFollowing.has(r.errcode)) throw new DeliveryFailure(reason, true, true);
      throw new DeliveryFailure(reason, !transientWechat.has(r.errcode) && !tokenErrors.has(r.errcode));
    },
  };
}

// ── E-mail ──────────────────────────────────────────────────────────────────────────────────

export function smtpChannel(s: { url: string; from: string }): Channel {
  // Well inside the delivery lease: a send still waiting when the lease runs out would be sent again by another copy.
  const transport = nodemailer.createTransport({ url: s.url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 45_000 } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    name: 'smtp',
    send: async (m) => {
      try {
        const info = await transport.sendMail({ from: s.from, to: m.recipient, subject: m.title, text: m.text, headers: { 'X-Aftercare-Message-Id': m.id } });
        return { providerMessageId: info.messageId ?? null };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        // 5xx from the server: the address or the message is refused; connection trouble and 4xx pass.
        throw new DeliveryFailure(`smtp: ${(err as Error).message}`, code !== undefined && code >= 500);
      }
    },
  };
}

/** The channel each kind of message leaves through, as configured; what has none is logged. */
export function channelsFor(config: Pick<MessagingConfig, 'sms' | 'smtp' | 'wechat'>, log: Channel = logChannel()): Record<Outgoing['channel'], Channel> {
  const sms = config.sms;
  return {
    sms: sms.kind === 'http' ? httpGatewayChannel(sms) : sms.kind === 'aliyun' ? aliyunChannel(sms) : sms.kind === 'tencent' ? tencentChannel(sms) : log,
    email: config.smtp ? smtpChannel(config.smtp) : log,
    wechat: config.wechat ? wechatChannel(config.wechat) : log,
  };
}
