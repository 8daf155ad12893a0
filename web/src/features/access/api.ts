// The access module's API (staff sign-in, users, API tokens, the audit log): each path and its types declared once.
import type { z } from 'zod';
import { get, post, query, type QueryOf } from '../../shared/api';
import type { Page } from '../../shared/types';
import type {
  acceptInvitationRequest,
  invitationAccepted,
  invitationView,
  inviteTechnicianRequest,
  auditEntryView,
  auditQuery,
  createTokenRequest,
  createUserRequest,
  signInRequest,
  tokenCreated,
  tokenView,
  userListQuery,
  userView,
} from '../../../../src/modules/access/access.contract';

export type User = z.infer<typeof userView>;
export type NewUser = z.input<typeof createUserRequest>;
export type Token = z.infer<typeof tokenView>;
export type TokenCreated = z.infer<typeof tokenCreated>;
export type AuditEntry = z.infer<typeof auditEntryView>;
export type Invitation = z.infer<typeof invitationView>;

export const signIn = (body: z.input<typeof signInRequest>) => post<unknown>('/auth/sign-in', body);
export const listUsers = (q: QueryOf<typeof userListQuery>) => get<Page<User>>(`/users${query(q)}`);
export const addUser = (body: NewUser) => post<User>('/users', body);
export const deactivateUser = (id: string) => post<User>(`/users/${id}/deactivate`);
export const unlockUser = (id: string) => post<User>(`/users/${id}/unlock`);
export const listTokens = () => get<{ items: Token[] }>('/auth/tokens');
export const createToken = (body: z.input<typeof createTokenRequest>) => post<TokenCreated>('/auth/tokens', body);
export const revokeToken = (id: string) => post<Token>(`/auth/tokens/${id}/revoke`);
export const searchAudit = (q: QueryOf<typeof auditQuery>) => get<Page<AuditEntry>>(`/audit${query(q)}`);
export const inviteTechnician = (technicianId: string, q: QueryOf<typeof inviteTechnicianRequest>) => post<Invitation>(`/technicians/${technicianId}/invitation${query(q)}`);
export const acceptInvitation = (body: z.input<typeof acceptInvitationRequest>) => post<z.infer<typeof invitationAccepted>>('/auth/invitation/accept', body);
