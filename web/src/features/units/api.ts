// The units module's API: each path and its types declared once, from the module's contract.
import type { z } from 'zod';
import { get, post, query, type QueryOf } from '../../shared/api';
import type { Page } from '../../shared/types';
import type { createUnitRequest, sanbaoRequest, sanbaoView, unitDetailView, unitListQuery, unitView } from '../../../../src/modules/units/units.contract';

export type Unit = z.infer<typeof unitView>;
export type UnitDetail = z.infer<typeof unitDetailView>;
export type NewUnit = z.input<typeof createUnitRequest>;
export type SanbaoQuestion = z.input<typeof sanbaoRequest>;
export type SanbaoAnswer = z.infer<typeof sanbaoView>;

export const listUnits = (q: QueryOf<typeof unitListQuery>) => get<Page<Unit>>(`/units${query(q)}`);
export const getUnit = (id: string) => get<UnitDetail>(`/units/${id}`);
export const registerUnit = (body: NewUnit) => post<Unit>('/units', body);
export const askSanbao = (unitId: string, body: SanbaoQuestion) => post<SanbaoAnswer>(`/units/${unitId}/sanbao`, body);
