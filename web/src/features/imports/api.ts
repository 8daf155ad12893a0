// The imports module's API: upload a file, set its mapping and check it, run it, read its progress and report.
import type { z } from 'zod';
import { api, get, post, query } from '../../shared/api';
import type { importView, problemView } from '../../../../src/modules/imports/imports.contract';
import type { Page } from '../../shared/types';

export type Import = z.infer<typeof importView>;
export type Problem = z.infer<typeof problemView>;

export type ImportEntity = Import['entity'];
export const importEntities: ImportEntity[] = ['customers', 'units', 'orders', 'parts', 'prices'];

export const uploadFile = (file: File, entity: ImportEntity) => {
  const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
  return api<Import>('POST', `/imports${query({ entity, format, fileName: file.name })}`, file.type ? file : new Blob([file], { type: format === 'csv' ? 'text/csv' : 'application/octet-stream' }));
};
export const importOf = (id: string) => get<Import>(`/imports/${id}`);
export const imports = () => get<Page<Import>>(`/imports${query({ limit: 20 })}`);
export const problemsOf = (id: string, offset = 0) => get<Page<Problem>>(`/imports/${id}/problems${query({ limit: 50, offset })}`);
export const dryRun = (id: string, version: number, mapping: Record<string, string>) => post<Import>(`/imports/${id}/dry-run`, { version, mapping });
export const runImport = (id: string, version: number) => post<Import>(`/imports/${id}/run`, { version });
