// The network module's API (providers, technicians, absences): each path and its types declared once.
import type { z } from 'zod';
import { get, patch, post, query, type QueryOf } from '../../shared/api';
import type { Page } from '../../shared/types';
import type {
  absenceRequest,
  absenceView,
  createTechnicianRequest,
  providerView,
  shift,
  technicianListQuery,
  technicianView,
  updateTechnicianRequest,
} from '../../../../src/modules/network/network.contract';

export type Provider = z.infer<typeof providerView>;
export type Technician = z.infer<typeof technicianView>;
export type Shift = z.infer<typeof shift>;
export type Absence = z.infer<typeof absenceView>;
export type NewTechnician = z.input<typeof createTechnicianRequest>;
export type TechnicianChange = z.input<typeof updateTechnicianRequest>;
export type NewAbsence = z.input<typeof absenceRequest>;

export const listProviders = () => get<{ items: Provider[] }>('/providers');
export const getProvider = (id: string) => get<Provider>(`/providers/${id}`);
/** A provider's public name: whoever reads the network, and the provider's own technicians. */
export const getProviderName = (id: string) => get<{ id: string; code: string; name: string }>(`/providers/${id}/name`);
export const listTechnicians = (q: QueryOf<typeof technicianListQuery>) => get<Page<Technician>>(`/technicians${query(q)}`);
export const getTechnician = (id: string) => get<Technician>(`/technicians/${id}`);
export const addTechnician = (body: NewTechnician) => post<Technician>('/technicians', body);
export const changeTechnician = (id: string, body: TechnicianChange) => patch<Technician>(`/technicians/${id}`, body);
export const listAbsences = (technicianId: string) => get<{ items: Absence[] }>(`/technicians/${technicianId}/absences`);
export const recordAbsence = (technicianId: string, body: NewAbsence) => post<Absence>(`/technicians/${technicianId}/absences`, body);
