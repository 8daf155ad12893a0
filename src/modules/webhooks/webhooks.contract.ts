import { z } from '@hono/zod-openapi';
import { rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { deliveryStatuses, eventTypes } from './webhooks.events.js';

const eventType = z.enum(eventTypes);
// An endpoint is called from the server: http(s) only, no credentials in the address.
const endpointUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u) && !/^https?:\/\/[^/]*@/i.test(u), 'must be an http(s) address without credentials / 须为不含凭据的 http(s) 地址');

export const endpointCreate = z
  .object({
    url: endpointUrl,
    description: z.string().trim().max(500).default(''),
    eventTypes: z.array(eventType).min(1).max(eventTypes.length),
    contactEmail: z.string().trim().email().max(320).openapi({ description: 'told by email when the endpoint is disabled after days of failures' }),
  })
  .openapi('WebhookEndpointCreate');

export const endpointUpdate = z
  .object({ version: rowVersion, url: endpointUrl.optional(), description: z.string().trim().max(500).optional(), eventTypes: z.array(eventType).min(1).max(eventTypes.length).optional(), contactEmail: z.string().trim().email().max(320).optional(), enabled: z.boolean().optional() })
  .openapi('WebhookEndpointUpdate');

export const versionBody = z.object({ version: rowVersion }).openapi('WebhookVersion');

export const endpointView = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(eventType),
    contactEmail: z.string(),
    status: z.enum(['active', 'disabled']),
    failingSince: z.string().nullable(),
    disabledAt: z.string().nullable(),
    previousSecretUntil: z.string().nullable().openapi({ description: 'after a rotation, until when the old secret still signs' }),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('WebhookEndpoint');

/** The secret is shown once: when the endpoint is made and when it is rotated. */
export const endpointWithSecret = endpointView.extend({ secret: z.string().openapi({ description: 'whsec_…: verify webhook-signature with it (Standard Webhooks)' }) }).openapi('WebhookEndpointWithSecret');

export const deliveriesQuery = pageQuery;

export const attemptView = z.object({ at: z.string(), action: z.enum(['attempt', 'replay', 'gave_up']), statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number().int().nullable(), actor: z.string() });
export const deliveryView = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: eventType,
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    log: z.array(attemptView),
  })
  .openapi('WebhookDelivery');

export const deliveryParams = z.object({
  id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }),
  deliveryId: z.string().uuid().openapi({ param: { name: 'deliveryId', in: 'path' } }),
});

// The payloads, as the receiver gets them (the body of the POST; `type` names the event).
const orderGist = z.object({ id: z.string(), number: z.string(), kind: z.string(), status: z.string(), providerId: z.string().nullable(), externalRef: z.string().nullable() });
export const orderCreatedPayload = z.object({ type: z.literal('order.created'), timestamp: z.string(), data: orderGist }).openapi('WebhookOrderCreated');
export const orderStatusChangedPayload = z
  .object({ type: z.literal('order.status_changed'), timestamp: z.string(), data: orderGist.extend({ fromStatus: z.string(), action: z.string() }) })
  .openapi('WebhookOrderStatusChanged');
export const promiseBrokenPayload = z
  .object({
    type: z.literal('promise.broken'),
    timestamp: z.string(),
    data: z.object({ orderId: z.string(), orderNumber: z.string(), milestone: z.string(), cycle: z.number().int(), dueAt: z.string(), escalatedTo: z.string().openapi({ description: 'the role the breach was escalated to' }) }),
  })
  .openapi('WebhookPromiseBroken');
export const complaintEscalatedPayload = z
  .object({
    type: z.literal('complaint.escalated'),
    timestamp: z.string(),
    data: z.object({
      id: z.string(),
      fromLevel: z.string(),
      toLevel: z.string(),
      cause: z.string().openapi({ description: 'breach (its clock ran out), customer_request, severity, …' }),
      severity: z.string(),
      category: z.string(),
      status: z.string(),
      orderIds: z.array(z.string()),
      providerIds: z.array(z.string()),
      dueAt: z.string().nullable(),
    }),
  })
  .openapi('WebhookComplaintEscalated');
export const statementApprovedPayload = z
  .object({
    type: z.literal('statement.approved'),
    timestamp: z.string(),
    data: z.object({
      id: z.string(),
      providerId: z.string(),
      period: z.string(),
      periodFrom: z.string(),
      periodTo: z.string(),
      total: z.object({ amountFen: z.number().int(), currency: z.string() }).openapi({ description: 'integer fen with its currency' }),
      orderCount: z.number().int(),
      approvedAt: z.string().nullable(),
    }),
  })
  .openapi('WebhookStatementApproved');
export const payloadSchemas = {
  'order.created': orderCreatedPayload,
  'order.status_changed': orderStatusChangedPayload,
  'promise.broken': promiseBrokenPayload,
  'complaint.escalated': complaintEscalatedPayload,
  'statement.approved': statementApprovedPayload,
} as const;
