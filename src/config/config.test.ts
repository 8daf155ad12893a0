import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('messaging settings', () => {
  it('without any, messages go to the log, quiet 21:00–08:00 in Shanghai', () => {
    expect(readConfig({}).messaging).toEqual({ sms: { kind: 'log' }, smtp: null, wechat: null, quietHours: { from: '21:00', to: '08:00', zone: 'Asia/Shanghai' }, maxAttempts: 8, retryBaseMs: 30_000, receiptToken: null });
  });
  it('reads a WeChat official account with its template ids, and wants its id and secret together', () => {
    expect(readConfig({ AFTERCARE_WECHAT_APP_ID: 'wx123', AFTERCARE_WECHAT_APP_SECRET: 's3cret', AFTERCARE_WECHAT_TEMPLATE_IDS: 'warranty_end=TPL-1' }).messaging.wechat).toMatchObject({ appId: 'wx123', secret: 's3cret', baseUrl: 'https://api.weixin.qq.com' });
    expect(() => readConfig({ AFTERCARE_WECHAT_APP_ID: 'wx123' })).toThrow(/AFTERCARE_WECHAT_APP_SECRET/);
  });
  it('takes Aliyun and Tencent delivery reports only with a long enough token', () => {
    expect(readConfig({ AFTERCARE_SMS_RECEIPT_TOKEN: 'receipt-token-0123456789-abcdef' }).messaging.receiptToken).toBe('receipt-token-0123456789-abcdef');
    expect(() => readConfig({ AFTERCARE_SMS_RECEIPT_TOKEN: 'short' })).toThrow(/AFTERCARE_SMS_RECEIPT_TOKEN: at least 24 characters/);
  });
  it('names what a chosen SMS channel still needs', () => {
    expect(() => readConfig({ AFTERCARE_SMS_CHANNEL: 'http' })).toThrow(/AFTERCARE_SMS_HTTP_URL: needed when AFTERCARE_SMS_CHANNEL=http[\s\S]*AFTERCARE_SMS_HTTP_SECRET/);
    expect(() => readConfig({ AFTERCARE_SMS_CHANNEL: 'tencent', AFTERCARE_TENCENT_SECRET_ID: 'x' })).toThrow(/AFTERCARE_TENCENT_SMS_APP_ID/);
    expect(() => readConfig({ AFTERCARE_QUIET_HOURS: '9pm-8am' })).toThrow(/AFTERCARE_QUIET_HOURS: HH:MM-HH:MM/);
    expect(() => readConfig({ AFTERCARE_QUIET_HOURS_ZONE: 'Mars/Olympus' })).toThrow(/IANA/);
  });
  it('reads an Aliyun setup with its template codes, and SMTP', () => {
    const m = readConfig({
      AFTERCARE_SMS_CHANNEL: 'aliyun', AFTERCARE_ALIYUN_ACCESS_KEY_ID: 'id', AFTERCARE_ALIYUN_ACCESS_KEY_SECRET: 'secret', AFTERCARE_SMS_SIGN_NAME: '售后服务',
      AFTERCARE_SMS_TEMPLATE_CODES: 'portal_code=SMS_1, visit_booked=SMS_2', AFTERCARE_SMTP_URL: 'smtps://u:p@mail.example.com:465', AFTERCARE_QUIET_HOURS: '22:00-07:30',
    }).messaging;
    expect(m.sms).toEqual({ kind: 'aliyun', accessKeyId: 'id', accessKeySecret: 'secret', signName: '售后服务', endpoint: 'dysmsapi.aliyuncs.com', templateCodes: { portal_code: 'SMS_1', visit_booked: 'SMS_2' } });
    expect(m.smtp).toEqual({ url: 'smtps://u:p@mail.example.com:465', from: 'Aftercare <aftercare@localhost>' });
    expect(m.quietHours).toMatchObject({ from: '22:00', to: '07:30' });
  });
});

describe('the board map settings', () => {
  it('has no map by default, reads a tile server with its attribution and datum, and names a bad template', () => {
    expect(readConfig({}).map).toBeNull();
    expect(readConfig({ AFTERCARE_MAP_TILES: 'https://tiles.example.com/{z}/{x}/{y}.png', AFTERCARE_MAP_ATTRIBUTION: '© Example', AFTERCARE_MAP_DATUM: 'gcj02' }).map).toEqual({ tiles: 'https://tiles.example.com/{z}/{x}/{y}.png', attribution: '© Example', datum: 'gcj02', subdomains: [] });
    // {s} in the template: a, b, c unless AFTERCARE_MAP_SUBDOMAINS says otherwise (letters, or names with commas).
    expect(readConfig({ AFTERCARE_MAP_TILES: 'https://{s}.tile.example/{z}/{x}/{y}.png' }).map?.subdomains).toEqual(['a', 'b', 'c']);
    expect(readConfig({ AFTERCARE_MAP_TILES: 'https://{s}.tile.example/{z}/{x}/{y}.png', AFTERCARE_MAP_SUBDOMAINS: 't0,t1' }).map?.subdomains).toEqual(['t0', 't1']);
    expect(() => readConfig({ AFTERCARE_MAP_TILES: 'https://{s}.tile.example/{z}/{x}/{y}.png', AFTERCARE_MAP_SUBDOMAINS: 'a b' })).toThrow(/AFTERCARE_MAP_SUBDOMAINS/);
    expect(readConfig({ AFTERCARE_MAP_TILES: 'https://tiles.example.com/{z}/{x}/{y}.png' }).map).toMatchObject({ attribution: '', datum: 'wgs84' });
    expect(() => readConfig({ AFTERCARE_MAP_TILES: 'https://tiles.example.com/tile.png' })).toThrow(/AFTERCARE_MAP_TILES: an http\(s\) URL template with \{z\}, \{x\} and \{y\}/);
    expect(() => readConfig({ AFTERCARE_MAP_TILES: 'ftp://tiles.example.com/{z}/{x}/{y}.png' })).toThrow(/AFTERCARE_MAP_TILES/);
    expect(() => readConfig({ AFTERCARE_MAP_TILES: 'https://tiles.example.com/{z}/{x}/{y}.png', AFTERCARE_MAP_DATUM: 'bd09' })).toThrow(/AFTERCARE_MAP_DATUM/);
  });
});
