import { z } from '@hono/zod-openapi';
import { isoDate, isoDateTime as dateTime, rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { isTimeZone } from '../../shared/zoned.js';
import { technicianStatuses } from './network.tables.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
const skill = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'letters, digits, _ . -');
const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const serviceArea = z.object({
  regions: z.array(z.object({ province: z.string().trim().min(1).max(40), city: z.string().trim().min(1).max(40).nullish(), district: z.string().trim().min(1).max(40).nullish() })).max(500).default([]),
  postalCodes: z.array(z.string().trim().regex(/^[0-9A-Za-z -]{3,10}$/, 'a postal code')).max(2000).default([]),
  polygons: z.array(z.array(lngLat).min(3).max(2000)).max(50).default([]).openapi({ description: 'rings of [lng, lat]' }),
});

const providerFields = {
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100).nullish().openapi({ description: 'the English name, shown to English readers; none: the name as it is' }),
  kind: z.enum(['branch', 'contractor', 'agent']),
  contactName: z.string().trim().min(1).max(60),
  contactPhone: z.string().trim().min(5).max(32),
  contactEmail: z.string().trim().email().max(200).nullish(),
  address: z.string().trim().max(300).nullish(),
  contractFrom: isoDate.nullish(),
  contractTo: isoDate.nullish(),
  categoryIds: z.array(z.string().uuid()).max(200),
  serviceArea,
  capacity: z.number().int().min(1).max(100_000),
  timeZone: z.string().refine(isTimeZone, 'not a known time zone'),
  active: z.boolean(),
};
const contractOrder = (p: { contractFrom?: string | null; contractTo?: string | null }) => !(p.contractFrom && p.contractTo) || p.contractFrom <= p.contractTo;

export const createProviderRequest = z
  .object({
    code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, 'letters, digits, _ -'),
    ...providerFields,
    categoryIds: providerFields.categoryIds.default([]),
    serviceArea: serviceArea.default({ regions: [], postalCodes: [], polygons: [] }),
    capacity: providerFields.capacity.default(50),
    timeZone: providerFields.timeZone.default('Asia/Shanghai'),
    active: providerFields.active.default(true),
  })
  .refine(contractOrder, { path: ['contractTo'], message: 'must not be before contractFrom' })
  .openapi('CreateProvider');
export const updateProviderRequest = z
  .object({ version: rowVersion, ...Object.fromEntries(Object.entries(providerFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof providerFields]: z.ZodOptional<(typeof providerFields)[K]> } })
  .refine(contractOrder, { path: ['contractTo'], message: 'must not be before contractFrom' })
  .openapi('UpdateProvider');

/** What a provider's own technicians may read of it: who they work for, no contract, area or capacity. */
export const providerNameView = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() }).openapi('ProviderName');

export const providerView = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    kind: z.string(),
    contactName: z.string(),
    contactPhone: z.string(),
    contactEmail: z.string().nullable(),
    address: z.string().nullable(),
    active: z.boolean(),
    contractFrom: z.string().nullable(),
    contractTo: z.string().nullable(),
    categoryIds: z.array(z.string()),
    serviceArea,
    capacity: z.number().int(),
    timeZone: z.string(),
    version: z.number().int(),
  })
  .openapi('Provider');

export const shift = z.object({ weekday: z.number().int().min(1).max(7).openapi({ description: '1 = Monday … 7 = Sunday' }), start: clock, end: clock });
const technicianFields = {
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(60).nullish().openapi({ description: 'the name English readers see (pinyin); none: the name as it is' }),
  phone: z.string().trim().min(5).max(32),
  status: z.enum(technicianStatuses),
  skills: z.array(skill).max(50),
  homeAddress: z.string().trim().max(300).nullish(),
  homeLat: z.number().min(-90).max(90).nullish(),
  homeLng: z.number().min(-180).max(180).nullish(),
  shifts: z.array(shift).max(30),
  maxJobsPerDay: z.number().int().min(1).max(50),
};
const homeBoth = (t: { homeLat?: number | null; homeLng?: number | null }) => (t.homeLat == null) === (t.homeLng == null);

export const createTechnicianRequest = z
  .object({
    providerId: z.string().uuid(),
    ...technicianFields,
    status: technicianFields.status.default('active'),
    skills: technicianFields.skills.default([]),
    shifts: technicianFields.shifts.default([]),
    maxJobsPerDay: technicianFields.maxJobsPerDay.default(8),
  })
  .refine(homeBoth, { path: ['homeLng'], message: 'give homeLat and homeLng together' })
  .openapi('CreateTechnician');
export const updateTechnicianRequest = z
  .object({ version: rowVersion, ...Object.fromEntries(Object.entries(technicianFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof technicianFields]: z.ZodOptional<(typeof technicianFields)[K]> } })
  .refine((t) => (t.homeLat === undefined) === (t.homeLng === undefined) && homeBoth(t), { path: ['homeLng'], message: 'give homeLat and homeLng together' })
  .openapi('UpdateTechnician');

export const technicianView = z
  .object({
    id: z.string(),
    providerId: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    phone: z.string(),
    status: z.enum(technicianStatuses),
    skills: z.array(z.string()),
    homeAddress: z.string().nullable(),
    homeLat: z.number().nullable(),
    homeLng: z.number().nullable(),
    shifts: z.array(shift),
    maxJobsPerDay: z.number().int(),
    version: z.number().int(),
  })
  .openapi('Technician');
export const technicianListQuery = pageQuery.extend({ providerId: z.string().uuid().optional(), status: z.enum(technicianStatuses).optional() });

export const absenceRequest = z
  .object({ from: dateTime, to: dateTime, reason: z.string().trim().min(1).max(500) })
  .refine((a) => Date.parse(a.from) < Date.parse(a.to), { path: ['to'], message: 'must be after from' })
  .openapi('Absence');
export const absenceView = z.object({ id: z.string(), technicianId: z.string(), from: z.string(), to: z.string(), reason: z.string(), createdBy: z.string() }).openapi('AbsenceView');
export const absenceListQuery = z.object({ from: dateTime.optional(), to: dateTime.optional() });
