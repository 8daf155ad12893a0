// The service-contracts module's API: each path and its types declared once, from the module's contract.
import type { z } from 'zod';
import { get, post } from '../../shared/api';
import type { cancelRequest, contractList, contractView, sellRequest } from '../../../../src/modules/contracts/contracts.contract';

export type Contract = z.infer<typeof contractView>;
export type NewContract = z.input<typeof sellRequest>;
export type Cancellation = z.input<typeof cancelRequest>;

export const unitContracts = (unitId: string) => get<z.infer<typeof contractList>>(`/units/${unitId}/contracts`);
export const sellContract = (unitId: string, body: NewContract) => post<Contract>(`/units/${unitId}/contracts`, body);
export const cancelContract = (id: string, body: Cancellation) => post<Contract>(`/contracts/${id}/cancel`, body);
