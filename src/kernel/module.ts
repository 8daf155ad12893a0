// What a module declares once. src/modules.ts lists every module, in the order they are built;
// the root (src/server/services.ts) builds their services from the list, gives work orders the
// followers they declare, mounts their routes and starts their job workers. A test checks every
// module folder is on the list.
import { z } from 'zod';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/router.js';
import type { JobDefinition } from '../jobs/queue.js';

export type RouteSettings = { secureCookies?: boolean | 'auto' };

/**
 * `N`: what its `build` reads (the root's base — db, clock, audit, jobs, options — and services of
 * modules built before it); `G`: the services it builds; `F`: what it follows orders with.
 */
export type AppModule<N, G, F = never> = {
  name: string;
  /** Its tables file (`import * as tables`); drizzle-kit reads the same files (drizzle.config.ts). */
  tables: Record<string, unknown>;
  build: (deps: N) => G;
  /** Its followers of work orders; work orders get every module's, in list order. */
  followers?: (built: G) => F[];
  routes?: (built: N & G, settings: RouteSettings) => OpenAPIHono<AppEnv>;
  /** Its jobs, each with a zod payload schema and, when scheduled, a cron line. */
  jobs?: (built: N & G) => JobDefinition[];
};

/** Declares a module (the identity: it only infers the types). */
export function defineModule<N, G, F = never>(m: AppModule<N, G, F>): AppModule<N, G, F> {
  return m;
}

/**
 * The module list, built up one `add` at a time: each module's `build` must be satisfied by what
 * is there before it (`S`: the base and every earlier module's services), so the order is checked
 * by the compiler, and `S` at the end is the type of every service.
 */
export type ModuleList<S, F> = {
  readonly list: readonly Registered<S, F>[];
  add<G>(m: AppModule<S, G, F>): ModuleList<S & G, F>;
};

/** A module on the list, its functions reading everything the list builds. */
export type Registered<S, F> = {
  name: string;
  tables: Record<string, unknown>;
  build: (deps: S) => unknown;
  followers?: (built: never) => F[];
  routes?: (built: S, settings: RouteSettings) => OpenAPIHono<AppEnv>;
  jobs?: (built: S) => JobDefinition[];
};

/** An empty list over the root's base `B`, for modules that follow orders with `F`. */
export function moduleList<B, F>(): ModuleList<B, F> {
  return grow<B, F>([]);
}

function grow<S, F>(list: readonly Registered<S, F>[]): ModuleList<S, F> {
  return { list, add: <G>(m: AppModule<S, G, F>) => grow<S & G, F>([...list, m]) };
}

/** Builds every service in list order onto `base`, collecting followers into `followers` as it goes. */
export function buildModules<S, F>(modules: ModuleList<S, F>, base: object, followers: F[]): S {
  const built: Record<string, unknown> = { ...base };
  for (const m of modules.list) {
    const made = m.build(built as S) as Record<string, unknown>;
    for (const key of Object.keys(made)) if (key in built) throw new Error(`module ${m.name}: a service named ${key} is already built`);
    Object.assign(built, made);
    followers.push(...(m.followers?.(made as never) ?? []));
  }
  return built as S;
}

/** Declares a job; `handle` gets the payload its schema checked. */
export function defineJob<P>(job: JobDefinition<P>): JobDefinition {
  return job;
}

/** The payload of a scheduled job: the queue sends none. */
export const noPayload = z.object({});
