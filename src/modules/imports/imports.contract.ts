import { z } from '@hono/zod-openapi';
import { rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { importEntities, importStatuses } from './imports.fields.js';

export const uploadQuery = z.object({
  entity: z.enum(importEntities).openapi({ description: 'what the file holds: customers (phones, an address, consent), units (serials, model, owner, purchase), historical orders, parts (the catalogue, by part number) or prices (items of a price list, into a draft version)' }),
  format: z.enum(['csv', 'xlsx']),
  fileName: z.string().trim().min(1).max(200),
});
export const listQuery = pageQuery;

export const dryRunRequest = z
  .object({
    version: rowVersion,
    mapping: z.record(z.string().max(60), z.string().max(200)).openapi({ description: "field → the file's column; the import's `fields` names the fields, `requiredFields` those required" }),
  })
  .openapi('ImportDryRun');
export const runRequest = z.object({ version: rowVersion }).openapi('ImportRun');

export const importView = z
  .object({
    id: z.string(),
    entity: z.enum(importEntities),
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
