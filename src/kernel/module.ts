// What a module declares once. src/modules.ts lists every module; the server reads the list to
// mount routes and start job workers, and a test checks every module folder is on it.
import { z } from 'zod';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/router.js';
import type { JobDefinition } from '../jobs/queue.js';

export type RouteSettings = { secureCookies?: boolean | 'auto' };

/** `S`: the built services the module's routes and jobs read (its own, sometimes a sibling's). */
export type AppModule<S> = {
  name: string;
  /** Its tables file (`import * as tables`); drizzle-kit reads the same files (drizzle.config.ts). */
  tables: Record<string, unknown>;
  routes?: (services: S, settings: RouteSettings) => OpenAPIHono<AppEnv>;
  /** Its jobs, each with a zod payload schema and, when scheduled, a cron line. */
  jobs?: (services: S) => JobDefinition[];
};

/** Declares a module (the identity: it only fixes the type). */
export function defineModule<S>(m: AppModule<S>): AppModule<S> {
  return m;
}

/** Declares a job; `handle` gets the payload its schema checked. */
export function defineJob<P>(job: JobDefinition<P>): JobDefinition {
  return job;
}

/** The payload of a scheduled job: the queue sends none. */
export const noPayload = z.object({});
