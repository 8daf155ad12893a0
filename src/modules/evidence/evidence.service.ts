import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { localDate } from '../../shared/zoned.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { CatalogService } from '../catalog/index.js';
import { existingCategoryIds } from '../catalog/index.js';
import type { NetworkService } from '../network/index.js';
import { recordInstallation, recordSerialChanges, serialsOf, takenSerials, type UnitsService } from '../units/index.js';
import { otherOrderWithPhoto, photoKindCounts, type ActionInput, type EvidenceHooks, type OrderRow } from '../work-orders/index.js';
import * as repo from './evidence.repo.js';
import { evidenceErrors } from './evidence.errors.js';
import { completionProblems, defaultRule, flagWords, minutesOutsideWindow, missingEvidence, serialChanges, takenSerialProblems, type CompletionFacts, type Rule } from './evidence.rules.js';
import type { OrderEvidenceView, RuleInput, RuleView } from './evidence.contract.js';

export type EvidenceDeps = {
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  units: UnitsService;
  network: NetworkService;
  /** A check-in this many minutes before or after the booked window is flagged (default 30). */
  checkInToleranceMinutes?: number;
};

/** What the evidence check reads of an order: the stored row, or the row with a completion's input on it. */
type OrderFacts = Pick<OrderRow, 'id' | 'kind' | 'unitId' | 'customerId' | 'confirmedSerials' | 'readings' | 'replacement' | 'symptomCode'>;

const ruleView = (r: repo.RuleRow): RuleView => ({
  id: r.id,
  categoryId: r.categoryId,
  kind: r.kind as RuleView['kind'],
  photos: r.photos,
  serials: r.serials,
  readings: r.readings,
  faultCodes: r.faultCodes,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy,
});

export function createEvidenceService(deps: EvidenceDeps) {
  const { db, clock } = deps;
  const tolerance = deps.checkInToleranceMinutes ?? 30;

  async function categoryOf(q: Queryable, o: Pick<OrderRow, 'unitId' | 'customerId'>): Promise<string | null> {
    if (!o.unitId) return null;
    const unit = await deps.units.unitOfCustomer(q, o.unitId, o.customerId);
    return unit ? (await deps.catalog.modelById(q, unit.modelId)).categoryId : null;
  }

  async function ruleOf(q: Queryable, o: OrderFacts): Promise<{ id: string | null; categoryId: string | null; rule: Rule }> {
    const categoryId = await categoryOf(q, o);
    const row = await repo.ruleFor(q, categoryId, o.kind);
    return row ? { id: row.id, categoryId: row.categoryId, rule: row } : { id: null, categoryId: null, rule: defaultRule(o.kind) };
  }

  async function factsOf(q: Queryable, o: OrderFacts): Promise<CompletionFacts> {
    const known = o.unitId ? (await serialsOf(q, [o.unitId])).map(({ role, serial }) => ({ role, serial })) : [];
    return {
      photoCounts: await photoKindCounts(q, o.id),
      known,
      confirmed: o.confirmedSerials ?? [],
      readings: o.readings ?? {},
      replacement: (o.replacement as CompletionFacts['replacement']) ?? null,
      faultCodesGiven: !!o.symptomCode,
    };
  }

  const withInput = (o: OrderRow, input: ActionInput<'complete'>): OrderFacts => ({
    ...o,
    confirmedSerials: input.confirmedSerials ?? null,
    readings: input.readings ?? null,
    replacement: input.replacement ?? null,
    symptomCode: input.symptomCode ?? null,
  });

  const hooks: EvidenceHooks = {
    async checkedIn(tx, o, facts) {
      const flags: { kind: 'check_in_far' | 'check_in_outside_window'; details: Record<string, unknown> }[] = [];
      if (facts.far) flags.push({ kind: 'check_in_far', details: { distanceM: facts.distanceM, limitM: facts.farLimitM } });
      const minutes = minutesOutsideWindow(facts.at, o.appointmentFrom, o.appointmentTo, tolerance);
      if (minutes !== null) {
        flags.push({ kind: 'check_in_outside_window', details: { minutes, toleranceMinutes: tolerance, at: facts.at.toISOString(), windowFrom: o.appointmentFrom?.toISOString(), windowTo: o.appointmentTo?.toISOString() } });
      }
      await repo.insertFlags(tx, flags.map((f) => ({ id: newId(), orderId: o.id, ...f, at: clock.now() })));
    },

    async completing(tx, o, input) {
      const order = withInput(o, input);
      const { rule } = await ruleOf(tx, order);
      const facts = await factsOf(tx, order);
      const problems = completionProblems(rule, facts);
      const changes = serialChanges(rule, facts);
      if (changes.length) problems.push(...takenSerialProblems(facts, await takenSerials(tx, changes.map((c) => c.toSerial))));
      if (problems.length) throw evidenceErrors.problems(problems);
      const missing = missingEvidence(rule, facts);
      if (missing.length) throw evidenceErrors.missing(missing);
    },

    async completed(tx, o) {
      if (!o.unitId) return;
      const provider = o.providerId ? await deps.network.providerById(tx, o.providerId) : undefined;
      const now = clock.now();
      const today = localDate(now, provider?.timeZone ?? 'Asia/Shanghai');
      // A replaced part or unit (or a first serial for a role) goes on the unit, so the next order's serial check knows it.
      const { rule } = await ruleOf(tx, o);
      const changes = serialChanges(rule, await factsOf(tx, o));
      if (changes.length) {
        const technician = o.technicianId ? await deps.network.technicianById(tx, o.technicianId) : undefined;
        const replacement = (o.replacement as 'part' | 'unit' | null) ?? null;
        await recordSerialChanges(tx, o.unitId, changes, { replacement, orderId: o.id, at: now, recordedBy: `${technician?.name ?? 'system'} · ${o.number}`, replacedOn: replacement === 'unit' ? today : null });
      }
      if (o.kind !== 'installation') return;
      await recordInstallation(tx, o.unitId, { installedOn: today, technicianId: o.technicianId, readings: o.readings ?? {}, at: now });
    },

    async photoStored(q, photo) {
      const other = await otherOrderWithPhoto(q, photo.sha256, photo.orderId);
      if (!other) return;
      await repo.insertFlags(q, [{ id: newId(), orderId: photo.orderId, kind: 'photo_reused', details: { photoId: photo.id, otherOrderId: other.orderId, otherNumber: other.number, otherPhotoId: other.photoId }, at: photo.at }]);
    },
  };

  async function checkCategory(input: RuleInput) {
    if (input.categoryId && !(await existingCategoryIds(db, [input.categoryId])).has(input.categoryId)) throw evidenceErrors.noCategory();
  }

  return {
    hooks,

    async listRules(caller: Caller): Promise<RuleView[]> {
      requirePermission(caller.principal, 'catalog.read');
      return (await repo.listRules(db)).map(ruleView);
    },

    async createRule(caller: Caller, input: RuleInput): Promise<RuleView> {
      requirePermission(caller.principal, 'catalog.write');
      await checkCategory(input);
      const made = await repo.insertRule(db, { id: newId(), ...input, updatedAt: clock.now(), updatedBy: actorName(caller.principal) });
      if (!made) throw evidenceErrors.ruleExists();
      return ruleView(made);
    },

    async updateRule(caller: Caller, id: string, input: RuleInput & { version: number }): Promise<RuleView> {
      requirePermission(caller.principal, 'catalog.write');
      await checkCategory(input);
      const { version, ...fields } = input;
      const current = await repo.ruleById(db, id);
      if (!current) throw evidenceErrors.notFound(id);
      const other = await repo.ruleAt(db, fields.categoryId, fields.kind);
      if (other && other.id !== id) throw evidenceErrors.ruleExists();
      const row = await repo.updateRuleAtVersion(db, id, version, { ...fields, updatedAt: clock.now(), updatedBy: actorName(caller.principal) });
      if (!row) throw evidenceErrors.staleVersion(current.version);
      return ruleView(row);
    },

    async deleteRule(caller: Caller, id: string, version: number): Promise<void> {
      requirePermission(caller.principal, 'catalog.write');
      const current = await repo.ruleById(db, id);
      if (!current) throw evidenceErrors.notFound(id);
      if (!(await repo.deleteRule(db, id, version))) throw evidenceErrors.staleVersion(current.version);
    },

    /** The order's rule, what is still missing for completion, and (for staff other than technicians) its flags. */
    async forOrder(caller: Caller, order: OrderFacts): Promise<OrderEvidenceView> {
      const { id, categoryId, rule } = await ruleOf(db, order);
      const facts = await factsOf(db, order);
      const showFlags = orderScope(caller.principal).kind !== 'technician';
      const flags = showFlags ? await repo.flagsOf(db, order.id) : [];
      return {
        rule: { id, categoryId, kind: order.kind as RuleView['kind'], photos: rule.photos, serials: rule.serials, readings: rule.readings, faultCodes: rule.faultCodes },
        photoCounts: facts.photoCounts,
        missing: missingEvidence(rule, facts),
        flags: flags.map((f) => ({ id: f.id, kind: f.kind, details: f.details, at: f.at.toISOString(), ...flagWords(f.kind, f.details) })),
      };
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
