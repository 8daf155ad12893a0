import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import {
  exportQuery,
  generateAllRequest,
  generateAllView,
  generateRequest,
  lineAnswerRequest,
  lineDisputeRequest,
  lineParams,
  listQuery,
  payRequest,
  pieceRatesQuery,
  pieceRatesRequest,
  pieceRatesView,
  ruleCreate,
  rulesView,
  ruleUpdate,
  ruleView,
  statementDetailView,
  statementView,
  stepRequest,
  technicianPayView,
} from './settlement.contract.js';
import type { SettlementService } from './settlement.service.js';

const tags = ['Settlement 结算'];
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });

export function settlementRoutes(service: SettlementService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/settlement-statements/generate', tags, summary: "Generate (or regenerate) the draft statement of a provider's month; a sent one is refused", request: jsonBody(generateRequest), responses: { 200: jsonResponse(statementDetailView, 'Draft'), ...errorResponses } }),
    async (c) => c.json(await service.generate(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/settlement-statements/generate-all', tags, summary: "Generate (or regenerate) every provider's draft of a month, set-based; sent statements and months not over in a provider's zone are skipped and named", request: jsonBody(generateAllRequest), responses: { 200: jsonResponse(generateAllView, 'Drafts generated'), ...errorResponses } }),
    async (c) => c.json(await service.generateAll(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/settlement-statements', tags, summary: 'Statements (a provider sees its own)', request: { query: listQuery }, responses: { 200: jsonResponse(pageOf(statementView), 'Statements'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/settlement-statements/{id}', tags, summary: 'One statement with every line explained, and its history', request: { params: idParam }, responses: { 200: jsonResponse(statementDetailView, 'Statement'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  for (const [action, summary] of [
    ['send', 'Send the draft to the provider (it never changes after)'],
    ['agree', 'The provider agrees the statement (no line left disputed)'],
    ['approve', 'Approve an agreed statement (above the threshold: settlement.approve_large)'],
  ] as const) {
    r.openapi(
      createRoute({ method: 'post', path: `/settlement-statements/{id}/${action}`, tags, summary, request: { params: idParam, ...jsonBody(stepRequest) }, responses: { 200: jsonResponse(statementDetailView, 'Statement'), ...errorResponses } }),
      async (c) => c.json(await service[action](c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
    );
  }
  r.openapi(
    createRoute({ method: 'post', path: '/settlement-statements/{id}/pay', tags, summary: 'Record the payment of an approved statement (its reference)', request: { params: idParam, ...jsonBody(payRequest) }, responses: { 200: jsonResponse(statementDetailView, 'Paid'), ...errorResponses } }),
    async (c) => c.json(await service.pay(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/settlement-statements/{id}/lines/{lineNo}/dispute', tags, summary: 'The provider disputes a line (reason code, evidence note)', request: { params: lineParams, ...jsonBody(lineDisputeRequest) }, responses: { 200: jsonResponse(statementDetailView, 'Disputed'), ...errorResponses } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await service.disputeLine(c.get('caller'), p.id, p.lineNo, c.req.valid('json')), 200);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/settlement-statements/{id}/lines/{lineNo}/answer', tags, summary: "Answer a disputed line; a correction goes to the provider's next statement", request: { params: lineParams, ...jsonBody(lineAnswerRequest) }, responses: { 200: jsonResponse(statementDetailView, 'Answered'), ...errorResponses } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await service.answerLine(c.get('caller'), p.id, p.lineNo, c.req.valid('json')), 200);
    },
  );
  for (const format of ['csv', 'xlsx', 'html'] as const) {
    r.openapi(
      createRoute({ method: 'get', path: `/settlement-statements/{id}/export.${format}`, tags, summary: `The statement as ${format === 'html' ? 'a printable page' : format.toUpperCase()} (zh/en)`, request: { params: idParam, query: exportQuery }, responses: { 200: file(format === 'csv' ? 'text/csv' : format === 'html' ? 'text/html' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'File'), ...errorResponses } }),
      async (c) => {
        const out = await service.exportStatement(c.get('caller'), c.req.valid('param').id, format, c.req.valid('query').lang);
        const headers: Record<string, string> = { 'content-type': out.type };
        if (format !== 'html') headers['content-disposition'] = `attachment; filename="statement-${c.req.valid('param').id}.${format}"`;
        return c.body(out.body as never, 200, headers) as never;
      },
    );
  }
  r.openapi(
    createRoute({ method: 'get', path: '/settlement-statements/{id}/technician-pay', tags, summary: "Technician piece pay from the statement's orders (the provider's own rates)", request: { params: idParam }, responses: { 200: jsonResponse(technicianPayView, 'Pay'), ...errorResponses } }),
    async (c) => c.json(await service.technicianPay(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/settlement/piece-rates', tags, summary: "A provider's piece rates per job type", request: { query: pieceRatesQuery }, responses: { 200: jsonResponse(pieceRatesView, 'Rates'), ...errorResponses } }),
    async (c) => c.json(await service.pieceRates(c.get('caller'), c.req.valid('query').providerId), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/settlement/piece-rates', tags, summary: "Replace a provider's piece rates", request: jsonBody(pieceRatesRequest), responses: { 200: jsonResponse(pieceRatesView, 'Rates'), ...errorResponses } }),
    async (c) => c.json(await service.setPieceRates(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/settlement/rules', tags, summary: 'Reward and penalty rules, and the measures they may use', responses: { 200: jsonResponse(rulesView, 'Rules'), ...errorResponses } }),
    async (c) => c.json(await service.rules(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/settlement/rules', tags, summary: 'Add a reward or penalty rule', request: jsonBody(ruleCreate), responses: { 201: jsonResponse(ruleView, 'Rule'), ...errorResponses } }),
    async (c) => c.json(await service.createRule(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/settlement/rules/{id}', tags, summary: 'Change a rule (it applies to drafts generated after)', request: { params: idParam, ...jsonBody(ruleUpdate) }, responses: { 200: jsonResponse(ruleView, 'Rule'), ...errorResponses } }),
    async (c) => c.json(await service.updateRule(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}
