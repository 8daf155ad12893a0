// The customer portal's sign-in (the access module's portal routes); the portal's pages use the other
// features' clients for customers, units and orders.
import type { z } from 'zod';
import { post } from '../../shared/api';
import type { portalCodeRequest, portalCodeResponse, portalSession, portalSignInRequest } from '../../../../src/modules/access/access.contract';

export const sendPortalCode = (body: z.input<typeof portalCodeRequest>) => post<z.infer<typeof portalCodeResponse>>('/portal/code', body);
export const portalSignIn = (body: z.input<typeof portalSignInRequest>) => post<z.infer<typeof portalSession>>('/portal/sign-in', body);
