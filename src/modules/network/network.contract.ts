import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../shared/paging.js';

export const createProviderRequest = z
  .object({
    code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, 'letters, digits, _ -'),
    name: z.string().trim().min(1).max(100),
    kind: z.enum(['branch', 'contractor', 'agent']),
    contactName: z.string().trim().min(1).max(60),
    contactPhone: z.string().trim().min(5).max(32),
  })
  .openapi('CreateProvider');
export const providerView = z
  .object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string(), contactName: z.string(), contactPhone: z.string(), active: z.boolean() })
  .openapi('Provider');

export const createTechnicianRequest = z
  .object({ providerId: z.string().uuid(), name: z.string().trim().min(1).max(60), phone: z.string().trim().min(5).max(32) })
  .openapi('CreateTechnician');
export const technicianView = z.object({ id: z.string(), providerId: z.string(), name: z.string(), phone: z.string(), active: z.boolean() }).openapi('Technician');
export const technicianListQuery = pageQuery.extend({ providerId: z.string().uuid().optional() });
