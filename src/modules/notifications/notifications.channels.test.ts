import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aliyunChannel, aliyunSmsRequest, DeliveryFailure, tencentChannel, tencentSmsRequest, type Outgoing } from './notifications.channels.js';

// Aliyun's and Tencent Cloud's SMS APIs, stood in for by a local server (no sandbox is reachable
// from here): the official SDKs build, sign and send their real requests to it, and the test reads them.
type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
let seen: Seen[] = [];
let answer: (s: Seen) => { status: number; body: unknown } = () => ({ status: 200, body: {} });
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      const a = answer(s);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const message: Outgoing = { id: '5b1f7f7e-1c1a-4c55-9a55-2f6f0d1e9a01', channel: 'sms', recipient: '13812345678', template: 'portal_code', title: '登录验证码', text: '【售后服务】验证码 482913', params: { code: '482913' } };
const codes = { portal_code: 'SMS_154950909' };

/** Aliyun's RPC style: the parameters in the query string or a form body. */
function aliyunParams(s: Seen): URLSearchParams {
  const params = new URLSearchParams(s.url.split('?')[1] ?? '');
  for (const [k, v] of new URLSearchParams(s.body)) params.set(k, v);
  return params;
}

describe('Aliyun SMS (@alicloud/dysmsapi20170525)', () => {
  const config = { kind: 'aliyun' as const, accessKeyId: 'LTAI-test-key', accessKeySecret: 'test-secret', signName: '售后服务', endpoint: '', templateCodes: codes };

  it('builds SendSms with the sign, the registered template, its values and our id as OutId', () => {
    const r = aliyunSmsRequest({ ...config, endpoint: 'dysmsapi.aliyuncs.com' }, message);
    expect(r).toMatchObject({ phoneNumbers: '13812345678', signName: '售后服务', templateCode: 'SMS_154950909', outId: message.id });
    expect(JSON.parse(r.templateParam!)).toEqual({ code: '482913' });
    // Without values of its own the whole text goes as `content`.
    expect(JSON.parse(aliyunSmsRequest({ ...config, endpoint: 'x' }, { ...message, params: null }).templateParam!)).toEqual({ content: message.text });
    expect(() => aliyunSmsRequest({ ...config, endpoint: 'x' }, { ...message, template: 'visit_booked' })).toThrow(DeliveryFailure);
  });

  it('sends a signed request and reads the BizId; a refusal is permanent, flow control is not', async () => {
    seen = [];
    answer = () => ({ status: 200, body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5' } });
    const channel = aliyunChannel({ ...config, endpoint });
    expect(await channel.send(message)).toEqual({ providerMessageId: '900619746936498440^0' });
    const p = aliyunParams(seen[0]);
    expect(Object.fromEntries(['PhoneNumbers', 'SignName', 'TemplateCode', 'TemplateParam', 'OutId'].map((k) => [k, p.get(k)]))).toEqual({
      PhoneNumbers: '13812345678', SignName: '售后服务', TemplateCode: 'SMS_154950909', TemplateParam: '{"code":"482913"}', OutId: message.id,
    });
    expect(seen[0].headers).toMatchObject({ 'x-acs-action': 'SendSms', 'x-acs-version': '2017-05-25' });
    expect(seen[0].headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI-test-key,.*Signature=[0-9a-f]{64}$/);

    answer = () => ({ status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: 'invalid number', RequestId: 'x' } });
    await expect(channel.send(message)).rejects.toMatchObject({ permanent: true });
    answer = () => ({ status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'flow control', RequestId: 'x' } });
    await expect(channel.send(message)).rejects.toMatchObject({ permanent: false });
  });
});

describe('Tencent Cloud SMS (tencentcloud-sdk-nodejs-sms)', () => {
  const config = { kind: 'tencent' as const, secretId: 'AKID-test', secretKey: 'test-key', appId: '1400006666', signName: '售后服务', region: 'ap-guangzhou', endpoint: '', templateCodes: { portal_code: '449739' } };

  it('builds SendSms with the number in full, the app, sign, template, values and our id as SessionContext', () => {
    expect(tencentSmsRequest({ ...config, endpoint: 'x' }, message)).toEqual({ PhoneNumberSet: ['+8613812345678'], SmsSdkAppId: '1400006666', SignName: '售后服务', TemplateId: '449739', TemplateParamSet: ['482913'], SessionContext: message.id });
  });

  it('sends a TC3-signed request and reads the SerialNo; a refused number is permanent', async () => {
    seen = [];
    answer = () => ({ status: 200, body: { Response: { SendStatusSet: [{ SerialNo: '5000:1045710669157053657849499619', PhoneNumber: '+8613812345678', Fee: 1, SessionContext: message.id, Code: 'Ok', Message: 'send success', IsoCode: 'CN' }], RequestId: 'a0aabda6' } } });
    const channel = tencentChannel({ ...config, endpoint });
    expect(await channel.send(message)).toEqual({ providerMessageId: '5000:1045710669157053657849499619' });
    expect(seen[0].headers['x-tc-action']).toBe('SendSms');
    expect(seen[0].headers['x-tc-region']).toBe('ap-guangzhou');
    expect(seen[0].headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKID-test\//);
    expect(JSON.parse(seen[0].body)).toEqual({ PhoneNumberSet: ['+8613812345678'], SmsSdkAppId: '1400006666', SignName: '售后服务', TemplateId: '449739', TemplateParamSet: ['482913'], SessionContext: message.id });

    answer = () => ({ status: 200, body: { Response: { SendStatusSet: [{ Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'bad number' }], RequestId: 'b' } } });
    await expect(channel.send(message)).rejects.toMatchObject({ permanent: true });
    answer = () => ({ status: 200, body: { Response: { SendStatusSet: [{ Code: 'LimitExceeded.PhoneNumberThirtySecondLimit', Message: 'too often' }], RequestId: 'c' } } });
    await expect(channel.send(message)).rejects.toMatchObject({ permanent: false });
  });
});
