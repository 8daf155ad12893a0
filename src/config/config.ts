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
  AFTERCARE_PHOTO_LIMIT_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(8_000_000),
  /** Where people reach the console, for links sent by SMS (technician invitations). */
  AFTERCARE_PUBLIC_URL: z.string().url().optional(),
});

/** How travel times are found (dispatch reads it as its TravelSettings). */
export type TravelConfig = { kind: 'great_circle'; roadFactor: number; speedKmh: number } | { kind: 'osrm'; url: string };

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
  photoLimitBytes: number;
  publicUrl: string;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid settings / 配置有误:\n${lines.join('\n')}`);
  }
  const s = parsed.data;
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
    photoLimitBytes: s.AFTERCARE_PHOTO_LIMIT_BYTES,
    publicUrl: s.AFTERCARE_PUBLIC_URL ?? `http://localhost:${s.PORT}`,
  };
}
