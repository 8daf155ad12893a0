// The customers module's API: each path and its types declared once, from the module's contract.
import type { z } from 'zod';
import { get, query, type QueryOf } from '../../shared/api';
import type { Page } from '../../shared/types';
import type { customerSearchQuery, customerView, tierView } from '../../../../src/modules/customers/customers.contract';

export type Customer = z.infer<typeof customerView>;
export type CustomerTier = z.infer<typeof tierView>;

export const searchCustomers = (q: QueryOf<typeof customerSearchQuery>) => get<Page<Customer>>(`/customers${query(q)}`);
export const getCustomer = (id: string) => get<Customer>(`/customers/${id}`);
export const listTiers = () => get<{ items: CustomerTier[] }>('/customer-tiers');
