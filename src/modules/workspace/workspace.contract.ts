import { z } from '@hono/zod-openapi';
import { rowVersion } from '../../http/schemas.js';

const uuid = z.string().uuid();
const words = (max: number) => z.string().trim().min(1, 'must not be empty / 不能为空').max(max);

export const templateRequest = z
  .object({
    categoryId: uuid,
    titleZh: words(80),
    titleEn: words(80),
    symptom: words(2000).openapi({ description: 'the symptom text the template fills in' }),
    faultCode: z.string().trim().min(1).max(40).nullish().openapi({ description: 'a symptom code of the category\u2019s fault tree' }),
  })
  .openapi('SymptomTemplateRequest');

export const templatePatch = z
  .object({
    version: rowVersion,
    titleZh: words(80).optional(),
    titleEn: words(80).optional(),
    symptom: words(2000).optional(),
    faultCode: z.string().trim().min(1).max(40).nullish(),
    active: z.boolean().optional(),
  })
  .openapi('SymptomTemplatePatch');

export const templateQuery = z.object({
  categoryId: uuid.optional(),
  includeArchived: z.enum(['true', 'false']).optional().openapi({ description: 'archived ones too (managers keeping the list)' }),
});

export const templateView = z
  .object({
    id: z.string(),
    categoryId: z.string(),
    categoryCode: z.string(),
    titleZh: z.string(),
    titleEn: z.string(),
    symptom: z.string(),
    faultCode: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('SymptomTemplate');
export type TemplateView = z.infer<typeof templateView>;

export const recentRequest = z.object({ customerId: uuid }).openapi('RecentCustomerRequest');

export const recentCustomerView = z
  .object({ customerId: z.string(), number: z.string(), name: z.string(), openedAt: z.string() })
  .openapi('RecentCustomer');
export type RecentCustomerView = z.infer<typeof recentCustomerView>;

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const queueOrderView = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.string(),
    status: z.string(),
    priority: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    since: z.string(),
    why: z.enum(['intake', 'awaiting_dispatch', 'waiting_for_customer', 'awaiting_confirmation', 'correction_warning']),
    whyText: bilingual,
  })
  .openapi('QueueOrder');

export const queueFollowUpView = z
  .object({ id: z.string(), orderId: z.string(), orderNumber: z.string(), customerName: z.string(), dueAt: z.string(), overdue: z.boolean() })
  .openapi('QueueFollowUp');

export const queueComplaintView = z
  .object({ id: z.string(), customerId: z.string(), customerName: z.string(), severity: z.string(), level: z.string(), text: z.string(), dueAt: z.string().nullable(), overdue: z.boolean() })
  .openapi('QueueComplaint');

export const queueView = z
  .object({ orders: z.array(queueOrderView), followUps: z.array(queueFollowUpView), complaints: z.array(queueComplaintView) })
  .openapi('AgentQueue');
export type QueueView = z.infer<typeof queueView>;
export type QueueOrderView = z.infer<typeof queueOrderView>;
