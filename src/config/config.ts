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
  AFTERCARE_PHOTO_LIMIT_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(8_000_000),
});

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
};

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
  };
}
