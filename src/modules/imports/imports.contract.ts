import { z } from '@hono/zod-openapi';
import { rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { customerFields, importStatuses } from './imports.fields.js';

export const uploadQuery = z.object({
  entity: z.enum(['customers']).openapi({ description: 'what the file holds (customers with phones, an address and consent)' }),
  format: z.enum(['csv', 'xlsx']),
  fileName: z.string().trim().min(1).max(200),
});
export const listQuery = pageQuery;

export const dryRunRequest = z
  .object({
    version: rowVersion,
    mapping: z.partialRecord(z.enum(customerFields), z.string().max(200)).openapi({ description: "field → the file's column; externalKey, name and phone1 are required" }),
  })
  .openapi('ImportDryRun');
export const runRequest = z.object({ version: rowVersion }).openapi('ImportRun');

export const importView = z
  .object({
    id: z.string(),
    entity: z.enum(['customers']),
    format: z.enum(['csv', 'xlsx']),
    fileName: z.string(),
    sizeBytes: z.number().int(),
    columns: z.array(z.string()),
    mapping: z.record(z.string(), z.string()),
    fields: z.array(z.string()),
    requiredFields: z.array(z.string()),
    status: z.enum(importStatuses),
    rowsTotal: z.number().int(),
    rowsValid: z.number().int(),
    rowsInvalid: z.number().int(),
    rowsDone: z.number().int().openapi({ description: 'the checkpoint: rows read so far by the run' }),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    error: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Import');
export type ImportView = z.infer<typeof importView>;

export const problemView = z.object({ row: z.number().int(), column: z.string(), reason: z.object({ en: z.string(), zh: z.string() }) }).openapi('ImportProblem');
