import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { engine, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from './harness.js';

// Property-based fuzzing of the whole API (issue 14's standing guard): every operation the OpenAPI
// document publishes, called by every kind of principal, with requests generated from the
// operation's own parameter and body schemas and mixed with hostile values. No answer may be a
// 5xx, none may hang, and a 400 must name the field at fault. New routes are covered the day they
// are published. FUZZ_SEED replays a run; FUZZ_RUNS sets the requests per operation.
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
// PGlite answers one query at a time: half the requests there keep the suite's time in bounds (each
// run draws a new seed); PostgreSQL, where races are real, gets forty.
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? (engine === 'postgres' ? 40 : 20));
const requestTimeoutMs = 20_000;

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Spec = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const megabyte = 'A'.repeat(1_000_000);
/** What the database cannot store: each answered 500 before the edge refused it. */
const unstorable = ['\u0000', 'name\u0000with nul', '\ud800', 'lone \udfff low', '\udc00\ud800'];
const farDates = ['0000-01-01', '9999-12-31', '1900-01-01', '2026-02-30', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-12:00', '+275760-09-13T00:00:00Z', '1969-12-31T23:59:59.999Z'];
const hostileStrings = [
  megabyte,
  '\u202eevil\u202c',
  '\u200f\u200e',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  "' OR 1=1 --",
  "'); drop table customers; --",
  '$1::text',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '',
  '   ',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'Asia/../../etc/passwd',
  'Ω≈ç√∫˜µ≤≥÷ 中文 العربية',
];
const hostileNumbers = [-1, 0, -0, 1.5, 1e308, -1e308, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e-300];
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...unstorable), weight: 4 },
  { arbitrary: fc.constantFrom(...farDates), weight: 2 },
  { arbitrary: fc.constantFrom(...hostileStrings), weight: 4 },
  { arbitrary: fc.constantFrom(...hostileNumbers), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(null, true, {}, [], [[[]]], { $gt: '' }, { __proto__: { admin: true } }), weight: 1 },
);
/** Mostly null; one time in ten a value. */
const rarely = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: a, weight: 1 });

function generators(spec: Spec, ids: string[], hostileWeight: number) {
  const resolve = (s: Schema): Schema => {
    let seen = 0;
    while (s.$ref && seen++ < 10) s = spec.components?.schemas?.[s.$ref.split('/').pop() ?? ''] ?? {};
    return s;
  };
  const dates = fc.oneof(
    fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom('2026-06-01', '2026-06-02', '0000-01-01', '9999-12-31', '1900-01-01', '2026-13-01'),
  );
  const instants = fc.oneof(
    fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('2026-06-01T08:00:00+08:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z'),
  );

  function typed(type: string, s: Schema, depth: number, name: string): fc.Arbitrary<unknown> {
    switch (type) {
      case 'string':
        if (/phone/i.test(name)) return fc.integer({ min: 0, max: 99_999_999 }).map((n) => `139${String(n).padStart(8, '0')}`);
        if (/timeZone/.test(name)) return fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin', 'Mars/Olympus', '+08:00');
        if (/password/i.test(name)) return fc.constant('a-long-test-password');
        if (/code$/i.test(name)) return fc.stringMatching(/^[A-Z][A-Z0-9-]{2,10}$/);
        if (s.format === 'uuid') return fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 });
        if (s.format === 'date-time') return instants;
        if (s.format === 'date' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return dates;
        if (s.format === 'email') return fc.emailAddress();
        if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= (s.minLength ?? 0) && x.length <= (s.maxLength ?? 200));
        return fc.string({ minLength: Math.min(s.minLength ?? 0, 20), maxLength: Math.min(s.maxLength ?? 30, 30), unit: fc.constantFrom('a', 'Z', '9', ' ', '-', '张', '😀', '.', '/', "'") });
      case 'integer': {
        const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
        const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Math.max(min + 1000, 1000));
        return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
      }
      case 'number':
        return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(value(s.items ?? {}, depth + 1, name), { minLength: Math.min(s.minItems ?? 0, 3), maxLength: Math.min(s.maxItems ?? 3, 3) });
      case 'object': {
        if (depth > 6) return fc.constant({});
        const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, value(v, depth + 1, k)]));
        const required = (s.required ?? []).filter((k) => k in props);
        const known = fc.record(props, { requiredKeys: required });
        // Now and then a key the schema does not have.
        if (hostileWeight === 0) return known;
        return fc.tuple(known, rarely(fc.constantFrom('isAdmin', 'id', 'version', 'zzz\u0000')), hostileValue).map(([o, extra, v]) => (extra ? { ...o, [extra]: v } : o));
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** A value of the schema most of the time, a hostile one otherwise. */
  function value(schema: Schema, depth = 0, name = ''): fc.Arbitrary<unknown> {
    return hostileWeight === 0 ? plain(schema, depth, name) : fc.oneof({ arbitrary: plain(schema, depth, name), weight: 10 }, { arbitrary: hostileValue, weight: hostileWeight });
  }
  function plain(schema: Schema, depth: number, name: string): fc.Arbitrary<unknown> {
    const s = resolve(schema);
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.const !== undefined) return fc.constant(s.const);
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((a) => plain(a, depth, name)));
    if (s.allOf) return plain(Object.assign({}, ...s.allOf.map(resolve)), depth, name);
    const types = Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? 'object' : 'any')];
    return fc.oneof(...types.map((t) => typed(t, s, depth, name)));
  }
  return { value };
}

/** A query or path value as a client would write it; lone surrogates cannot be URI-encoded, so they go as raw invalid UTF-8. */
function encode(v: unknown): string {
  const text = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

const formatted = /^([0-9a-f]{8}-[0-9a-f]{4}-|\d{4}-\d{2}-\d{2}|[a-z_]+$)/;

/**
 * The value with one leaf replaced: number `pick`, modulo their count, of its free-text leaves
 * (not ids, dates or enum words, which their formats refuse anyway) or else of all its leaves.
 */
function replaceLeaf(value: unknown, pick: number, bad: unknown): unknown {
  const all: (string | number)[][] = [];
  const text: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    else {
      all.push(at);
      if (typeof v === 'string' && !formatted.test(v)) text.push(at);
    }
  };
  walk(value, []);
  const leaves = text.length > 0 ? text : all;
  if (leaves.length === 0) return value;
  const target = leaves[pick % leaves.length];
  if (target.length === 0) return bad;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of target.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[target[target.length - 1]] = bad;
  return copy;
}

/** A body sent as written, not as JSON of a value: malformed, or nested past any schema. */
class RawBody {
  constructor(readonly text: string) {}
}

type Principal = { name: string; headers: Record<string, string> };
type Failure = { principal: string; method: string; url: string; status: number | string; body: string; request?: string };

let t: TestApp;
let spec: Spec;
let principals: Principal[];
let ids: string[];

beforeAll(async () => {
  t = await testApp();
  const world = await seedWorld(t);
  spec = (await t.get('/openapi.json')).body;
  const order = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: '漏水', accept: true });
  const agent = await tokenFor(t.services, 'agent', 'fuzz-agent');
  const providerAdmin = await tokenFor(t.services, 'provider_admin', 'fuzz-provider', { providerId: world.provider.id });
  const technician = await tokenFor(t.services, 'technician', 'fuzz-technician', { providerId: world.provider.id, technicianId: world.technicians[0].id });
  const link = await t.services.access.customerLink(systemCaller, world.customer.id, 3600);
  const redeemed = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  const csrf = ((await redeemed.json()) as { csrfToken: string }).csrfToken;
  principals = [
    { name: 'admin', headers: t.admin.headers },
    { name: 'agent', headers: agent.headers },
    { name: 'provider_admin', headers: providerAdmin.headers },
    { name: 'technician', headers: technician.headers },
    { name: 'customer', headers: { cookie: (redeemed.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': csrf } },
    { name: 'anonymous', headers: {} },
  ];
  ids = [world.customer.id, world.unit.id, world.model.id, world.category.id, world.provider.id, world.technicians[0].id, world.technicians[1].id, world.course.id, order.body.id, t.admin.user.id];
}, 120_000);
afterAll(() => t?.close());

async function send(principal: Principal, method: string, url: string, body: string | undefined): Promise<{ status: number; text: string } | 'hang'> {
  const call = (async () => {
    const res = await t.app.request(url, { method, headers: { 'content-type': 'application/json', ...principal.headers }, body });
    // A live stream (GET /live/stream) answers at once and stays open: its status is the answer.
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, text: '' };
    }
    return { status: res.status, text: await res.text() };
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hang'>((ok) => (timer = setTimeout(() => ok('hang'), requestTimeoutMs)));
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What is wrong with an answer, or null. */
function judge(status: number, text: string): string | null {
  if (status >= 500) return 'server error';
  if (status < 400) return null;
  let body: { error?: { code?: unknown; details?: unknown } };
  try {
    body = JSON.parse(text);
  } catch {
    return 'error answer is not JSON';
  }
  if (typeof body.error?.code !== 'string') return 'error answer has no code';
  // A 400 is the request's fault, so it says where; a 422 or 409 is the world's (no provider covers the place).
  if (status === 400) {
    const details = body.error.details;
    if (!Array.isArray(details) || details.length === 0 || !details.every((d) => typeof d?.path === 'string' && d.path.length > 0 && typeof d.message === 'string')) return 'a 400 that names no field';
  }
  return null;
}

describe(`fuzzing the whole API from its OpenAPI document, ${engine}`, () => {
  it(
    'answers every generated request without a 5xx or a hang, and names the field of every 400',
    async () => {
      process.stdout.write(`fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${runsPerOperation} (${engine})\n`);
      // Half the requests are well-formed (they reach the services and the database), half carry
      // hostile values (about one field in five) and now and then a parameter no route knows.
      const clean = generators(spec, ids, 0);
      const hostile = generators(spec, ids, 3);
      const failures: Failure[] = [];
      const statuses = new Map<number, number>();
      let sent = 0;
      let operationIndex = 0;
      for (const [path, methods] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          operationIndex += 1;
          const params = op.parameters ?? [];
          const pathParams = params.filter((p) => p.in === 'path');
          const queryParams = params.filter((p) => p.in === 'query');
          const json = op.requestBody?.content['application/json']?.schema;
          const requestOf = (gen: ReturnType<typeof generators>, evil: boolean) =>
            fc.record({
              // Mostly those who may do most, so requests get past the permission checks.
              principal: fc.oneof({ arbitrary: fc.constant(principals[0]), weight: 3 }, { arbitrary: fc.constantFrom(...principals), weight: 2 }),
              path: fc.tuple(...pathParams.map((p) => gen.value(p.schema, 0, p.name))),
              query: fc.tuple(...queryParams.map((p) => (p.required ? gen.value(p.schema, 0, p.name).map((v) => [v]) : fc.option(gen.value(p.schema, 0, p.name).map((v) => [v]), { freq: 2 })))),
              unknownQuery: evil ? rarely(fc.constantFrom('customerId', 'debug', '__proto__', 'x\u0000')) : fc.constant(null),
              body: !json
                ? fc.constant(undefined)
                : evil
                  ? fc.oneof({ arbitrary: gen.value(json), weight: 10 }, { arbitrary: fc.constantFrom('{"version": 1,', '[]', 'null', '"x"', `[${'['.repeat(5000)}${']'.repeat(5000)}]`).map((raw) => new RawBody(raw)), weight: 1 })
                  : gen.value(json),
            });
          // A well-formed request with one value made hostile gets past every other check, so the
          // hostile value reaches whatever would store or compare it.
          const oneBad = fc.tuple(requestOf(clean, false), fc.nat(), hostileValue, fc.boolean()).map(([r, pick, bad, inBody]) =>
            inBody && r.body !== undefined ? { ...r, body: replaceLeaf(r.body, pick, bad) } : r.query.some((q) => q) ? { ...r, query: replaceLeaf(r.query, pick, bad) as typeof r.query } : { ...r, path: replaceLeaf(r.path, pick, bad) as typeof r.path },
          );
          const request = fc.oneof({ arbitrary: requestOf(clean, false), weight: 2 }, { arbitrary: oneBad, weight: 3 }, { arbitrary: requestOf(hostile, true), weight: 1 });
          for (const r of fc.sample(request, { seed: seed + operationIndex, numRuns: runsPerOperation })) {
            let url = pathParams.reduce((u, p, i) => u.replace(`{${p.name}}`, encode(r.path[i])), path);
            const pairs = queryParams.flatMap((p, i) => (r.query[i] === null || r.query[i] === undefined ? [] : [`${encodeURIComponent(p.name)}=${encode(Array.isArray(r.query[i]) ? (r.query[i] as unknown[])[0] : r.query[i])}`]));
            if (r.unknownQuery) pairs.push(`${encode(r.unknownQuery)}=1`);
            if (pairs.length) url += `?${pairs.join('&')}`;
            const body = r.body === undefined ? (method === 'get' ? undefined : '{}') : r.body instanceof RawBody ? r.body.text : JSON.stringify(r.body);
            const answer = await send(r.principal, method.toUpperCase(), url, body);
            sent += 1;
            const problem = answer === 'hang' ? `no answer in ${requestTimeoutMs} ms` : judge(answer.status, answer.text);
            if (answer !== 'hang') statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            if (process.env.FUZZ_DEBUG && answer !== 'hang') process.stdout.write(`${answer.status} ${r.principal.name} ${method} ${url.slice(0, 150)} ${body?.slice(0, 150)}: ${answer.text.slice(0, 200)}\n`);
            if (problem) {
              failures.push({
                principal: r.principal.name,
                method: method.toUpperCase(),
                url: url.length > 300 ? `${url.slice(0, 300)}…(${url.length})` : url,
                status: answer === 'hang' ? 'hang' : answer.status,
                body: `${problem}: ${answer === 'hang' ? '' : answer.text.slice(0, 300)}`,
                request: body && body.length > 400 ? `${body.slice(0, 400)}…(${body.length})` : body,
              });
            }
          }
        }
      }
      process.stdout.write(`fuzz: ${sent} requests over ${operationIndex} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}\n`);
      expect(failures, `FUZZ_SEED=${seed} reproduces these`).toEqual([]);
    },
    600_000,
  );
});
