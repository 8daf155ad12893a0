import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { nameOf, localName } from '../../shared/format';
import type { Role } from '../../shared/types';
import { listProviders } from '../network/api';
import { addUser, deactivateUser, listUsers, unlockUser, type NewUser } from './api';
import { Tokens } from './Tokens';

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
                      <td>{localName(u.displayName, u.displayNameEn)}</td>
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
      <Field label={t('users.nameEn')} hint={t('users.nameEnHint')} error={errors.fieldError('displayNameEn')}>
        {(p) => <input {...p} lang="en" value={user.displayNameEn ?? ''} onChange={(e) => setUser({ ...user, displayNameEn: e.target.value || null })} />}
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
                {nameOf(x)}
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
