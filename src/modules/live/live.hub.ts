// The consoles connected to this server copy, and how news reaches them: every copy LISTENs on one
// channel; an event's NOTIFY (sent by whichever copy made it, on commit) says whom it is for, and
// each connection that hears of it reads what it has not been sent yet from live_events, in its own
// scope. The table, not the notification, is what is sent: a missed notification loses nothing.
import type { Database, Db } from '../../db/database.js';
import type { OrderScope } from '../../kernel/scopes.js';
import * as repo from './live.repo.js';
import { decodeAudiences, hears } from './live.rules.js';

export type Connection = {
  userId: string;
  scope: OrderScope;
  /** The newest event sent on it. */
  lastSeq: number;
  send: (events: repo.LiveEventRow[]) => Promise<void>;
  /** Ends the stream (the server is stopping). */
  close: () => void;
};

type Slot = { conn: Connection; reading: boolean; again: boolean };

/** At most this many events are read per query; a long replay takes several. */
const page = 200;

export function createHub(deps: { database: Pick<Database, 'listen'>; db: Db }) {
  const slots = new Set<Slot>();
  let listening: Promise<() => Promise<void>> | null = null;

  async function read(slot: Slot) {
    if (slot.reading) {
      slot.again = true;
      return;
    }
    slot.reading = true;
    try {
      do {
        slot.again = false;
        for (;;) {
          if (!slots.has(slot)) return;
          const events = await repo.eventsAfter(deps.db, slot.conn.scope, slot.conn.userId, slot.conn.lastSeq, page);
          if (events.length === 0) break;
          await slot.conn.send(events);
          slot.conn.lastSeq = events[events.length - 1]!.seq;
          if (events.length < page) break;
        }
      } while (slot.again);
    } catch {
      // The database is away or the stream closed: the next notification (or reconnect) reads again.
    } finally {
      slot.reading = false;
    }
  }

  function onNotify(payload: string) {
    const audiences = payload === '' ? null : decodeAudiences(payload);
    for (const slot of slots) {
      if (audiences === null || audiences.some((a) => hears(slot.conn.scope, a))) void read(slot);
    }
  }

  return {
    /** Starts sending to a connection: first what it missed since `lastSeq`, then news as it comes. */
    async add(conn: Connection): Promise<() => void> {
      const slot: Slot = { conn, reading: false, again: false };
      slots.add(slot);
      // The first console to connect makes this copy listen; a failure is tried again by the next.
      listening ??= deps.database.listen(repo.CHANNEL, onNotify).catch((err: unknown) => {
        listening = null;
        throw err;
      });
      await listening;
      void read(slot);
      return () => void slots.delete(slot);
    },
    /** How many consoles this copy is sending to. */
    size: () => slots.size,
    /** Ends every stream and stops listening: a stopping server then has no open request left. */
    async stop() {
      for (const slot of slots) slot.conn.close();
      slots.clear();
      const l = listening;
      listening = null;
      if (l) await (await l.catch(() => async () => undefined))();
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
