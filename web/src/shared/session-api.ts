// Who is signed in, and signing out: the session's own calls (sign-in forms live with their features).
import type { z } from 'zod';
import { get, post } from './api';
import type { meResponse } from '../../../src/modules/access/access.contract';

export type Me = z.infer<typeof meResponse>;

export const getMe = () => get<Me>('/auth/me');
export const endSession = () => post<void>('/auth/sign-out');
