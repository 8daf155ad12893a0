// One contact timeline per customer (customer 360): calls and staff notes this module records,
// customers' suggestions and their answers, and — read from their owners' tables in one statement
// (contacts.repo) — messages sent and their delivery, visits, follow-up attempts and surveys,
// complaints and the customer's own portal actions. Headquarters see all of it; a provider's staff
// and technicians only entries about their own orders, and never complaints (they may be the
// accused), follow-ups or suggestions. Customers see none of it but their own suggestions.
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { can } from '../../kernel/permissions.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { maskBody, maskRecipient, messageTemplates, templateOf } from '../notifications/index.js';
import { findOrder, orderScopeSql } from '../work-orders/index.js';
import * as repo from './contacts.repo.js';
import { contactsErrors } from './contacts.errors.js';
import { canAnswer, containsPattern, decodeCursor, encodeCursor, entryKey, kindNames, suggestionStatusNames, timelineKinds, type CallOutcome, type SuggestionStatus } from './contacts.rules.js';
import type { answerRequest, callRequest, CustomerSuggestionView, noteRequest, suggestionRequest, suggestionsQuery, SuggestionView, timelineQuery } from './contacts.contract.js';

export type ContactsDeps = { db: Db; clock: Clock; audit: AuditFn };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const secretTemplates = Object.entries(messageTemplates)
  .filter(([, t]) => t.secret)
  .map(([name]) => name);

export function createContactsService(deps: ContactsDeps) {
  const { db, clock, audit } = deps;
  const scopeOf = (caller: Caller) => orderScope(caller.principal);
  const isCustomer = (caller: Caller) => caller.principal.kind === 'customer';

  async function requireCustomer(caller: Caller, customerId: string) {
    if (!(await repo.customerVisible(db, scopeOf(caller), customerId))) throw contactsErrors.customerNotFound(customerId);
  }

  /** The order a call or note is about: the customer's, within the caller's scope; required of a provider's staff. */
  async function checkOrder(caller: Caller, customerId: string, orderId: string | undefined) {
    const scope = scopeOf(caller);
    if (!orderId) {
      if (scope.kind !== 'all') throw contactsErrors.orderRequired();
      return null;
    }
    const order = await findOrder(db, orderId, orderScopeSql(scope));
    if (!order) throw contactsErrors.orderNotFound();
    if (order.customerId !== customerId) throw contactsErrors.orderOfOtherCustomer();
    return order.id;
  }

  function suggestionView(s: repo.SuggestionRow): SuggestionView {
    const status = s.status as SuggestionStatus;
    return {
      id: s.id,
      customerId: s.customerId,
      channel: s.channel,
      topic: s.topic as SuggestionView['topic'],
      text: s.text,
      status,
      statusName: suggestionStatusNames[status],
      answer: s.answer,
      answeredAt: iso(s.answeredAt),
      answeredBy: s.answeredBy,
      recordedBy: s.recordedBy,
      version: s.version,
      createdAt: s.createdAt.toISOString(),
    };
  }

  function customerSuggestionView(s: repo.SuggestionRow): CustomerSuggestionView {
    const status = s.status as SuggestionStatus;
    return {
      id: s.id,
      topic: s.topic as CustomerSuggestionView['topic'],
      text: s.text,
      status,
      statusZh: suggestionStatusNames[status].zh,
      statusEn: suggestionStatusNames[status].en,
      answer: s.answer,
      answeredAt: iso(s.answeredAt),
      createdAt: s.createdAt.toISOString(),
    };
  }

  /** Suggestions are headquarters' work: no provider- or technician-bound staff. */
  function requireHq(caller: Caller, permission: 'contacts.read' | 'contacts.write') {
    requirePermission(caller.principal, permission);
    if (scopeOf(caller).kind !== 'all') throw contactsErrors.hqOnly();
  }

  return {
    async timeline(caller: Caller, query: z.infer<typeof timelineQuery>) {
      requirePermission(caller.principal, 'contacts.read');
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      if (query.cursor !== undefined && !cursor) throw contactsErrors.badCursor();
      const from = query.from ? new Date(query.from) : undefined;
      const to = query.to ? new Date(query.to) : undefined;
      if (from && to && to <= from) throw contactsErrors.badRange();
      await requireCustomer(caller, query.customerId);
      const rows = await repo.timeline(db, {
        customerId: query.customerId,
        scope: scopeOf(caller),
        kinds: query.kinds?.length ? query.kinds : timelineKinds,
        from,
        to,
        pattern: query.q ? containsPattern(query.q) : undefined,
        cursor,
        limit: query.limit,
        secretTemplates,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      // Phones and codes as the outbox shows them to staff; a call's number in full only to those who may see phones.
      const fullPhones = can(caller.principal, 'customers.phone.full');
      return {
        items: page.map((r) => {
          let { body, detail } = r;
          if (r.kind === 'message') {
            const secret = templateOf(String(detail.template)).secret;
            body = body === null ? null : maskBody(body, secret);
            detail = { ...detail, recipient: maskRecipient(String(detail.recipient)) };
          }
          if (r.kind === 'call' && !fullPhones) detail = { ...detail, phone: maskRecipient(String(detail.phone)) };
          return { kind: r.kind, kindName: kindNames[r.kind], id: r.id, at: r.at.toISOString(), orderId: r.orderId, orderNumber: r.orderNumber, action: r.action, body, actor: r.actor, detail };
        }),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.at.toISOString(), key: entryKey(last.kind, last.id) }) : null,
      };
    },

    async logCall(caller: Caller, input: z.infer<typeof callRequest>) {
      requirePermission(caller.principal, 'contacts.write');
      await requireCustomer(caller, input.customerId);
      const orderId = await checkOrder(caller, input.customerId, input.orderId);
      const now = clock.now();
      const startedAt = input.startedAt ? new Date(input.startedAt) : now;
      if (startedAt > now) throw contactsErrors.startedInFuture();
      return db.transaction(async (tx) => {
        const row = await repo.insertCall(tx, { id: newId(), customerId: input.customerId, orderId, direction: input.direction, phone: input.phone, startedAt, durationSeconds: input.durationSeconds, outcome: input.outcome, notes: input.notes, agent: actorName(caller.principal), createdAt: now });
        await audit(tx, { caller, action: 'contacts.call', subjectKind: 'customer', subjectId: input.customerId, details: { callId: row.id, orderId, direction: row.direction, outcome: row.outcome } });
        return { id: row.id, customerId: row.customerId, orderId: row.orderId, direction: row.direction, phone: row.phone, startedAt: row.startedAt.toISOString(), durationSeconds: row.durationSeconds, outcome: row.outcome as CallOutcome, notes: row.notes, agent: row.agent, createdAt: row.createdAt.toISOString() };
      });
    },

    async addNote(caller: Caller, input: z.infer<typeof noteRequest>) {
      requirePermission(caller.principal, 'contacts.write');
      await requireCustomer(caller, input.customerId);
      const orderId = await checkOrder(caller, input.customerId, input.orderId);
      return db.transaction(async (tx) => {
        const row = await repo.insertNote(tx, { id: newId(), customerId: input.customerId, orderId, text: input.text, author: actorName(caller.principal), createdAt: clock.now() });
        await audit(tx, { caller, action: 'contacts.note', subjectKind: 'customer', subjectId: input.customerId, details: { noteId: row.id, orderId } });
        return { id: row.id, customerId: row.customerId, orderId: row.orderId, text: row.text, author: row.author, createdAt: row.createdAt.toISOString() };
      });
    },

    /** Staff record a suggestion heard (any channel); a customer submits their own in the portal. */
    async recordSuggestion(caller: Caller, input: z.infer<typeof suggestionRequest>): Promise<SuggestionView | CustomerSuggestionView> {
      let customerId: string;
      if (caller.principal.kind === 'customer') customerId = caller.principal.customerId;
      else {
        requireHq(caller, 'contacts.write');
        if (!input.customerId) throw contactsErrors.customerNotFound('(none)');
        customerId = input.customerId;
        await requireCustomer(caller, customerId);
      }
      const channel = isCustomer(caller) ? 'portal' : (input.channel ?? 'phone');
      const now = clock.now();
      const actor = actorName(caller.principal);
      const row = await db.transaction(async (tx) => {
        const made = await repo.insertSuggestion(tx, { id: newId(), customerId, channel, topic: input.topic, text: input.text, status: 'open', recordedBy: actor, createdAt: now });
        await repo.insertSuggestionHistory(tx, { suggestionId: made.id, at: now, actor, action: 'record', fromStatus: null, toStatus: 'open' });
        await audit(tx, { caller, action: 'contacts.suggestion', subjectKind: 'customer_suggestion', subjectId: made.id, details: { customerId, channel } });
        return made;
      });
      return isCustomer(caller) ? customerSuggestionView(row) : suggestionView(row);
    },

    async listSuggestions(caller: Caller, query: z.infer<typeof suggestionsQuery>) {
      if (caller.principal.kind === 'customer') {
        const { rows, total } = await repo.listSuggestions(db, { ...query, customerId: caller.principal.customerId });
        return { items: rows.map(customerSuggestionView), total, limit: query.limit, offset: query.offset };
      }
      requireHq(caller, 'contacts.read');
      const { rows, total } = await repo.listSuggestions(db, query);
      return { items: rows.map(suggestionView), total, limit: query.limit, offset: query.offset };
    },

    async getSuggestion(caller: Caller, id: string) {
      const row = await repo.findSuggestion(db, id);
      if (caller.principal.kind === 'customer') {
        if (!row || row.customerId !== caller.principal.customerId) throw contactsErrors.suggestionNotFound(id);
        return customerSuggestionView(row);
      }
      requireHq(caller, 'contacts.read');
      if (!row) throw contactsErrors.suggestionNotFound(id);
      return { ...suggestionView(row), history: (await repo.suggestionHistoryOf(db, id)).map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus })) };
    },

    /** The answer is final and the customer reads it; two answering at once: one wins, the other 409. */
    async answerSuggestion(caller: Caller, id: string, input: z.infer<typeof answerRequest>): Promise<SuggestionView> {
      requireHq(caller, 'contacts.write');
      const now = clock.now();
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const row = await repo.findSuggestion(tx, id);
        if (!row) throw contactsErrors.suggestionNotFound(id);
        if (!canAnswer(row.status as SuggestionStatus)) throw contactsErrors.answeredAlready();
        if (row.version !== input.version) throw contactsErrors.staleVersion(row.version);
        const moved = await repo.updateSuggestionAtVersion(tx, id, input.version, { status: input.outcome, answer: input.answer, answeredAt: now, answeredBy: actor });
        if (!moved) {
          const current = await repo.findSuggestion(tx, id);
          if (current && !canAnswer(current.status as SuggestionStatus)) throw contactsErrors.answeredAlready();
          throw contactsErrors.staleVersion(current?.version ?? input.version);
        }
        await repo.insertSuggestionHistory(tx, { suggestionId: id, at: now, actor, action: 'answer', fromStatus: row.status, toStatus: moved.status });
        await audit(tx, { caller, action: 'contacts.suggestion_answer', subjectKind: 'customer_suggestion', subjectId: id, details: { outcome: input.outcome } });
        return suggestionView(moved);
      });
    },
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;
