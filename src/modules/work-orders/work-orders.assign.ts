// The assign step's checks: the certification (training's, never overridden), then whether the
// technician is active, has the order's category skill and is not absent on the day assigned for
// (assign.rules.ts). The assign dialog's list (dispatch: assign candidates) asks the same question
// through `assignRefusalsOf`, so a technician it marks is exactly one the step refuses.
import type { Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { localDate, zonedInstant, addDays } from '../../shared/zoned.js';
import type { NetworkService, TechnicianView } from '../network/index.js';
import { productFactsOf } from '../catalog/index.js';
import type { UnitsService } from '../units/index.js';
import type { TrainingService } from '../training/index.js';
import type { OrderRow } from './work-orders.repo.js';
import { assignRefusals, type AssignRefusal } from './assign.rules.js';

export type AssignCheckDeps = { clock: Clock; network: NetworkService; units: UnitsService; training: TrainingService };

export function createAssignChecks(deps: AssignCheckDeps) {
  /** The order's product facts (category, certification); null without a unit. */
  async function productOf(q: Queryable, o: OrderRow) {
    if (!o.unitId) return null;
    const unit = await deps.units.unitOfCustomer(q, o.unitId, o.customerId);
    return unit ? ((await productFactsOf(q, [unit.modelId])).get(unit.modelId) ?? null) : null;
  }

  /**
   * Why this technician cannot take the order on `date` (the provider's local date; today when not
   * given), hardest first; empty when they can. The certification counts at the moment of assigning.
   */
  async function refusalsOf(q: Queryable, o: OrderRow, tech: TechnicianView, date?: string): Promise<{ date: string; refusals: AssignRefusal[] }> {
    const provider = await deps.network.providerById(q, tech.providerId);
    const timeZone = provider?.timeZone ?? 'Asia/Shanghai';
    const day = date ?? localDate(deps.clock.now(), timeZone);
    const product = await productOf(q, o);
    const out: AssignRefusal[] = [];
    const certification = await deps.training.refusalFor(q, tech, product?.requiredCertification ?? null, deps.clock.now());
    if (certification) out.push({ ...certification, overridable: false });
    const absences = await deps.network.absencesOverlapping(q, [tech.id], zonedInstant(day, '00:00', timeZone), zonedInstant(addDays(day, 1), '00:00', timeZone));
    out.push(
      ...assignRefusals({
        name: tech.name, status: tech.status, skills: tech.skills, categoryCode: product?.categoryCode ?? null, date: day, timeZone,
        absences: absences.map((a) => ({ from: a.from.getTime(), to: a.to.getTime() })),
      }),
    );
    return { date: day, refusals: out.sort((a, b) => Number(a.overridable) - Number(b.overridable)) };
  }

  return { refusalsOf };
}

export type AssignChecks = ReturnType<typeof createAssignChecks>;
