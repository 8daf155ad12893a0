// The customer portal's pages. Its client (sign-in) is ./api; for the rest it calls the other features' clients.
export { PortalSignIn } from './PortalSignIn';
export { PortalHome } from './PortalHome';
export { PortalOrder } from './PortalOrder';
