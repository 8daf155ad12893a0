import { z } from '@hono/zod-openapi';
import { isoDateTime, rowVersion, workDay } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { campaignStatuses, channels, consentSources, conversionKinds, holidays, purposes, sendStatuses } from './care.rules.js';

const words = z.object({ zh: z.string(), en: z.string() });
const code = z.string().trim().min(1).max(64);
const codes = z.array(code).max(200);

export const triggerSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('after_install'), days: z.number().int().min(0).max(3650) }),
    z.object({ kind: z.literal('warranty_end'), days: z.number().int().min(0).max(365), part: z.enum(['unit', 'main']).default('unit') }),
    z.object({ kind: z.literal('seasonal'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
    z.object({ kind: z.literal('birthday') }),
    z.object({ kind: z.literal('holiday'), holiday: z.enum(holidays) }),
    z.object({ kind: z.literal('anniversary') }),
    z.object({ kind: z.literal('recall'), modelCodes: z.array(code).min(1).max(200), serialFrom: z.string().trim().min(1).max(64).nullish(), serialTo: z.string().trim().min(1).max(64).nullish(), batch: z.string().trim().min(1).max(64).nullish() }),
    z.object({ kind: z.literal('win_back'), months: z.number().int().min(1).max(120) }),
    z.object({ kind: z.literal('monthly'), dayOfMonth: z.number().int().min(1).max(31) }),
  ])
  .openapi('CareTrigger');

export const audienceSchema = z
  .object({
    tiers: codes.optional(),
    provinces: codes.optional(),
    categories: codes.optional(),
    languages: z.array(z.enum(['zh', 'en'])).max(2).optional(),
    unitAgeMinMonths: z.number().int().min(0).max(1200).nullish(),
    unitAgeMaxMonths: z.number().int().min(0).max(1200).nullish(),
    silentMinMonths: z.number().int().min(1).max(1200).nullish(),
    contactedWithinMonths: z.number().int().min(1).max(1200).nullish(),
  })
  .strict()
  .openapi('CareAudience');

const template = z.object({ zh: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(1000) });

export const campaignRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    purpose: z.enum(purposes),
    trigger: triggerSchema,
    audience: audienceSchema.default({}),
    template: template.openapi({ description: 'variables: {name} {model} {warrantyEnd} {days} {holiday} {link} {unsubscribe}' }),
    channels: z.array(z.enum(channels)).min(1).max(4),
    startsOn: workDay.nullish(),
    endsOn: workDay.nullish(),
    conversionDays: z.number().int().min(1).max(365).default(30),
    linkUrl: z.string().url().max(500).nullish(),
  })
  .openapi('CareCampaignRequest');
export const campaignUpdate = campaignRequest.extend({ version: rowVersion }).openapi('CareCampaignUpdate');
export const statusRequest = z.object({ version: rowVersion, status: z.enum(campaignStatuses) }).openapi('CareCampaignStatus');
export const campaignsQuery = pageQuery.extend({ status: z.enum(campaignStatuses).optional() });
export const dayQuery = z.object({ day: workDay.optional().openapi({ description: "the run's local date; today by default" }) });
export const runRequest = z.object({ day: workDay.openapi({ description: "the run's local date (the occurrences it selects)" }) }).openapi('CareRunRequest');
export const previewRequest = z.object({ template, purpose: z.enum(purposes), trigger: triggerSchema.optional() }).openapi('CarePreviewRequest');

export const campaignView = z
  .object({
    id: z.string(),
    name: z.string(),
    purpose: z.enum(purposes),
    trigger: triggerSchema,
    triggerName: words,
    audience: audienceSchema,
    template,
    channels: z.array(z.enum(channels)),
    status: z.enum(campaignStatuses),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    conversionDays: z.number().int(),
    linkUrl: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('CareCampaign');
export type CampaignView = z.infer<typeof campaignView>;

const sampleItem = z.object({ customerId: z.string(), name: z.string(), tier: z.string(), language: z.string(), province: z.string().nullable(), unitId: z.string().nullable(), model: z.string().nullable(), warrantyEnd: z.string().nullable(), bodyPreview: z.string() });
export const dryRunView = z.object({ day: z.string(), count: z.number().int(), sample: z.array(sampleItem) }).openapi('CareDryRun');
export const runView = z.object({ day: z.string(), campaigns: z.number().int(), selected: z.number().int(), enqueued: z.number().int(), skipped: z.number().int(), duplicates: z.number().int() }).openapi('CareRun');
export const previewView = z.object({ zh: z.string(), en: z.string(), problems: z.array(z.object({ path: z.string(), en: z.string(), zh: z.string() })) }).openapi('CarePreview');

export const reportView = z
  .object({
    campaignId: z.string(),
    name: z.string(),
    selected: z.number().int(),
    byStatus: z.record(z.enum(sendStatuses), z.number().int()),
    byChannel: z.record(z.string(), z.number().int()),
    delivery: z.object({ queued: z.number().int(), sent: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
    clicked: z.number().int(),
    converted: z.number().int(),
    conversions: z.record(z.enum(conversionKinds), z.number().int()),
    conversionRate: z.number().nullable(),
    history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), details: z.record(z.string(), z.unknown()).nullable() })),
  })
  .openapi('CareReport');

export const settingsView = z.object({ capMessages: z.number().int(), capDays: z.number().int(), version: z.number().int().nullable() }).openapi('CareSettings');
export const settingsUpdate = z.object({ version: rowVersion.nullable(), capMessages: z.number().int().min(1).max(100), capDays: z.number().int().min(1).max(365) }).openapi('CareSettingsUpdate');

const consentItem = z.object({ channel: z.enum(channels), purpose: z.enum(purposes), granted: z.boolean(), explicit: z.boolean(), source: z.string().nullable(), evidence: z.string().nullable(), changedAt: z.string().nullable(), changedBy: z.string().nullable() });
export const consentView = z
  .object({
    customerId: z.string(),
    consentToContact: z.boolean(),
    items: z.array(consentItem),
    history: z.array(z.object({ at: z.string(), channel: z.enum(channels), purpose: z.enum(purposes), granted: z.boolean(), source: z.string(), evidence: z.string(), by: z.string() })),
    profile: z.object({ birthdayCalendar: z.enum(['solar', 'lunar']), lunarBirthday: z.object({ month: z.number().int(), day: z.number().int(), leap: z.boolean() }).nullable(), timeZone: z.string().nullable(), wechatOpenId: z.string().nullable(), version: z.number().int().nullable() }),
  })
  .openapi('CareConsents');
export const consentUpdate = z
  .object({
    changes: z.array(z.object({ channel: z.enum(channels), purpose: z.enum(purposes), granted: z.boolean() })).min(1).max(12),
    source: z.enum(consentSources),
    evidence: z.string().trim().min(1).max(2000).openapi({ description: 'what shows it: a signed form number, a call recording reference, the page and time' }),
  })
  .openapi('CareConsentUpdate');
export const profileUpdate = z
  .object({
    version: rowVersion.nullable(),
    birthdayCalendar: z.enum(['solar', 'lunar']),
    timeZone: z.string().trim().min(1).max(64).nullish(),
    wechatOpenId: z.string().trim().min(1).max(128).nullish(),
  })
  .openapi('CareProfileUpdate');

export const conversionRequest = z.object({ customerId: z.string().uuid(), kind: z.enum(conversionKinds), ref: z.string().trim().min(1).max(200), at: isoDateTime.optional() }).openapi('CareConversion');
export const conversionView = z.object({ attributed: z.boolean(), campaignId: z.string().nullable() }).openapi('CareConversionResult');

export const tokenParam = z.object({ token: z.string().min(1).max(2000).openapi({ param: { name: 'token', in: 'path' } }) });
export const unsubscribeView = z.object({ channel: z.enum(channels), purpose: z.enum(purposes), unsubscribed: z.boolean(), message: words }).openapi('CareUnsubscribe');
export const clickQuery = z.object({ json: z.enum(['1']).optional().openapi({ description: 'answer where the link leads as JSON instead of redirecting' }) });
export const clickView = z.object({ url: z.string() }).openapi('CareClick');
export const inboundView = z.object({ stopped: z.number().int() }).openapi('CareInbound');
export const inboundRequest = z.object({ from: z.string().min(3).max(32), text: z.string().max(1000), at: isoDateTime.optional() });

// The customer's own views (the portal): strict, nothing of staff.
export const customerInboxItem = z.strictObject({ id: z.string(), title: z.string(), body: z.string(), createdAt: z.string(), read: z.boolean() });
export const customerInboxView = z.strictObject({ items: z.array(customerInboxItem), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), unread: z.number().int() }).openapi('CareInbox');
export const customerConsentView = z
  .strictObject({ items: z.array(z.strictObject({ channel: z.enum(channels), purpose: z.enum(purposes), granted: z.boolean() })) })
  .openapi('CareCustomerConsents');
export const customerConsentUpdate = z.object({ changes: z.array(z.object({ channel: z.enum(channels), purpose: z.enum(purposes), granted: z.boolean() })).min(1).max(12) }).openapi('CareCustomerConsentUpdate');
export const inboxQuery = pageQuery;
export const customerUnsubscribeView = z.strictObject({ channel: z.enum(channels), purpose: z.enum(purposes), unsubscribed: z.boolean(), message: z.strictObject({ zh: z.string(), en: z.string() }) });
export const customerClickView = z.strictObject({ url: z.string() });
