import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { Enqueue } from '../../jobs/queue.js';
import { addressesToPlace, placeAddress, placedCentre } from '../customers/index.js';
import { ordersToPlace, placeOrder, type OrderFollower } from '../work-orders/index.js';
import { GeocoderUnavailable, type HttpGeocoder } from './geocoding.http.js';
import { sameAddress, type AddressText, type Placement } from './geocoding.rules.js';

export const PLACE_JOB = 'geocoding.place';
export const BACKFILL_JOB = 'geocoding.backfill';
const BATCH = 100;
const ACTOR = 'system:geocoding';

/** How a position was found, as the order's history says it. */
function placedWords(p: Placement): string {
  if (p.source === 'geocoder') return p.approximate ? 'geocoding service, a coarse answer / 地理编码服务（粗略位置）' : 'geocoding service / 地理编码服务';
  return p.source === 'postal_code'
    ? 'estimated: the centre of placed addresses with this postal code / 估算：同邮编已定位地址的中心'
    : 'estimated: the centre of placed addresses in this district / 估算：同区县已定位地址的中心';
}

export type GeocodingDeps = {
  db: Db;
  clock: Clock;
  enqueue: Enqueue;
  /** The configured HTTP service; without one, addresses are placed offline (approximately). */
  http?: HttpGeocoder | null;
  /** Told when the service could not be asked (the fallback was used). */
  warn?: (message: string) => void;
};

export type PlaceResult = { addresses: number; orders: number };

export function createGeocodingService(deps: GeocodingDeps) {
  const { db, clock, http } = deps;
  // With a service, a rough position is worth asking again; without one, nothing would change.
  const roughToo = !!http;

  /** The position of an address: the service's answer, else the centre of placed addresses with its postal code or in its district; null when neither knows. */
  async function place(q: Queryable, a: AddressText): Promise<Placement | null> {
    if (http) {
      try {
        const found = await http.geocode(a);
        if (found) return found;
      } catch (e) {
        if (!(e instanceof GeocoderUnavailable)) throw e;
        deps.warn?.(`geocoder unavailable, placing offline / 地理编码服务不可用，改用估算位置: ${e.message}`);
      }
    }
    const centre = await placedCentre(q, a);
    return centre ? { lat: centre.lat, lng: centre.lng, approximate: true, source: centre.by } : null;
  }

  /** Places one order's address: a customer address with the same text lends its position, else it is geocoded. */
  async function placeOrders(rows: Awaited<ReturnType<typeof ordersToPlace>>, known: { text: AddressText; at: Placement }[]): Promise<number> {
    let n = 0;
    for (const o of rows) {
      const p = known.find((k) => sameAddress(k.text, o.address))?.at ?? (await place(db, o.address));
      if (p && (await db.transaction((tx) => placeOrder(tx, o.id, p, { actor: ACTOR, at: clock.now(), reason: placedWords(p) })))) n += 1;
    }
    return n;
  }

  /** Places a customer's addresses that have no (or only a rough) position, then their open orders'. Run again, it changes nothing. */
  async function placeCustomer(customerId: string): Promise<PlaceResult> {
    const known: { text: AddressText; at: Placement }[] = [];
    let addresses = 0;
    for (const a of await addressesToPlace(db, { customerId, roughToo, limit: BATCH })) {
      const p = await place(db, a);
      if (!p || (a.lat !== null && p.approximate)) continue;
      if (await placeAddress(db, a.id, p)) addresses += 1;
      known.push({ text: a, at: p });
    }
    const orders = await placeOrders(await ordersToPlace(db, { customerId, roughToo, limit: BATCH }), known);
    return { addresses, orders };
  }

  async function placeOne(orderId: string): Promise<PlaceResult> {
    return { addresses: 0, orders: await placeOrders(await ordersToPlace(db, { orderId, roughToo, limit: 1 }), []) };
  }

  return {
    place,
    placeCustomer,
    /** One order's address, now (dispatch asks before it needs the coordinates). */
    placeOrder: placeOne,

    /** Puts the placing on the queue inside `q`'s transaction: it runs once the change is committed. */
    async request(q: Queryable, target: { customerId: string } | { orderId: string }) {
      await deps.enqueue(q, PLACE_JOB, target);
    },

    /**
     * A customer's addresses placed on the queue; an import's batch of customers placed by one job (a job each cost the import as much as the
     * customers themselves); a repeat of the job skips whoever is placed already.
     */
    async requestCustomers(q: Queryable, customerIds: string[]) {
      if (customerIds.length) await deps.enqueue(q, PLACE_JOB, customerIds.length === 1 ? { customerId: customerIds[0] } : { customerIds });
    },

    async handle(target: { customerId?: string; customerIds?: string[]; orderId?: string }): Promise<PlaceResult> {
      if (target.customerId) return placeCustomer(target.customerId);
      if (target.orderId) return placeOne(target.orderId);
      const total: PlaceResult = { addresses: 0, orders: 0 };
      for (const customerId of target.customerIds ?? []) {
        const done = await placeCustomer(customerId);
        total.addresses += done.addresses;
        total.orders += done.orders;
      }
      return total;
    },

    /** Every address and open order without coordinates (and, with a service, with rough ones), in batches. */
    async backfill(): Promise<PlaceResult> {
      const total: PlaceResult = { addresses: 0, orders: 0 };
      let after: string | undefined;
      for (;;) {
        const batch = await addressesToPlace(db, { roughToo, after, limit: BATCH });
        if (batch.length === 0) break;
        after = batch[batch.length - 1].id;
        for (const a of batch) {
          const p = await place(db, a);
          if (p && !(a.lat !== null && p.approximate) && (await placeAddress(db, a.id, p))) total.addresses += 1;
        }
      }
      after = undefined;
      for (;;) {
        const batch = await ordersToPlace(db, { roughToo, after, limit: BATCH });
        if (batch.length === 0) break;
        after = batch[batch.length - 1].id;
        total.orders += await placeOrders(batch, []);
      }
      return total;
    },

    /** An order accepted or dispatched, or corrected, with an address that has no coordinates is placed on the queue. */
    orderFollower: {
      name: 'geocoding',
      addressToPlace: (q, orderId) => deps.enqueue(q, PLACE_JOB, { orderId }),
      async stepped(tx, _before, after, action) {
        if ((action === 'accept' || action === 'dispatch') && (after.address.lat == null || after.address.lng == null)) await deps.enqueue(tx, PLACE_JOB, { orderId: after.id });
      },
    } satisfies OrderFollower,
  };
}

export type GeocodingService = ReturnType<typeof createGeocodingService>;
