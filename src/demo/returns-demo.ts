// The demo's return/exchange cases: three return orders of the demo taken to different points of
// a case (being appraised; decided; closed), each line's 三包 answer computed by the rules.
import type { productModels } from '../modules/catalog/catalog.tables.js';
import type { units } from '../modules/units/units.tables.js';
import type { workOrders } from '../modules/work-orders/work-orders.tables.js';
import type { returnAppraisals, returnAppraisalSignatures, returnCaseHistory, returnCaseLines, returnCases } from '../modules/returns/returns.tables.js';
import { soldUnit, termsFromModel } from '../modules/units/units.rules.js';
import { sanbaoRemedy } from '../modules/units/warranty.rules.js';
import { defaultReturnPolicy, decisionOf, type Decision } from '../modules/returns/returns.rules.js';
import type { Rng } from './prng.js';

type Rows = {
  cases: (typeof returnCases.$inferInsert)[];
  lines: (typeof returnCaseLines.$inferInsert)[];
  appraisals: (typeof returnAppraisals.$inferInsert)[];
  signatures: (typeof returnAppraisalSignatures.$inferInsert)[];
  history: (typeof returnCaseHistory.$inferInsert)[];
};

const stages = ['appraising', 'decided', 'closed'] as const;

export function demoReturnCases(rng: Rng, data: { orders: (typeof workOrders.$inferInsert)[]; units: (typeof units.$inferInsert)[]; models: (typeof productModels.$inferInsert)[] }): Rows {
  const out: Rows = { cases: [], lines: [], appraisals: [], signatures: [], history: [] };
  const picks = data.orders.filter((o) => o.kind === 'return_exchange' && o.unitId).slice(0, stages.length);
  picks.forEach((order, i) => {
    const unit = data.units.find((u) => u.id === order.unitId)!;
    const model = data.models.find((m) => m.id === unit.modelId)!;
    const at = order.createdAt as Date;
    const reportedOn = at.toISOString().slice(0, 10);
    const terms = termsFromModel({ wholeUnitMonths: model.wholeUnitMonths!, mainPartsMonths: model.mainPartsMonths!, mainParts: model.mainParts, dailyDepreciationRate: Number(model.dailyDepreciationRate) });
    const remedy = sanbaoRemedy(soldUnit({ channel: unit.channel, purchaseDate: unit.purchaseDate, invoiceNumber: unit.invoiceNumber ?? null, receivedDate: unit.receivedDate ?? null, priceFen: unit.priceFen, replacedOn: null }, [], model.code), terms, { reportedOn, faultCode: 'DEMO', kind: 'performance' });
    const stage = stages[i];
    const requested: Decision = remedy.options.includes('refund') && stage === 'closed' ? 'refund' : decisionOf(remedy.options[0]);
    // A closed case in the demo is a refund or a repair: an exchange would need its replacement unit.
    const decision: Decision = stage === 'closed' && requested === 'exchange' ? 'repair' : requested;
    const caseId = rng.uuid();
    const lineId = rng.uuid();
    const status = stage;
    const step = (n: number) => new Date(at.getTime() + n * 3_600_000);
    out.cases.push({ id: caseId, customerId: order.customerId, orderId: order.id!, status, policy: defaultReturnPolicy, openedBy: 'demo', version: 1, createdAt: at, updatedAt: step(6) });
    const refundable = remedy.refundAmountFen || unit.priceFen;
    const decided = stage !== 'appraising';
    out.lines.push({
      id: lineId, caseId, unitId: unit.id, faultCode: 'DEMO', reportedOn, sanbaoRule: remedy.rule, sanbaoOptions: remedy.options, sanbaoReason: remedy.reason, noReasonReturn: false,
      unitPriceFen: unit.priceFen, refundableFen: refundable, currency: 'CNY', requested,
      decision: decided ? decision : null, replacementModelId: decided && decision === 'exchange' ? unit.modelId : null, priceDifferenceFen: decided && decision === 'exchange' ? 0 : null,
      refundFen: decided && decision === 'refund' ? refundable : null, wayBack: stage === 'closed' && decision === 'refund' ? 'stock' : 'with_customer', warehouse: stage === 'closed' && decision === 'refund' ? 'WH-DEMO-01' : null,
    });
    const history = (action: string, from: string | null, to: string, n: number, details: Record<string, unknown> = {}) => out.history.push({ id: rng.uuid(), caseId, lineId: null, action, fromStatus: from, toStatus: to, details, actor: 'demo', at: step(n) });
    history('open', null, 'opened', 0, { lines: [{ unitId: unit.id, rule: remedy.rule, requested, overridden: false }] });
    history('start_appraisal', 'opened', 'appraising', 1);
    if (!decided) return;
    const appraisalId = rng.uuid();
    out.appraisals.push({ id: appraisalId, caseId, lineId, by: 'centre', findings: '压缩机启动异常，属产品质量问题 / compressor fails to start: a product fault', photoIds: [], responsibility: 'product_quality', bearer: 'maker', signaturesNeeded: 1, appraisedBy: 'demo', appraisedAt: step(2) });
    out.signatures.push({ appraisalId, signer: 'demo', signedAt: step(2) });
    history('appraise', 'appraising', 'appraised', 2, { appraisalId, responsibility: 'product_quality', bearer: 'maker' });
    const money = [{ decision, refundFen: decision === 'refund' ? refundable : null, priceDifferenceFen: decision === 'exchange' ? 0 : null, currency: 'CNY', onDate: reportedOn }];
    history('decide', 'appraised', 'decided', 3, { lines: money });
    if (stage !== 'closed') return;
    history('approve', 'decided', 'approved', 4);
    history('execute', 'approved', 'executed', 5, { onDate: reportedOn, lines: money });
    if (decision === 'refund') {
      history('receive', 'executed', 'executed', 5.5, { warehouse: 'WH-DEMO-01' });
      history('fate', 'executed', 'executed', 5.8, { to: 'stock' });
    }
    history('close', 'executed', 'closed', 6);
  });
  return out;
}
