// The demo's fee dispute, taken through its flow: the customer of a recently priced repair pays on
// the doorstep, disputes the labour in the portal, a reviewer partly upholds it (a credit line on the
// order) and the desk gives the credit back — a refund through fees, a negative payment linked to
// the dispute. The disputes queue, the order's receipt and the customer's timeline show each step.
import type { Database } from '../db/database.js';
import type { Caller } from '../kernel/scopes.js';
import { customerPermissions } from '../kernel/permissions.js';
import { createServices } from '../server/services.js';

const desk: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };

export async function loadDisputesDemo(database: Database, options: { now: Date; orderIds: string[] }): Promise<Record<string, number>> {
  const services = createServices(database, { now: () => options.now });
  const { fees, disputes } = services;
  for (const orderId of options.orderIds) {
    const order = await services.workOrders.get(desk, orderId);
    const labour = (await fees.forOrder(desk, orderId)).lines.find((l) => l.kind === 'labour' && l.amountFen >= 200);
    if (!labour || !order.providerId) continue;
    // Out of warranty on this visit: the customer pays the labour.
    if (labour.payer !== 'customer') await fees.changePayer(desk, orderId, labour.id, { version: labour.version, payer: 'customer', reason: '演示：保修期外，客户承担 / demo: out of warranty, the customer pays' });
    const due = (await fees.payments.list(desk, orderId)).balanceFen;
    await fees.payments.record(desk, orderId, { idempotencyKey: `demo-paid-${orderId}`, amountFen: due, currency: 'CNY', method: 'wechat_pay', reference: `WX-DEMO-${order.number}`, collectedBy: 'provider' });
    const customer: Caller = { principal: { kind: 'customer', customerId: order.customerId, permissions: customerPermissions }, address: null };
    const raised = await disputes.raise(customer, orderId, { lineId: labour.id, reason: 'excessive_labour', text: '只是调整了一下，工时费偏高 / only an adjustment: the labour is too dear', photoIds: [] });
    const credit = Math.floor(labour.amountFen / 200) * 100;
    const decided = await disputes.review(desk, raised.id, { version: raised.version, outcome: 'partly_upheld', amount: { amountFen: credit, currency: 'CNY' }, reason: '按调整类工时重新核定，退还差额 / re-rated as an adjustment; the difference is given back' });
    await disputes.refund(desk, decided.id, { idempotencyKey: `demo-dispute-refund-${decided.id}`, method: 'wechat_pay', reference: `WXR-DEMO-${order.number}`, paidBackBy: 'provider' });
    return { fee_disputes: 1, dispute_refunds: 1 };
  }
  return { fee_disputes: 0, dispute_refunds: 0 };
}
