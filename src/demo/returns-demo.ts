// The demo's return/exchange cases, taken through the returns flow as the desk would (not written as
// rows): three return orders of the demo, each case opened from its unit's 三包 answer and taken to
// another point — being appraised; decided; carried out, its refund paid back through fees (a
// negative payment on the order) and the old unit's pickup booked, which makes a visit of kind
// `return` waiting for dispatch.
import type { Database } from '../db/database.js';
import type { Caller } from '../kernel/scopes.js';
import { createServices } from '../server/services.js';
import { openCaseRequest, type CaseDetailView } from '../modules/returns/returns.contract.js';
import { sanbaoRequest } from '../modules/units/units.contract.js';

type Pick = { orderId: string; unitId: string; reportedOn: string };
type Decision = 'exchange' | 'refund' | 'repair';

const desk: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };
// A refund's appraisal is a panel's: a second, distinct signer.
const panel: Caller = { principal: { kind: 'system', name: 'demo-panel' }, address: null };
const HOUR = 3_600_000;
const fromRemedy: Record<string, Decision> = { refund: 'refund', replace: 'exchange', repair: 'repair' };

export async function loadReturnsDemo(database: Database, options: { now: Date; picks: Pick[] }): Promise<Record<string, number>> {
  const services = createServices(database, { now: () => options.now });
  const returns = services.returns;
  let refunds = 0;
  let pickups = 0;
  for (const [i, p] of options.picks.slice(0, 3).entries()) {
    const fault = { faultCode: 'DEMO', kind: 'performance' as const };
    const remedy = await services.units.remedy(desk, p.unitId, sanbaoRequest.parse({ ...fault, reportedOn: p.reportedOn }));
    const allowed = remedy.options.map((o) => fromRemedy[o]);
    // The third case is a refund: by the rules when they allow it, else by a manager's override with its reason.
    const requested: Decision = i === 2 ? 'refund' : (allowed[0] ?? 'repair');
    const override = allowed.includes(requested) ? undefined : { reason: '演示：经理特批退款 / demo: a manager allows the refund' };
    let c: CaseDetailView = await returns.open(desk, openCaseRequest.parse({ orderId: p.orderId, reportedOn: p.reportedOn, lines: [{ unitId: p.unitId, ...fault, requested, override }] }));
    const lineId = c.lines[0].id;
    c = await returns.startAppraisal(desk, c.id, c.version);
    if (i === 0) continue;
    c = await returns.appraise(desk, c.id, { version: c.version, lineId, by: 'centre', findings: '压缩机启动异常，属产品质量问题 / compressor fails to start: a product fault', photoIds: [], responsibility: 'product_quality' });
    if (c.status !== 'appraised') c = await returns.sign(panel, c.id, { version: c.version, appraisalId: c.appraisals[0].id });
    // A decided exchange would need its replacement's serials to be carried out; the second case stops at the decision.
    c = await returns.decide(desk, c.id, { version: c.version, lines: [{ lineId, decision: requested }] });
    if (i === 1) continue;
    c = await returns.approve(desk, c.id, { version: c.version });
    c = await returns.execute(desk, c.id, { version: c.version, replacements: [], refundMethod: 'bank_transfer', refundReference: `DEMO-REFUND-${i + 1}` });
    refunds += 1;
    // The old unit's way back: a pickup visit the day after tomorrow, 09:00–11:00 Shanghai time.
    const day = new Date(Date.parse(`${new Date(options.now.getTime() + 8 * HOUR + 2 * 24 * HOUR).toISOString().slice(0, 10)}T01:00:00Z`));
    c = await returns.wayBack(desk, c.id, { step: 'book_pickup', version: c.version, lineId, from: day.toISOString(), to: new Date(day.getTime() + 2 * HOUR).toISOString() });
    if (c.lines[0].pickupOrderId) pickups += 1;
  }
  return { return_cases: Math.min(options.picks.length, 3), return_refunds: refunds, return_pickups: pickups };
}
