// What the evidence module checks at the field steps, registered at composition (like followers):
// work orders never import it. Each hook runs inside the step's transaction.
import type { Queryable, Tx } from '../../db/database.js';
import type { OrderRow } from './work-orders.repo.js';
import type { ActionInput } from './work-orders.contract.js';

export type CheckInFacts = { at: Date; distanceM: number | null; far: boolean | null; farLimitM: number };

export type EvidenceHooks = {
  /** After the check-in is decided: flags a visit outside its window or far from the address. Never refuses. */
  checkedIn(tx: Tx, order: OrderRow, facts: CheckInFacts): Promise<void>;
  /** Before completion is written: throws the 422 naming what is missing or wrong. */
  completing(tx: Tx, order: OrderRow, input: ActionInput<'complete'>): Promise<void>;
  /** After completion is written (an installation's facts go on the unit). */
  completed(tx: Tx, order: OrderRow): Promise<void>;
  /** A photo was stored: flags a content hash already used on another order. */
  photoStored(q: Queryable, photo: { id: string; orderId: string; sha256: string; at: Date }): Promise<void>;
};
