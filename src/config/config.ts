import { isIP } from 'node:net';
import { z } from 'zod';

// The only place that reads process.env.
const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  AFTERCARE_DATA_DIR: z.string().default('./data'),
  AFTERCARE_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_000_000),
  /** Signs customer portal links; every server copy needs the same one. */
  AFTERCARE_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** 'true' when behind https termination, so session cookies are always Secure. */
  AFTERCARE_SECURE_COOKIES: z.enum(['true', 'false', 'auto']).default('auto'),
  // Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed.
  AFTERCARE_TRUSTED_PROXIES: z.string().default('').refine((v) => v.split(',').map((a) => a.trim()).filter(Boolean).every((a) => isIP(a) !== 0), 'comma-separated IP addresses'),
  /** An OSRM server for road travel times (its /table service); without it, great-circle distance. */
  AFTERCARE_OSRM_URL: z.string().url().optional(),
  AFTERCARE_ROAD_FACTOR: z.coerce.number().min(1).max(5).default(1.3),
  AFTERCARE_SPEED_KMH: z.coerce.number().min(1).max(200).default(30),
  /** Seconds the optimizer may spend on one provider's day plan. */
  AFTERCARE_PLAN_SECONDS: z.coerce.number().min(1).max(600).default(20),
  /** A check-in farther than this from the customer's address is flagged. */
  AFTERCARE_CHECK_IN_FAR_METRES: z.coerce.number().int().min(10).max(100_000).default(500),
  /** A check-in more than this many minutes before or after the booked window is flagged. */
  AFTERCARE_CHECK_IN_TOLERANCE_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(30),
  /** A geocoding service for addresses typed without coordinates; without it they are placed offline, approximately. */
  // The board's map: a raster tile server's URL template ({z}/{x}/{y}), e.g. the company's own; unset: the plain plot, nothing fetched.
  AFTERCARE_MAP_TILES: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u) && ['{z}', '{x}', '{y}'].every((p) => u.includes(p)), 'an http(s) URL template with {z}, {x} and {y}')
    .optional(),
  AFTERCARE_MAP_ATTRIBUTION: z.string().max(300).default(''),
  // What {s} in the tile template stands for: letters ("abc": a, b, c) or names separated by commas ("t0,t1,t2").
  AFTERCARE_MAP_SUBDOMAINS: z
    .string()
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/i, 'letters, or names separated by commas (abc, t0,t1)')
    .default('abc'),
  // The tiles' coordinate system: gcj02 for Chinese servers (AMap, Tencent); places are stored in WGS-84.
  AFTERCARE_MAP_DATUM: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  AFTERCARE_GEOCODER: z.enum(['nominatim', 'amap', 'baidu', 'json']).optional(),
  AFTERCARE_GEOCODER_URL: z.string().url().optional(),
  AFTERCARE_GEOCODER_KEY: z.string().min(1).optional(),
  AFTERCARE_GEOCODER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** json style: where the answer holds latitude and longitude (dotted paths), and its datum. */
  AFTERCARE_GEOCODER_LAT_PATH: z.string().min(1).optional(),
  AFTERCARE_GEOCODER_LNG_PATH: z.string().min(1).optional(),
  AFTERCARE_GEOCODER_DATUM: z.enum(['wgs84', 'gcj02', 'bd09']).optional(),
  /** A check-in against an approximate address position is flagged only beyond this. */
  AFTERCARE_CHECK_IN_FAR_APPROXIMATE_METRES: z.coerce.number().int().min(10).max(200_000).default(5000),
  /** The longest visit window a booking may promise. */
  AFTERCARE_BOOKING_MAX_WINDOW_MINUTES: z.coerce.number().int().min(15).max(1440).default(240),
  /** Customers change or cancel a booked visit in the portal at least this many hours before it … */
  AFTERCARE_PORTAL_CHANGE_HOURS: z.coerce.number().min(0).max(720).default(24),
  /** … and move it themselves at most this many times. */
  AFTERCARE_PORTAL_MAX_RESCHEDULES: z.coerce.number().int().min(0).max(100).default(2),
  /** The visit windows offered (booking dialogs, the portal) are this long, laid from each shift period's start. */
  AFTERCARE_BOOKING_WINDOW_MINUTES: z.coerce.number().int().min(15).max(1440).default(120),
  AFTERCARE_PHOTO_LIMIT_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(8_000_000),
  // Hours a reviewer has to decide a fee dispute (calendar hours).
  AFTERCARE_DISPUTE_REVIEW_HOURS: z.coerce.number().int().min(1).max(720).default(48),
  AFTERCARE_SURVEY_WAIT_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  // Messages (README, "Messages"): without a channel, SMS and e-mail are written to the log and marked sent.
  AFTERCARE_SMS_CHANNEL: z.enum(['log', 'http', 'aliyun', 'tencent']).default('log'),
  AFTERCARE_SMS_HTTP_URL: z.string().url().optional(),
  /** Signs requests to the HTTP gateway and checks its delivery receipts (HMAC-SHA256). */
  AFTERCARE_SMS_HTTP_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** Our template → the provider's registered template: `portal_code=SMS_1234,visit_booked=SMS_5678`. */
  AFTERCARE_SMS_TEMPLATE_CODES: z.string().default('').refine((v) => v.split(',').filter((p) => p.trim()).every((p) => /^\s*[\w.-]+=[\w.-]+\s*$/.test(p)), 'name=code pairs separated by commas'),
  AFTERCARE_SMS_SIGN_NAME: z.string().optional(),
  AFTERCARE_ALIYUN_ACCESS_KEY_ID: z.string().optional(),
  AFTERCARE_ALIYUN_ACCESS_KEY_SECRET: z.string().optional(),
  AFTERCARE_ALIYUN_SMS_ENDPOINT: z.string().default('dysmsapi.aliyuncs.com'),
  AFTERCARE_TENCENT_SECRET_ID: z.string().optional(),
  AFTERCARE_TENCENT_SECRET_KEY: z.string().optional(),
  AFTERCARE_TENCENT_SMS_APP_ID: z.string().optional(),
  AFTERCARE_TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
  AFTERCARE_TENCENT_SMS_ENDPOINT: z.string().default('sms.tencentcloudapi.com'),
  /** WeChat official account (template messages): its AppID and AppSecret; unset: WeChat messages are written to the log. */
  AFTERCARE_WECHAT_APP_ID: z.string().optional(),
  AFTERCARE_WECHAT_APP_SECRET: z.string().optional(),
  /** Where WeChat's API answers (a local stand-in in tests). */
  AFTERCARE_WECHAT_API_URL: z.string().url().default('https://api.weixin.qq.com'),
  /** Our template → the account's template id: `care_message=Tx8…,visit_booked=Ab3…`. */
  AFTERCARE_WECHAT_TEMPLATE_IDS: z.string().default('').refine((v) => v.split(',').filter((p) => p.trim()).every((p) => /^\s*[\w.-]+=[\w.-]+\s*$/.test(p)), 'name=id pairs separated by commas'),
  /** smtp://user:password@host:587 or smtps://…:465 */
  AFTERCARE_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  AFTERCARE_MAIL_FROM: z.string().default('Aftercare <aftercare@localhost>'),
  /** Local clock times; non-urgent messages wait until the end. Equal times: no quiet hours. */
  AFTERCARE_QUIET_HOURS: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM-HH:MM').default('21:00-08:00'),
  /** The zone of a recipient whose message names none. */
  AFTERCARE_QUIET_HOURS_ZONE: z.string().default('Asia/Shanghai').refine((z) => Intl.supportedValuesOf('timeZone').includes(z) || z === 'UTC', 'an IANA time zone such as Asia/Shanghai'),
  AFTERCARE_MESSAGE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  AFTERCARE_MESSAGE_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Authenticates Aliyun and Tencent delivery reports (POST /outbox/receipts/aliyun|tencent?token=…); unset: not taken. */
  AFTERCARE_SMS_RECEIPT_TOKEN: z.string().min(24, 'at least 24 characters').optional(),
  /** Where people reach the console, for links sent by SMS (technician invitations). */
  AFTERCARE_PUBLIC_URL: z.string().url().optional(),
  /** Which maps app a technician's navigation link opens: AMap (高德), Baidu (百度) or Apple Maps. */
  AFTERCARE_NAV_APP: z.enum(['amap', 'baidu', 'apple']).default('amap'),
}).superRefine((s, ctx) => {
  const need = (channel: string, names: (keyof typeof s)[]) => {
    if (s.AFTERCARE_SMS_CHANNEL !== channel) return;
    for (const name of names) if (!s[name]) ctx.addIssue({ code: 'custom', path: [name], message: `needed when AFTERCARE_SMS_CHANNEL=${channel}` });
  };
  need('http', ['AFTERCARE_SMS_HTTP_URL', 'AFTERCARE_SMS_HTTP_SECRET']);
  need('aliyun', ['AFTERCARE_ALIYUN_ACCESS_KEY_ID', 'AFTERCARE_ALIYUN_ACCESS_KEY_SECRET', 'AFTERCARE_SMS_SIGN_NAME']);
  if (!!s.AFTERCARE_WECHAT_APP_ID !== !!s.AFTERCARE_WECHAT_APP_SECRET) ctx.addIssue({ code: 'custom', path: [s.AFTERCARE_WECHAT_APP_ID ? 'AFTERCARE_WECHAT_APP_SECRET' : 'AFTERCARE_WECHAT_APP_ID'], message: 'AFTERCARE_WECHAT_APP_ID and AFTERCARE_WECHAT_APP_SECRET go together' });
  need('tencent', ['AFTERCARE_TENCENT_SECRET_ID', 'AFTERCARE_TENCENT_SECRET_KEY', 'AFTERCARE_TENCENT_SMS_APP_ID', 'AFTERCARE_SMS_SIGN_NAME']);
});

/** Which SMS provider, with its credentials; `log` writes messages to the log. */
export type SmsConfig =
  | { kind: 'log' }
  | { kind: 'http'; url: string; secret: string }
  | { kind: 'aliyun'; accessKeyId: string; accessKeySecret: string; signName: string; endpoint: string; templateCodes: Record<string, string> }
  | { kind: 'tencent'; secretId: string; secretKey: string; appId: string; signName: string; region: string; endpoint: string; templateCodes: Record<string, string> };

/** The WeChat official account template messages leave through. */
export type WechatConfig = { appId: string; secret: string; baseUrl: string; templateIds: Record<string, string> };

/** How messages leave (the notifications module reads it). */
export type MessagingConfig = {
  sms: SmsConfig;
  smtp: { url: string; from: string } | null;
  /** Null or absent: WeChat messages are written to the log. */
  wechat?: WechatConfig | null;
  quietHours: { from: string; to: string; zone: string };
  maxAttempts: number;
  retryBaseMs: number;
  /** The shared token Aliyun and Tencent delivery reports carry; null or absent: they are not taken. */
  receiptToken?: string | null;
};

/** How travel times are found (dispatch reads it as its TravelSettings). */
export type TravelConfig = { kind: 'great_circle'; roadFactor: number; speedKmh: number } | { kind: 'osrm'; url: string };

/** The HTTP geocoding service (geocoding reads it as its GeocoderSettings). */
export type GeocoderConfig = {
  style: 'nominatim' | 'amap' | 'baidu' | 'json';
  url: string;
  key?: string;
  timeoutMs: number;
  latPath?: string;
  lngPath?: string;
  datum?: 'wgs84' | 'gcj02' | 'bd09';
};

const geocoderBaseUrls = { nominatim: 'https://nominatim.openstreetmap.org', amap: 'https://restapi.amap.com', baidu: 'https://api.map.baidu.com' } as const;

/** The board's map tiles (dispatch and the security headers read it as MapTiles). */
/** subdomains: what `{s}` in the tile template stands for (none without one). */
export type MapConfig = { tiles: string; attribution: string; datum: 'wgs84' | 'gcj02'; subdomains: string[] };

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  bodyLimitBytes: number;
  secretKey: string | undefined;
  secureCookies: boolean | 'auto';
  trustedProxies: string[];
  travel: TravelConfig;
  planSeconds: number;
  checkInFarMetres: number;
  checkInToleranceMinutes: number;
  checkInFarApproximateMetres: number;
  geocoder: GeocoderConfig | null;
  photoLimitBytes: number;
  disputeReviewHours: number;
  /** Days between two surveys of one customer. */
  surveyWaitDays: number;
  messaging: MessagingConfig;
  bookingRules: { maxWindowMinutes: number; portalChangeHours: number; portalMaxReschedules: number; windowMinutes: number };
  publicUrl: string;
  navApp: 'amap' | 'baidu' | 'apple';
  /** null: no tile server, the board draws its plain plot. */
  map: MapConfig | null;
};

/** `a=1,b=2` as { a: '1', b: '2' }. */
function pairs(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .filter((p) => p.trim())
      .map((p) => p.split('=').map((x) => x.trim()) as [string, string]),
  );
}

function smsConfig(s: z.infer<typeof settingsSchema>): SmsConfig {
  const templateCodes = pairs(s.AFTERCARE_SMS_TEMPLATE_CODES);
  switch (s.AFTERCARE_SMS_CHANNEL) {
    case 'http':
      return { kind: 'http', url: s.AFTERCARE_SMS_HTTP_URL!, secret: s.AFTERCARE_SMS_HTTP_SECRET! };
    case 'aliyun':
      return { kind: 'aliyun', accessKeyId: s.AFTERCARE_ALIYUN_ACCESS_KEY_ID!, accessKeySecret: s.AFTERCARE_ALIYUN_ACCESS_KEY_SECRET!, signName: s.AFTERCARE_SMS_SIGN_NAME!, endpoint: s.AFTERCARE_ALIYUN_SMS_ENDPOINT, templateCodes };
    case 'tencent':
      return { kind: 'tencent', secretId: s.AFTERCARE_TENCENT_SECRET_ID!, secretKey: s.AFTERCARE_TENCENT_SECRET_KEY!, appId: s.AFTERCARE_TENCENT_SMS_APP_ID!, signName: s.AFTERCARE_SMS_SIGN_NAME!, region: s.AFTERCARE_TENCENT_SMS_REGION, endpoint: s.AFTERCARE_TENCENT_SMS_ENDPOINT, templateCodes };
    default:
      return { kind: 'log' };
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid settings / 配置有误:\n${lines.join('\n')}`);
  }
  const s = parsed.data;
  const style = s.AFTERCARE_GEOCODER;
  const geocoderUrl = style && (s.AFTERCARE_GEOCODER_URL ?? (style === 'json' ? undefined : geocoderBaseUrls[style]));
  if (style && !geocoderUrl) throw new Error('Invalid settings / 配置有误:\nAFTERCARE_GEOCODER_URL: needed for AFTERCARE_GEOCODER=json');
  if ((style === 'amap' || style === 'baidu') && !s.AFTERCARE_GEOCODER_KEY) throw new Error(`Invalid settings / 配置有误:\nAFTERCARE_GEOCODER_KEY: ${style} needs a key`);
  return {
    port: s.PORT,
    host: s.HOST,
    databaseUrl: s.DATABASE_URL,
    dataDir: s.AFTERCARE_DATA_DIR,
    bodyLimitBytes: s.AFTERCARE_BODY_LIMIT_BYTES,
    secretKey: s.AFTERCARE_SECRET,
    secureCookies: s.AFTERCARE_SECURE_COOKIES === 'auto' ? 'auto' : s.AFTERCARE_SECURE_COOKIES === 'true',
    trustedProxies: s.AFTERCARE_TRUSTED_PROXIES.split(',').map((a) => a.trim()).filter(Boolean),
    travel: s.AFTERCARE_OSRM_URL ? { kind: 'osrm', url: s.AFTERCARE_OSRM_URL } : { kind: 'great_circle', roadFactor: s.AFTERCARE_ROAD_FACTOR, speedKmh: s.AFTERCARE_SPEED_KMH },
    planSeconds: s.AFTERCARE_PLAN_SECONDS,
    checkInFarMetres: s.AFTERCARE_CHECK_IN_FAR_METRES,
    checkInToleranceMinutes: s.AFTERCARE_CHECK_IN_TOLERANCE_MINUTES,
    checkInFarApproximateMetres: s.AFTERCARE_CHECK_IN_FAR_APPROXIMATE_METRES,
    geocoder:
      style && geocoderUrl
        ? { style, url: geocoderUrl, key: s.AFTERCARE_GEOCODER_KEY, timeoutMs: s.AFTERCARE_GEOCODER_TIMEOUT_MS, latPath: s.AFTERCARE_GEOCODER_LAT_PATH, lngPath: s.AFTERCARE_GEOCODER_LNG_PATH, datum: s.AFTERCARE_GEOCODER_DATUM }
        : null,
    photoLimitBytes: s.AFTERCARE_PHOTO_LIMIT_BYTES,
    disputeReviewHours: s.AFTERCARE_DISPUTE_REVIEW_HOURS,
    surveyWaitDays: s.AFTERCARE_SURVEY_WAIT_DAYS,
    messaging: {
      sms: smsConfig(s),
      smtp: s.AFTERCARE_SMTP_URL ? { url: s.AFTERCARE_SMTP_URL, from: s.AFTERCARE_MAIL_FROM } : null,
      wechat: s.AFTERCARE_WECHAT_APP_ID && s.AFTERCARE_WECHAT_APP_SECRET ? { appId: s.AFTERCARE_WECHAT_APP_ID, secret: s.AFTERCARE_WECHAT_APP_SECRET, baseUrl: s.AFTERCARE_WECHAT_API_URL, templateIds: pairs(s.AFTERCARE_WECHAT_TEMPLATE_IDS) } : null,
      quietHours: { from: s.AFTERCARE_QUIET_HOURS.slice(0, 5), to: s.AFTERCARE_QUIET_HOURS.slice(6), zone: s.AFTERCARE_QUIET_HOURS_ZONE },
      maxAttempts: s.AFTERCARE_MESSAGE_MAX_ATTEMPTS,
      retryBaseMs: s.AFTERCARE_MESSAGE_RETRY_SECONDS * 1000,
      receiptToken: s.AFTERCARE_SMS_RECEIPT_TOKEN ?? null,
    },
    bookingRules: { maxWindowMinutes: s.AFTERCARE_BOOKING_MAX_WINDOW_MINUTES, portalChangeHours: s.AFTERCARE_PORTAL_CHANGE_HOURS, portalMaxReschedules: s.AFTERCARE_PORTAL_MAX_RESCHEDULES, windowMinutes: s.AFTERCARE_BOOKING_WINDOW_MINUTES },
    map: s.AFTERCARE_MAP_TILES
      ? { tiles: s.AFTERCARE_MAP_TILES, attribution: s.AFTERCARE_MAP_ATTRIBUTION, datum: s.AFTERCARE_MAP_DATUM, subdomains: s.AFTERCARE_MAP_TILES.includes('{s}') ? tileSubdomains(s.AFTERCARE_MAP_SUBDOMAINS) : [] }
      : null,
    publicUrl: s.AFTERCARE_PUBLIC_URL ?? `http://localhost:${s.PORT}`,
    navApp: s.AFTERCARE_NAV_APP,
  };
}

/** AFTERCARE_MAP_SUBDOMAINS: "abc" is a, b and c (as Leaflet reads it); "t0,t1" is t0 and t1. */
export function tileSubdomains(setting: string): string[] {
  return setting.includes(',') ? setting.split(',') : [...setting];
}
