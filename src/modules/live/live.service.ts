// Live news of orders for the console: events recorded where orders change (the follower of
// steps; promises' alerts through `publish`), streamed to each signed-in staff member within their
// order scope, and kept as their notifications (the bell) with what they have read.
import type { z } from 'zod';
import type { Database, Db, Queryable } from '../../db/database.js';
import { orderScope, type Caller, type OrderScope } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as repo from './live.repo.js';
import { createHub, type Connection } from './live.hub.js';
import { liveErrors } from './live.errors.js';
import { encodeAudiences, kindOfStep, type Audience, type LiveKind } from './live.rules.js';
import type { liveEventView, markReadRequest } from './live.contract.js';

export type LiveDeps = { db: Db; database: Pick<Database, 'listen'>; clock: Clock };

/** Unread counts stop here: the bell says "99+". */
const unreadCap = 100;

export type LiveEventView = z.infer<typeof liveEventView>;

export function toLiveEvent(e: repo.LiveEventRow): LiveEventView {
  return { seq: e.seq, kind: e.kind as LiveKind, orderId: e.orderId, orderNumber: e.orderNumber, status: e.status, detail: e.detail, occurredAt: e.occurredAt.toISOString(), read: Boolean(e.read) };
}

/** Staff only: a customer (the portal) has no stream and no bell. */
function readerOf(caller: Caller): { userId: string; scope: OrderScope } {
  const p = caller.principal;
  if (p.kind !== 'staff') throw liveErrors.staffOnly();
  return { userId: p.userId, scope: orderScope(p) };
}

export function createLiveService(deps: LiveDeps) {
  const { db, clock } = deps;
  const hub = createHub(deps);

  /** Records events about orders inside the caller's transaction; every server copy hears of them once it commits. */
  async function publish(tx: Queryable, events: { kind: LiveKind; orderId: string; detail?: Record<string, string | null> }[]) {
    const audiences: Audience[] = [];
    for (const e of events) {
      const made = await repo.insertEvent(tx, { kind: e.kind, orderId: e.orderId, detail: e.detail ?? {}, at: clock.now() });
      if (made) audiences.push(made);
    }
    if (audiences.length > 0) await repo.notify(tx, encodeAudiences(audiences));
  }

  /** Every step of every order passes here: the one place order news is made. */
  const orderFollower: OrderFollower = {
    name: 'live',
    async stepped(tx, _before, after, action, caller) {
      const kind = kindOfStep(action);
      if (!kind) return;
      await publish(tx, [{ kind, orderId: after.id, detail: kind === 'confirmed' ? { by: caller.principal.kind === 'customer' ? 'customer' : 'staff' } : kind === 'booked' ? { from: after.appointmentFrom?.toISOString() ?? null, to: after.appointmentTo?.toISOString() ?? null } : {} }]);
    },
  };

  async function counts(q: Queryable, userId: string, scope: OrderScope) {
    const unread = await repo.unreadCount(q, scope, userId, unreadCap);
    return { unread: Math.min(unread, unreadCap - 1), unreadCapped: unread >= unreadCap };
  }

  return {
    publish,
    orderFollower,
    hub,
    /** Throws 403 unless the caller may have a stream and a bell (staff). */
    reader: (caller: Caller) => void readerOf(caller),

    /** The bell: the newest notifications and how many are unread. */
    async notifications(caller: Caller, query: { limit: number }) {
      const { userId, scope } = readerOf(caller);
      const items = await repo.latestEvents(db, scope, userId, query.limit);
      return { items: items.map(toLiveEvent), ...(await counts(db, userId, scope)) };
    },

    async markRead(caller: Caller, input: z.infer<typeof markReadRequest>) {
      const { userId, scope } = readerOf(caller);
      const marked = await repo.markRead(db, scope, userId, [...new Set(input.seqs)], clock.now());
      return { marked, ...(await counts(db, userId, scope)) };
    },

    async markAllRead(caller: Caller) {
      const { userId, scope } = readerOf(caller);
      const before = await counts(db, userId, scope);
      await repo.markAllRead(db, scope, userId, clock.now());
      return { marked: before.unread, ...(await counts(db, userId, scope)) };
    },

    /**
     * Opens a stream for the caller: after `lastEventId` when the console reconnects (what it
     * missed is sent first), else from now. Returns the function that ends it.
     */
    async open(caller: Caller, lastEventId: number | null, send: Connection['send'], close: () => void) {
      const { userId, scope } = readerOf(caller);
      const lastSeq = lastEventId ?? (await repo.lastSeq(db));
      const unread = await counts(db, userId, scope);
      const remove = await hub.add({ userId, scope, lastSeq, send, close });
      return { remove, lastSeq, ...unread };
    },

    /** Ends every open stream (graceful shutdown: server.close waits for open requests). */
    stop: () => hub.stop(),
  };
}

export type LiveService = ReturnType<typeof createLiveService>;
