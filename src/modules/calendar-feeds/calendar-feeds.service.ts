// Calendar feeds: make (replacing the live one), list, revoke; and the feed itself, read by token.
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Principal } from '../../kernel/permissions.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { findTechnician, providerExists } from '../network/index.js';
import { bookedVisits } from '../work-orders/index.js';
import * as repo from './calendar-feeds.repo.js';
import { feedErrors } from './calendar-feeds.errors.js';
import { feedText } from './calendar-feeds.ical.js';
import type { feedCreate, feedQuery } from './calendar-feeds.contract.js';

export type CalendarFeedsDeps = { db: Db; clock: Clock; audit: AuditFn; options: { publicUrl?: string } };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** The feed shows a month back and three ahead. */
const backMs = 30 * 86400_000;
const aheadMs = 90 * 86400_000;

const view = (f: repo.FeedRow) => ({ id: f.id, subjectKind: f.subjectKind, subjectId: f.subjectId, createdAt: f.createdAt.toISOString(), createdBy: f.createdBy });

export function createCalendarFeedsService(deps: CalendarFeedsDeps) {
  const { db, clock } = deps;

  /**
   * Who may hold a feed's link: a technician their own; for anyone else's, a keeper of the network
   * (a provider's admin for its own people and itself, headquarters for all).
   */
  async function subjectOf(q: Queryable, p: Principal, input: { technicianId?: string; providerId?: string }): Promise<repo.Subject> {
    if (!input.technicianId === !input.providerId) throw feedErrors.oneSubject();
    if (input.technicianId) {
      const own = p.kind === 'staff' && p.technicianId === input.technicianId;
      if (!own) requirePermission(p, 'network.write');
      if (!(await findTechnician(q, input.technicianId, providerScope(p)))) throw feedErrors.subjectNotFound('technicianId', input.technicianId);
      return { kind: 'technician', id: input.technicianId };
    }
    requirePermission(p, 'network.write');
    const scope = providerScope(p);
    const visible = scope.kind === 'all' || (scope.kind === 'provider' && scope.providerId === input.providerId);
    if (!visible || !(await providerExists(q, input.providerId!))) throw feedErrors.subjectNotFound('providerId', input.providerId!);
    return { kind: 'provider', id: input.providerId! };
  }

  return {
    /** A new link; the live one, if any, stops working. */
    async create(caller: Caller, input: z.infer<typeof feedCreate>) {
      return db.transaction(async (tx) => {
        const subject = await subjectOf(tx, caller.principal, input);
        await repo.lockSubject(tx, subject);
        const now = clock.now();
        const actor = actorName(caller.principal);
        const live = await repo.liveFeed(tx, subject);
        if (live) await repo.revokeFeed(tx, live.id, now, actor);
        const token = randomBytes(24).toString('base64url');
        const row = await repo.insertFeed(tx, { id: newId(), subjectKind: subject.kind, subjectId: subject.id, tokenHash: hashOf(token), createdAt: now, createdBy: actor });
        await deps.audit(tx, { caller, action: 'calendar_feeds.create', subjectKind: subject.kind, subjectId: subject.id, details: { feedId: row.id, replaced: live?.id ?? null } });
        return { ...view(row), url: `${deps.options.publicUrl ?? ''}/calendar-feeds/${token}.ics` };
      });
    },

    async live(caller: Caller, query: z.infer<typeof feedQuery>) {
      const subject = await subjectOf(db, caller.principal, query);
      const row = await repo.liveFeed(db, subject);
      return { items: row ? [view(row)] : [] };
    },

    async revoke(caller: Caller, id: string) {
      return db.transaction(async (tx) => {
        const f = await repo.findFeed(tx, id);
        if (!f) throw feedErrors.notFound(id);
        await subjectOf(tx, caller.principal, f.subjectKind === 'technician' ? { technicianId: f.subjectId } : { providerId: f.subjectId }).catch((err) => {
          throw err instanceof Error && 'status' in err && err.status === 400 ? feedErrors.notFound(id) : err;
        });
        const row = (await repo.revokeFeed(tx, id, clock.now(), actorName(caller.principal))) ?? f;
        await deps.audit(tx, { caller, action: 'calendar_feeds.revoke', subjectKind: f.subjectKind, subjectId: f.subjectId, details: { feedId: id } });
        return { ...view(row), revokedAt: row.revokedAt!.toISOString() };
      });
    },

    /** The feed's text for a live token; anything else is "no such feed". */
    async feed(token: string) {
      const f = await repo.feedByToken(db, hashOf(token));
      if (!f) throw feedErrors.tokenUnknown();
      const now = clock.now().getTime();
      const visits = await bookedVisits(db, f.subjectKind === 'technician' ? { technicianId: f.subjectId } : { providerId: f.subjectId }, new Date(now - backMs), new Date(now + aheadMs));
      return feedText(f.subjectKind === 'technician' ? '上门预约 Visits' : '网点日程 Provider visits', visits);
    },
  };
}

export type CalendarFeedsService = ReturnType<typeof createCalendarFeedsService>;
