// English for the access area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  signIn: { title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', customerLink: 'Customer? Sign in with your phone' },
  invitation: {
    title: 'Set your password', intro: 'Your provider gave you a login. Choose a password to finish; the link works once.', password: 'New password',
    passwordHint: 'At least 10 characters, without your username', again: 'The same password again', mismatch: 'The two passwords differ', submit: 'Set password and sign in',
    loginTitle: 'Login', loginIntro: 'Send the technician a one-time link by SMS to set their password. If they have a login, a new link replaces the last.',
    username: 'Username', usernameHint: 'Leave empty for t and their phone number', send: 'Send login invitation by SMS',
    sentNew: 'Login {{username}} made; the invitation is on its way to {{phone}}.', sentAgain: 'A new invitation for {{username}} is on its way to {{phone}}.',
  },
  audit: {
    title: 'Audit log', action: 'Action', actionHint: 'e.g. POST /work-orders/{id}/dispatch or sign_in', subjectKind: 'Subject kind', subjectId: 'Subject id',
    actorKind: 'Who kind', outcome: 'Outcome', from: 'From', to: 'Until', any: 'Any', ok: 'done', refused: 'refused', search: 'Search', none: 'No entries match.',
    count: '{{count}} entries', at: 'When', who: 'Who', subject: 'Subject', address: 'Address',
    actor: { staff: 'Staff', customer: 'Customer', token: 'API token', system: 'System', anonymous: 'Anonymous' },
  },
  users: {
    title: 'Users and API tokens', username: 'Username', name: 'Name', nameEn: 'Name in English', nameEnHint: 'What English readers see; leave empty to show the name as it is', role: 'Role', state: 'State', actions: 'Actions', active: 'active', inactive: 'deactivated',
    locked: 'locked', deactivate: 'Deactivate', unlock: 'Unlock', new: 'New user', password: 'Password', provider: 'Belongs to', headquarters: 'Headquarters', create: 'Create user',
  },
  tokens: {
    title: 'My API tokens', name: 'Token name', hint: 'A read-only token for scripts', create: 'Create token', once: 'Copy it now, it is not shown again:',
    revoke: 'Revoke', revoked: 'revoked',
  },
};
