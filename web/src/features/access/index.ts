// The access area's pages: staff sign-in, users and API tokens, the audit log. Its client is ./api.
export { StaffSignIn } from './SignIn';
export { UsersPage } from './Users';
export { AuditPage } from './Audit';
export { InvitationPage, TechnicianLogin } from './Invitation';
