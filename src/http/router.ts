import { OpenAPIHono } from '@hono/zod-openapi';
import { z, type ZodError } from 'zod';
import type { Principal } from '../kernel/permissions.js';
import type { Caller } from '../kernel/scopes.js';
import { fieldErrorBody, refuseUnknownQuery, unsafeText } from './input-guard.js';

export type Actor = { id: string; address: string | null };
/** Set by the access middleware on every route that needs someone signed in. */
/** `audited`: the route wrote the request's audit row itself, inside its own change. */
export type AppEnv = { Variables: { actor: Actor; caller: Caller; principal: Principal | null; requestId: string; audited?: boolean } };

// Field messages in both languages, like every other message a person reads. Schemas that name
// their own message keep it.
const english = z.locales.en().localeError;
const chinese = z.locales.zhCN().localeError;
const messageOf = (r: ReturnType<typeof english>) => (typeof r === 'string' ? r : r?.message);
z.config({ localeError: (issue) => `${messageOf(english(issue))} / ${messageOf(chinese(issue))}` });

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

/**
 * Every module's router answers bad input the same way: 400 with field paths. Checks that hold
 * for every route live here, so a new route has them the day it is added: no text the database
 * cannot store (NUL, lone surrogates) in any query, path or body, and no query parameter the
 * route does not know.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(validationBody(result.error as ZodError), 400);
      const issues = unsafeText(result.data, []);
      if (issues.length > 0) return c.json(fieldErrorBody(issues), 400);
    },
  });
  const openapi = router.openapi;
  router.openapi = ((route, handler, hook) => {
    const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
    return openapi({ ...route, middleware: [refuseUnknownQuery(route.request?.query), ...own] }, handler, hook);
  }) as typeof openapi;
  return router;
}
