import { z } from '@hono/zod-openapi';
import { isoDate, rowVersion } from '../../http/schemas.js';
import { pageQuery, sortQuery } from '../../shared/paging.js';

export const phoneInput = z.object({
  phone: z.string().trim().min(5).max(32),
  label: z.enum(['mobile', 'home', 'work', 'other']).default('mobile'),
  isPrimary: z.boolean().default(false),
});

export const addressInput = z.object({
  label: z.string().trim().min(1).max(40).default('home'),
  province: z.string().trim().min(1).max(40),
  city: z.string().trim().min(1).max(40),
  district: z.string().trim().min(1).max(40),
  street: z.string().trim().min(1).max(200),
  postalCode: z.string().trim().regex(/^[0-9A-Za-z -]{3,10}$/, 'not a postal code').nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  approximate: z.boolean().optional().openapi({ description: 'the coordinates are an estimate, not the door (as the address record said when read)' }),
  placedBy: z.enum(['geocoder', 'postal_code', 'district']).nullish().openapi({ description: 'who placed the coordinates, as the address record said when read' }),
  isDefault: z.boolean().default(false),
});

const customerFields = {
  kind: z.enum(['person', 'company']),
  name: z.string().trim().min(1).max(100),
  tier: z.string().trim().min(1).max(40),
  birthday: isoDate.nullish(),
  preferredLanguage: z.enum(['zh', 'en']),
  preferredChannel: z.enum(['phone', 'sms', 'wechat', 'email']),
  consentToContact: z.boolean(),
  email: z.string().trim().email().max(200).nullish(),
  notes: z.string().max(2000).nullish(),
};

export const createCustomerRequest = z
  .object({
    ...customerFields,
    kind: customerFields.kind.default('person'),
    tier: customerFields.tier.default('ordinary'),
    preferredLanguage: customerFields.preferredLanguage.default('zh'),
    preferredChannel: customerFields.preferredChannel.default('sms'),
    consentToContact: customerFields.consentToContact.default(false),
    phones: z.array(phoneInput).min(1).max(10),
    addresses: z.array(addressInput).max(20).default([]),
    /** Set after the agent has seen the duplicate warning and still wants a new customer. */
    allowDuplicatePhone: z.boolean().default(false),
  })
  .openapi('CreateCustomer');

export const updateCustomerRequest = z
  .object({
    version: rowVersion,
    ...Object.fromEntries(Object.entries(customerFields).map(([k, v]) => [k, v.optional()])),
    phones: z.array(phoneInput).min(1).max(10).optional(),
    addresses: z.array(addressInput).max(20).optional(),
  })
  .openapi('UpdateCustomer') as z.ZodType<UpdateCustomerInput>;

export type UpdateCustomerInput = {
  version: number;
  kind?: 'person' | 'company';
  name?: string;
  tier?: string;
  birthday?: string | null;
  preferredLanguage?: 'zh' | 'en';
  preferredChannel?: 'phone' | 'sms' | 'wechat' | 'email';
  consentToContact?: boolean;
  email?: string | null;
  notes?: string | null;
  phones?: z.infer<typeof phoneInput>[];
  addresses?: z.infer<typeof addressInput>[];
};

export const phoneView = z.object({ id: z.string(), phone: z.string(), label: z.string(), isPrimary: z.boolean() });
export const addressView = addressInput.extend({
  id: z.string(),
  postalCode: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  approximate: z.boolean().openapi({ description: "the coordinates are an estimate (a district's or postal code's centre, or a coarse geocoder answer)" }),
  placedBy: z.enum(['geocoder', 'postal_code', 'district']).nullable().openapi({ description: 'null: given with the address; otherwise who placed it' }),
});

export const customerView = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(['person', 'company']),
    name: z.string(),
    tier: z.string(),
    birthday: z.string().nullable(),
    preferredLanguage: z.enum(['zh', 'en']),
    preferredChannel: z.enum(['phone', 'sms', 'wechat', 'email']),
    consentToContact: z.boolean(),
    consentChangedAt: z.string().nullable(),
    email: z.string().nullable(),
    notes: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    phones: z.array(phoneView),
    addresses: z.array(addressView),
  })
  .openapi('Customer');
export type CustomerView = z.infer<typeof customerView>;

export const customerSortFields = ['name', 'number', 'createdAt', 'tier'] as const;
export const customerSearchQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'phone, name, customer number or serial number' }),
  phone: z.string().trim().min(3).max(32).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  serial: z.string().trim().min(1).max(64).optional(),
  tier: z.string().trim().min(1).max(40).optional(),
  sort: sortQuery(customerSortFields, '-createdAt'),
});
export type CustomerSearch = z.infer<typeof customerSearchQuery>;

export const tierView = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), rank: z.number().int() }).openapi('CustomerTier');
export const createTierRequest = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase letters, digits and _'),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(40),
  rank: z.number().int().min(0).max(1000),
});

export const duplicateMatch = z.object({ customerId: z.string(), number: z.string(), name: z.string(), phone: z.string() });

// A customer reading their own record: their contact details, not the desk's notes or tier.
export const customerSelfView = z
  .strictObject({
    id: z.string(),
    number: z.string(),
    kind: z.enum(['person', 'company']),
    name: z.string(),
    birthday: z.string().nullable(),
    preferredLanguage: z.enum(['zh', 'en']),
    preferredChannel: z.enum(['phone', 'sms', 'wechat', 'email']),
    consentToContact: z.boolean(),
    email: z.string().nullable(),
    phones: z.array(z.strictObject({ id: z.string(), phone: z.string(), label: z.string(), isPrimary: z.boolean() })),
    addresses: z.array(
      z.strictObject({ id: z.string(), label: z.string(), province: z.string(), city: z.string(), district: z.string(), street: z.string(), postalCode: z.string().nullable(), isDefault: z.boolean() }),
    ),
  })
  .openapi('CustomerSelf');
export function toCustomerSelf(c: CustomerView): z.infer<typeof customerSelfView> {
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    name: c.name,
    birthday: c.birthday,
    preferredLanguage: c.preferredLanguage,
    preferredChannel: c.preferredChannel,
    consentToContact: c.consentToContact,
    email: c.email,
    phones: c.phones.map((p) => ({ id: p.id, phone: p.phone, label: p.label, isPrimary: p.isPrimary })),
    addresses: c.addresses.map((a) => ({ id: a.id, label: a.label, province: a.province, city: a.city, district: a.district, street: a.street, postalCode: a.postalCode, isDefault: a.isDefault })),
  };
}

/** The export: the list's filters (no paging: every match) and the file's format. */
export const customerExportQuery = customerSearchQuery.omit({ limit: true, offset: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

/** The export's columns, also what an import of customers maps by default (one address: the default one; up to three phones). */
export const customerExportColumns = ['number', 'name', 'kind', 'tier', 'preferredLanguage', 'preferredChannel', 'consentToContact', 'email', 'birthday', 'notes', 'phone1', 'phone2', 'phone3', 'province', 'city', 'district', 'street', 'postalCode', 'lat', 'lng'] as const;
export type CustomerExportColumn = (typeof customerExportColumns)[number];
