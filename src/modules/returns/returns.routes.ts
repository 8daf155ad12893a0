import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import {
  appraisalRequest,
  approveRequest,
  caseDetailView,
  caseListQuery,
  caseView,
  closeRequest,
  customerReturnCasesView,
  decideRequest,
  executeRequest,
  openCaseRequest,
  policyRequest,
  policyView,
  rejectRequest,
  signRequest,
  startAppraisalRequest,
  statisticsQuery,
  statisticsView,
  wayBackRequest,
} from './returns.contract.js';
import type { ReturnsService } from './returns.service.js';
import type { CaseDetailView } from './returns.contract.js';
import type { Caller } from '../../kernel/scopes.js';

const tags = ['Returns 退换货'];

export function returnsRoutes(service: ReturnsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/return-cases', tags, summary: 'Open a return/exchange case from the 三包 answer for each unit', request: jsonBody(openCaseRequest), responses: { 201: jsonResponse(caseDetailView, 'Opened'), ...errorResponses } }),
    async (c) => c.json(await service.open(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/return-cases', tags, summary: 'Return cases, newest first', request: { query: caseListQuery }, responses: { 200: jsonResponse(pageOf(caseView), 'Cases'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/return-cases/{id}', tags, summary: 'A case with its lines, appraisals and history', request: { params: idParam }, responses: { 200: jsonResponse(caseDetailView, 'Case'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  /** A step of a case: POST /return-cases/{id}/<path> with the version the caller read; the case after it. */
  function stepRoute<S extends z.ZodTypeAny>(path: string, summary: string, body: S, run: (caller: Caller, id: string, input: z.infer<S>) => Promise<CaseDetailView>) {
    r.openapi(
      createRoute({ method: 'post', path: `/return-cases/{id}/${path}`, tags, summary, request: { params: idParam, ...jsonBody(body) }, responses: { 200: jsonResponse(caseDetailView, 'The case after the step'), ...errorResponses } }),
      async (c) => {
        // Validated by the route's schemas; the generic body loses hono's inference, so read it by name.
        const req = c.req as unknown as { valid: (target: 'param' | 'json') => unknown };
        const valid = (target: 'param' | 'json') => req.valid(target);
        const { id } = valid('param') as { id: string };
        return c.json(await run(c.get('caller'), id, valid('json') as z.infer<S>), 200);
      },
    );
  }
  stepRoute('start-appraisal', 'Start the appraisal (鉴定)', startAppraisalRequest, (caller, id, b) => service.startAppraisal(caller, id, b.version));
  stepRoute('appraisals', "Record a line's appraisal: findings, photos, responsibility", appraisalRequest, (caller, id, b) => service.appraise(caller, id, b));
  stepRoute('signatures', "Sign a line's appraisal as a panel member (distinct people)", signRequest, (caller, id, b) => service.sign(caller, id, b));
  stepRoute('decision', 'Decide each line: exchange, refund or repair', decideRequest, (caller, id, b) => service.decide(caller, id, b));
  stepRoute('approval', 'Approve the decision (a manager above the policy amount)', approveRequest, (caller, id, b) => service.approve(caller, id, b));
  stepRoute('execution', 'Carry out the decision: replacement units, refunds', executeRequest, (caller, id, b) => service.execute(caller, id, b));
  stepRoute('way-back', "The old unit's way back: pickup, warehouse, fate", wayBackRequest, (caller, id, b) => service.wayBack(caller, id, b));
  stepRoute('close', 'Close the case', closeRequest, (caller, id, b) => service.close(caller, id, b.version));
  stepRoute('reject', 'Reject the case, with the reason', rejectRequest, (caller, id, b) => service.reject(caller, id, b));
  r.openapi(
    createRoute({ method: 'get', path: '/return-timelines', tags, summary: "A customer's return cases in plain words (the portal's timeline)", request: { query: z.object({ customerId: z.string().uuid().optional() }) }, responses: { 200: jsonResponse(customerReturnCasesView, 'Timelines'), ...errorResponses } }),
    async (c) => c.json(await service.timelines(c.get('caller'), c.req.valid('query').customerId), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/return-policy', tags, summary: 'When an appraisal needs a panel and a decision a manager', responses: { 200: jsonResponse(policyView, 'Policy'), ...errorResponses } }),
    async (c) => c.json(await service.policy(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/return-policy', tags, summary: 'Change the return policy (with the version you read)', request: jsonBody(policyRequest), responses: { 200: jsonResponse(policyView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.setPolicy(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/return-statistics', tags, summary: 'Cases by responsibility, decision and provider; refunds paid', request: { query: statisticsQuery }, responses: { 200: jsonResponse(statisticsView, 'Statistics'), ...errorResponses } }),
    async (c) => c.json(await service.statistics(c.get('caller'), c.req.valid('query')), 200),
  );
  return r;
}
