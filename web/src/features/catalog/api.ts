// The catalogue module's API: each path and its types declared once, from the module's contract.
import type { z } from 'zod';
import { get, query, type QueryOf } from '../../shared/api';
import type { Page } from '../../shared/types';
import type { categoryView, faultNode, modelListQuery, modelView } from '../../../../src/modules/catalog/catalog.contract';

export type Category = z.infer<typeof categoryView>;
export type Model = z.infer<typeof modelView>;
export type FaultNode = z.infer<typeof faultNode>;

export const listCategories = () => get<{ items: Category[] }>('/catalog/categories');
export const listFaultCodes = (categoryId: string) => get<{ items: FaultNode[] }>(`/catalog/categories/${categoryId}/fault-codes`);
export const listModels = (q: QueryOf<typeof modelListQuery>) => get<Page<Model>>(`/catalog/models${query(q)}`);
