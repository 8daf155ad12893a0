// What counts as "waiting for me" on the desk, and how many recent customers are kept. Pure.

/** Recent customers kept per user (older ones are dropped when a new one is opened). */
export const recentLimit = 12;

/** Per list of the queue: enough for a day's desk work, bounded for the page. */
export const queueLimit = 50;

export type QueueWhy = 'intake' | 'awaiting_dispatch' | 'waiting_for_customer' | 'awaiting_confirmation' | 'correction_warning';

/**
 * Why an order the user took in is still theirs to watch: intake not finished, not yet dispatched
 * (chase it), on hold for the customer (call them), work done but not confirmed (confirm or chase),
 * or a correction put something at risk. Anything else is in someone else's hands: undefined.
 */
export function whyWaiting(o: { status: string; holdReason: string | null; hasWarnings: boolean }): QueueWhy | undefined {
  if (o.hasWarnings && !['closed', 'cancelled', 'confirmed', 'followed_up'].includes(o.status)) return 'correction_warning';
  if (o.status === 'intake') return 'intake';
  if (o.status === 'awaiting_dispatch') return 'awaiting_dispatch';
  if (o.status === 'on_hold' && o.holdReason === 'waiting_for_customer') return 'waiting_for_customer';
  if (o.status === 'work_done') return 'awaiting_confirmation';
  return undefined;
}

export const whyWords: Record<QueueWhy, { zh: string; en: string }> = {
  intake: { zh: '受理未完成', en: 'Intake not finished' },
  awaiting_dispatch: { zh: '尚未派单', en: 'Not dispatched yet' },
  waiting_for_customer: { zh: '等待客户', en: 'Waiting for the customer' },
  awaiting_confirmation: { zh: '完工待确认', en: 'Done, awaiting confirmation' },
  correction_warning: { zh: '更正后有风险', en: 'A correction put it at risk' },
};

/** The statuses the queue's orders query reads (a superset; `whyWaiting` decides). */
export const queueStatuses = ['intake', 'awaiting_dispatch', 'dispatched', 'assigned', 'booked', 'on_hold', 'work_done'] as const;

/** The names a user's own history and filing rows carry: signed in, or through one of their API tokens. */
export function actorNamesOf(username: string): { exact: string; tokenPattern: string } {
  return { exact: `user:${username}`, tokenPattern: `token:%:${username.replace(/[%_\\]/g, (c) => `\\${c}`)}` };
}
