// How other modules follow orders (docs/architecture.md, Followers): registered at composition, never imported here.
import type { SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/database.js';
import type { Caller } from '../../kernel/scopes.js';
import type { OrderRow } from './work-orders.repo.js';
import type { OrderAction } from './work-orders.rules.js';
import type { EvidenceHooks } from './work-orders.evidence.js';

/** What a follower of intake knows before the order is written, mostly from memory. */
export type IntakeFollower = {
  /** Whether it writes anything for a new order; if not, intake stays one statement. */
  acts: boolean;
  /** Holds while what it knows is still so: part of the intake statement's condition. */
  unchanged: SQL;
  /** After intake made nothing: whether `unchanged` was the reason (then intake tries again). */
  stale: (q: Queryable) => Promise<boolean>;
  /** The orders one intake statement made, inside its transaction. */
  opened: (tx: Tx, orders: { order: OrderRow; caller: Caller }[]) => Promise<void>;
};

/** How a provider fits an order, with the reasons it does not. */
export type ProviderVerdict = { eligible: boolean; name: string; reasons: { code: string; en: string; zh: string }[] };

/** A follower of orders: what it does at intake and after each step; either may be left out. */
export type OrderFollower = {
  name: string;
  intake?: (q: Queryable) => Promise<IntakeFollower>;
  stepped?: (tx: Tx, before: OrderRow, after: OrderRow, action: OrderAction, caller: Caller) => Promise<void>;
  /**
   * A follower that chooses providers itself (dispatch): why sending the order to this provider by
   * hand overrides its choice, or null. An override needs a reason.
   */
  providerOverride?: (q: Queryable, orderId: string, providerId: string) => Promise<{ code: string; zh: string; en: string } | null>;
  /** A follower that judges providers (dispatch): how this provider now fits the order, for a correction's warnings. */
  providerVerdict?: (q: Queryable, orderId: string, providerId: string) => Promise<ProviderVerdict | null>;
  /** A follower that keeps promises: when the order's on-site promise falls due, to tell a wish beyond it. */
  onSiteDueAt?: (q: Queryable, orderId: string) => Promise<Date | null>;
  /**
   * A follower whose judgement rests on what a correction may change (promises: the unit's category
   * and the address's region choose the policy): called after every correction, in its transaction.
   */
  orderCorrected?: (tx: Tx, before: OrderRow, after: OrderRow, caller: Caller) => Promise<void>;
  /** A follower that places addresses (geocoding): the order's corrected address has no coordinates. */
  addressToPlace?: (q: Queryable, orderId: string) => Promise<void>;
  /** A follower that knows travel (dispatch): seconds between every pair of places ([lng, lat]), for a booking's travel between visits. */
  travelMatrix?: (points: [number, number][]) => Promise<number[][]>;
  /**
   * A follower that keeps a standing of providers (audits): each provider's recent mean score
   * (0–100), the network's mean, and the weight dispatch gives it when ranking providers.
   */
  providerStanding?: (q: Queryable, providerIds: string[]) => Promise<{ weight: number; scores: Map<string, number>; mean: number | null }>;
  /** A follower that checks the field steps' evidence (the evidence module). */
  evidence?: EvidenceHooks;
};
