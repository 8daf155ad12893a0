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
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  bodyLimitBytes: number;
  secretKey: string | undefined;
  secureCookies: boolean | 'auto';
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
  };
}
