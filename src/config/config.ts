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
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  bodyLimitBytes: number;
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
  };
}
