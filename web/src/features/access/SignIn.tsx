import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { homeOf, useSession } from '../../shared/session';
import { Bare, Field, FormError, useFormErrors } from '../../shared/ui';
import { signIn } from './api';

export function StaffSignIn() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const next = new URLSearchParams(location.search).get('next');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    form.setError(null);
    try {
      await signIn({ username, password });
      const me = await refresh();
      navigate(next?.startsWith('/app') ? next : homeOf(me), { replace: true });
    } catch (err) {
      form.setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Bare>
      <form className="card narrow" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <Field label={t('signIn.username')} error={form.fieldError('username')} required>
          {(p) => <input {...p} autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label={t('signIn.password')} error={form.fieldError('password')} required>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <FormError message={form.formError()} />
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <p className="aside">
          <NavLink to="/my/sign-in">{t('signIn.customerLink')}</NavLink>
        </p>
      </form>
    </Bare>
  );
}
