// Who may be given an order by hand, and in which order: the assign dialog's list.
//
// Every active technician of the order's provider, ranked as the suggestions rank them (the travel
// the order adds to their day) when the order can be placed on a map, each marked with whether they
// can take it. "Cannot" is exactly what the assign step refuses (training's certification refusal,
// at the moment of assigning; a technician lacking the category's skill or absent that day), so the
// dialog and the API never disagree; a day that is full or a technician off shift that day is a
// note, not a refusal — assigning is not booking.
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError, conflict } from '../../shared/errors.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';
import type { NetworkService } from '../network/index.js';
import type { WorkOrdersService } from '../work-orders/index.js';
import * as repo from './dispatch.repo.js';
import type { assignCandidatesView, technicianSuggestionQuery, technicianSuggestionView } from './dispatch.contract.js';
import type { Reason } from './dispatch.rules.js';

type Suggestions = z.infer<typeof technicianSuggestionView>;
type Candidates = z.infer<typeof assignCandidatesView>;

export type CandidatesDeps = {
  db: Db;
  network: NetworkService;
  workOrders: WorkOrdersService;
  suggest: (caller: Caller, orderId: string, q: z.infer<typeof technicianSuggestionQuery>) => Promise<Suggestions>;
};

/** Why the list is not ranked by travel, when the suggestions could not answer (e.g. no coordinates). */
function unranked(e: AppError): Reason {
  const [en, zh] = e.message.split(' / ');
  return { code: e.code, en: en ?? e.message, zh: zh ?? e.message };
}

export function createAssignCandidates({ db, network, workOrders, suggest }: CandidatesDeps) {
  return {
    async assignCandidates(caller: Caller, orderId: string, q: z.infer<typeof technicianSuggestionQuery>): Promise<Candidates> {
      requirePermission(caller.principal, 'orders.assign');
      await workOrders.get(caller, orderId);
      const row = await repo.orderWithProductById(db, orderId);
      if (!row?.order.providerId) throw conflict('not_dispatched', 'Dispatch the order to a provider first / 请先派单到服务商');
      let suggestions: Suggestions | null = null;
      let notRanked: Reason | null = null;
      try {
        suggestions = await suggest(caller, orderId, q);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 409) throw e;
        notRanked = unranked(e);
      }
      const technicians = await network.activeTechniciansOf(db, [row.order.providerId]);
      const ranked = new Map(suggestions?.ranked.map((r) => [r.technicianId, r]) ?? []);
      const notes = new Map(suggestions?.excluded.map((x) => [x.technicianId, x.reason]) ?? []);
      const items: Candidates['items'] = [];
      // The assign step's own judgement (certification, skill, absence that day), so the list and the step agree.
      const judged = await workOrders.assignRefusals(caller, orderId, technicians.map((x) => x.id), q.date);
      for (const tech of technicians) {
        const refusal = judged.get(tech.id)?.refusals[0] ?? null;
        const r = ranked.get(tech.id);
        const note = notes.get(tech.id);
        items.push({
          technicianId: tech.id,
          name: tech.name,
          nameEn: tech.nameEn,
          canTake: refusal === null,
          overridable: refusal?.overridable ?? null,
          reason: refusal ? { code: refusal.code, zh: refusal.zh, en: refusal.en } : note && !note.code.startsWith('certification_') && note.code !== 'skills' ? note : null,
          rank: r?.rank ?? null,
          addedTravelSeconds: r?.addedTravelSeconds ?? null,
          visitsThatDay: r?.visitsThatDay ?? null,
        });
      }
      // Ranked first, in the suggestions' order; then those who can take it; then those a dispatcher may override; those who never can last.
      const order = (c: Candidates['items'][number]) => (c.rank !== null && c.canTake ? c.rank : c.canTake ? 10_000 : c.overridable ? 20_000 : 30_000);
      items.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'zh'));
      const first = items.find((c) => c.rank === 1 && c.canTake);
      return { date: suggestions?.date ?? null, suggested: first?.technicianId ?? null, notRanked, items };
    },
  };
}
