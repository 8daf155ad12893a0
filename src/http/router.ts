import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';

export type Actor = { id: string; address: string | null };
export type AppEnv = { Variables: { actor: Actor; requestId: string } };

export function validationBody(error: ZodError) {
  const details = error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  return {
    error: {
      code: 'validation_failed',
      message: `Invalid request / 请求有误: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    },
  };
}

/** Every module's router answers bad input the same way: 400 with field paths. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(validationBody(result.error as ZodError), 400);
    },
  });
}
