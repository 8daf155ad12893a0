import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import type { Role } from '../../shared/types';
import { listProviders } from '../network/api';
import { addUser, createToken, deactivateUser, listTokens, listUsers, revokeToken, unlockUser, type NewUser, type TokenCreated } from './api';

const roles: Role[] = ['agent', 'dispatcher', 'technician', 'provider_admin', 'follow_up', 'manager', 'admin'];

/** Administrators: users (add, deactivate, unlock) and their own API tokens. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useLoad(() => listUsers({ limit: 200 }), []);
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <div className="grid2">
        <Async state={users}>
          {(page) => (
            <div className="card table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('users.username')}</th>
                    <th scope="col">{t('users.name')}</th>
                    <th scope="col">{t('users.role')}</th>
                    <th scope="col">{t('users.state')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('users.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((u) => (
                    <tr key={u.id}>
                      <td>{u.username}</td>
                      <td>{u.displayName}</td>
                      <td>{t(`role.${u.role}`)}</td>
                      <td>{!u.active ? t('users.inactive') : u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? t('users.locked') : t('users.active')}</td>
                      <td>
                        {u.active && (
                          <button type="button" onClick={async () => { await deactivateUser(u.id); users.reload(); }}>
                            {t('users.deactivate')}
                          </button>
                        )}
                        {u.lockedUntil && (
                          <button type="button" onClick={async () => { await unlockUser(u.id); users.reload(); }}>
                            {t('users.unlock')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
        <NewUserForm onMade={users.reload} />
      </div>
      <Tokens />
    </section>
  );
}

function NewUserForm({ onMade }: { onMade: () => void }) {
  const { t } = useTranslation();
  const providers = useLoad(() => listProviders().then((r) => r.items), []);
  const blank: NewUser = { username: '', displayName: '', password: '', role: 'agent', providerId: null };
  const [user, setUser] = useState<NewUser>(blank);
  const errors = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      await addUser({ ...user, providerId: user.providerId || null });
      setUser(blank);
      onMade();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.new')}</h2>
      <Field label={t('users.username')} error={errors.fieldError('username')} required>
        {(p) => <input {...p} autoComplete="off" value={user.username} onChange={(e) => setUser({ ...user, username: e.target.value })} />}
      </Field>
      <Field label={t('users.name')} error={errors.fieldError('displayName')} required>
        {(p) => <input {...p} value={user.displayName} onChange={(e) => setUser({ ...user, displayName: e.target.value })} />}
      </Field>
      <Field label={t('users.password')} error={errors.fieldError('password')} required>
        {(p) => <input {...p} type="password" autoComplete="new-password" value={user.password} onChange={(e) => setUser({ ...user, password: e.target.value })} />}
      </Field>
      <Field label={t('users.role')} error={errors.fieldError('role')}>
        {(p) => (
          <select {...p} value={user.role} onChange={(e) => setUser({ ...user, role: e.target.value as Role })}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('users.provider')} error={errors.fieldError('providerId')}>
        {(p) => (
          <select {...p} value={user.providerId ?? ''} onChange={(e) => setUser({ ...user, providerId: e.target.value || null })}>
            <option value="">{t('users.headquarters')}</option>
            {providers.data?.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError message={errors.formError()} />
      <button type="submit" className="primary">
        {t('users.create')}
      </button>
    </form>
  );
}

function Tokens() {
  const { t } = useTranslation();
  const tokens = useLoad(() => listTokens().then((r) => r.items), []);
  const [name, setName] = useState('');
  const [made, setMade] = useState<TokenCreated | null>(null);
  const errors = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      // A read-only token by default: the least a script needs to look things up.
      setMade(await createToken({ name, permissions: ['customers.read', 'units.read', 'orders.read'] }));
      setName('');
      tokens.reload();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('tokens.title')}</h2>
      <form className="inline" onSubmit={submit} noValidate>
        <Field label={t('tokens.name')} error={errors.fieldError('name')} hint={t('tokens.hint')}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit">{t('tokens.create')}</button>
      </form>
      <FormError message={errors.formError()} />
      {made && (
        <p className="answer" role="status">
          {t('tokens.once')} <code>{made.token}</code>
        </p>
      )}
      <Async state={tokens}>
        {(items) => (
          <ul className="plain">
            {items.map((k) => (
              <li key={k.id}>
                <strong>{k.name}</strong> · {k.permissions.join(', ')} · {dateTime(k.createdAt)}{' '}
                {k.revokedAt ? (
                  <span className="muted">{t('tokens.revoked')}</span>
                ) : (
                  <button type="button" onClick={async () => { await revokeToken(k.id); tokens.reload(); }}>
                    {t('tokens.revoke')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Async>
    </section>
  );
}
