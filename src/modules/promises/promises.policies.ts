// Promise policies: which orders get which targets, on which calendar; and the rules intake remembers.
import type { Db, Queryable } from '../../db/database.js';
import type { Clock as TimeSource } from '../../shared/clock.js';
import { invalid, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';
import type { AuditFn } from '../../kernel/audit.js';
import * as repo from './promises.repo.js';
import { explainUnique, promiseErrors } from './promises.errors.js';
import { openClocks } from './promises.rules.js';
import type { Calendars } from './promises.calendars.js';
import type { PolicyInput, PolicyPatch, PolicyView } from './promises.contract.js';

// The active policies and the calendars, remembered with the generation they were read at.
// Intake checks that generation inside its own statement, so no order gets its promise from
// rules another copy has changed since: the statement then makes nothing, memory is renewed and
// intake tries again.
export type Rules = { generation: number; policies: repo.PolicyRow[]; calendars: repo.CalendarRow[] };

export function createRulesMemory() {
  let remembered: Rules | null = null;
  return {
    async get(q: Queryable): Promise<Rules> {
      if (!remembered) {
        const generation = await repo.rulesGeneration(q);
        remembered = { generation, policies: await repo.listPolicies(q, true), calendars: await repo.listCalendars(q) };
      }
      return remembered;
    },
    /** Forgets the rules (they changed); passes `value` through, for `.then(forget)`. */
    forget<T>(value: T): T {
      remembered = null;
      return value;
    },
    /** Forgets these rules, unless newer ones are remembered already. */
    forgetIf(rules: Rules) {
      if (remembered === rules) remembered = null;
    },
  };
}

export type RulesMemory = ReturnType<typeof createRulesMemory>;

export type PoliciesDeps = {
  db: Db;
  clock: TimeSource;
  audit: AuditFn;
  calendars: Pick<Calendars, 'calendarOf' | 'calendarOrThrow'>;
  forgetRules: <T>(value: T) => T;
};

function policyView(p: repo.PolicyRow): PolicyView {
  const { createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

export function createPolicies(deps: PoliciesDeps) {
  const { db, clock, forgetRules } = deps;
  const { calendarOf, calendarOrThrow } = deps.calendars;

  /** A policy's targets must fit in its calendar's working time (the default calendar's when it names none). */
  async function requireReachable(q: Queryable, calendarId: string | null, targets: PolicyInput['targets']) {
    const id = calendarId ?? (await repo.calendarIdFor(q, { fallbackDefault: true }));
    if (!id) return;
    try {
      openClocks(await calendarOf(q, id), targets, clock.now(), { warnShare: 0.5, beatenShare: 0.5 });
    } catch (err) {
      if (err instanceof RangeError) throw invalid('targets', 'longer than the working time of the calendar in three years');
      throw err;
    }
  }

  async function policyOrThrow(q: Queryable, id: string) {
    const row = await repo.policyById(q, id);
    if (!row) throw notFound('promise_policy', id);
    return row;
  }

  return {
    /** What the promises service offers of policies. */
    api: {
      async listPolicies(caller: Caller): Promise<PolicyView[]> {
        requirePermission(caller.principal, 'promises.read');
        return (await repo.listPolicies(db)).map(policyView);
      },

      async getPolicy(caller: Caller, id: string): Promise<PolicyView> {
        requirePermission(caller.principal, 'promises.read');
        return policyView(await policyOrThrow(db, id));
      },

      async createPolicy(caller: Caller, input: PolicyInput): Promise<PolicyView> {
        requirePermission(caller.principal, 'promises.manage');
        const now = clock.now();
        return db
          .transaction(async (tx) => {
            if (input.calendarId) await calendarOrThrow(tx, input.calendarId).catch(() => { throw invalid('calendarId', 'no such calendar'); });
            // Without a calendar of its own the policy's orders run on the default one: there must be one.
            else if (!(await repo.calendarIdFor(tx, { fallbackDefault: true }))) throw invalid('calendarId', 'no default calendar: name a calendar, or mark one as the default first');
            await requireReachable(tx, input.calendarId ?? null, input.targets);
            const row = await repo.insertPolicy(tx, {
              id: newId(),
              ...input,
              orderKind: input.orderKind ?? null,
              priority: input.priority ?? null,
              customerTier: input.customerTier ?? null,
              region: input.region ?? null,
              categoryId: input.categoryId ?? null,
              calendarId: input.calendarId ?? null,
              createdAt: now,
              updatedAt: now,
            });
            await deps.audit(tx, { caller, action: 'promise_policy_created', subjectKind: 'promise_policy', subjectId: row.id, details: policyView(row) });
            return policyView(row);
          })
          .then(forgetRules, (err) => explainUnique(err, 'policy', input.code));
      },

      /** Changes apply to orders taken in from now on; promises already made keep their targets. */
      async updatePolicy(caller: Caller, id: string, patch: PolicyPatch): Promise<PolicyView> {
        requirePermission(caller.principal, 'promises.manage');
        return db
          .transaction(async (tx) => {
            const row = await policyOrThrow(tx, id);
            if (row.version !== patch.version) throw promiseErrors.staleVersion('policy', row.version);
            const { version, ...changes } = patch;
            if (changes.calendarId) await calendarOrThrow(tx, changes.calendarId).catch(() => { throw invalid('calendarId', 'no such calendar'); });
            if (changes.targets || changes.calendarId) await requireReachable(tx, changes.calendarId ?? row.calendarId, changes.targets ?? row.targets);
            const updated = await repo.updatePolicyAtVersion(tx, id, version, { ...changes, updatedAt: clock.now() });
            if (!updated) throw promiseErrors.staleVersion('policy', row.version + 1);
            await deps.audit(tx, { caller, action: 'promise_policy_changed', subjectKind: 'promise_policy', subjectId: id, details: { before: policyView(row), after: changes } });
            return policyView(updated);
          })
          .then(forgetRules, (err) => explainUnique(err, 'policy', ''));
      },

    },
  };
}
