import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { Principal } from '../modules/access/access.rules.js';
import type { Caller } from '../modules/access/access.scope.js';

export type Actor = { id: string; address: string | null };
/** Set by the access middleware on every route that needs someone signed in. */
export type AppEnv = { Variables: { actor: Actor; caller: Caller; principal: Principal | null; requestId: string } };

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
