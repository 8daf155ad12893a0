import { z } from '@hono/zod-openapi';
import { isoDateTime as dateTime, rowVersion } from '../../http/schemas.js';
import { addressSnapshot } from './work-orders.contract.js';

/** The fields of an open order an agent may correct after intake; each one given is changed, the rest stay. */
export const correctionFields = ['contactPhone', 'address', 'wishedWindow', 'symptom', 'unitId'] as const;

export const correctionRequest = z
  .object({
    version: rowVersion.openapi({ description: 'the version you read; a stale one answers 409' }),
    contactPhone: z.string().trim().min(5).max(32).optional(),
    addressId: z.string().uuid().optional().openapi({ description: "one of the customer's addresses" }),
    address: addressSnapshot.omit({ approximate: true }).optional().openapi({ description: 'an address given on the call, instead of addressId' }),
    wishedFrom: dateTime.nullable().optional(),
    wishedTo: dateTime.nullable().optional(),
    symptom: z.string().trim().min(1).max(2000).optional(),
    unitId: z.string().uuid().nullable().optional().openapi({ description: "one of the customer's units, or null for none" }),
    reason: z.string().trim().min(1).max(1000).optional().openapi({ description: 'why, kept on the history row' }),
    redispatch: z.boolean().optional().openapi({ description: "the corrected address is outside the assigned provider's area: send the order back to awaiting dispatch (provider, technician and visit cleared). Without it the order stays and the warning says so" }),
  })
  .refine((b) => !(b.addressId && b.address), { path: ['address'], message: 'give addressId or address, not both' })
  .refine((b) => ['contactPhone', 'addressId', 'address', 'wishedFrom', 'wishedTo', 'symptom', 'unitId'].some((k) => b[k as keyof typeof b] !== undefined) || b.redispatch === true, {
    path: ['version'],
    message: 'nothing to correct: give at least one of contactPhone, addressId, address, wishedFrom, wishedTo, symptom, unitId, or redispatch',
  })
  .openapi('OrderCorrection');
export type CorrectionInput = z.infer<typeof correctionRequest>;
