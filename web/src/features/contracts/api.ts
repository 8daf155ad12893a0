// The service-contracts module's API: each path and its types declared once, from the module's contract.
import type { z } from 'zod';
import { get, post } from '../../shared/api';
import type { cancelRequest, contractList, contractView, customerContractsView, renewRequest, sellRequest } from '../../../../src/modules/contracts/contracts.contract';

export type Contract = z.infer<typeof contractView>;
export type NewContract = z.input<typeof sellRequest>;
export type Cancellation = z.input<typeof cancelRequest>;

export const unitContracts = (unitId: string) => get<z.infer<typeof contractList>>(`/units/${unitId}/contracts`);
export const sellContract = (unitId: string, body: NewContract) => post<Contract>(`/units/${unitId}/contracts`, body);
export const cancelContract = (id: string, body: Cancellation) => post<Contract>(`/contracts/${id}/cancel`, body);

/** The portal: a unit's contracts in the customer's own view (no seller, no history). */
export type MyContract = z.infer<typeof customerContractsView>['items'][number];
export const myUnitContracts = (unitId: string) => get<z.infer<typeof customerContractsView>>(`/units/${unitId}/contracts`);
/** The customer renews their own contract (paid later); the answer is the renewal in their view. */
export const renewMyContract = (id: string, body: z.input<typeof renewRequest>) => post<MyContract>(`/contracts/${id}/renew`, body);
