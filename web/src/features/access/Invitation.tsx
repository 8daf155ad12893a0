import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { homeOf, useSession } from '../../shared/session';
import { Bare, Field, FormError, useFormErrors } from '../../shared/ui';
import { acceptInvitation, inviteTechnician, signIn, type Invitation } from './api';

/** A technician's first sign-in: the link from the invitation SMS sets their password once, then signs them in. */
export function InvitationPage() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const navigate = useNavigate();
  // The token is in the fragment, which the browser never sends to the server.
  const token = useLocation().hash.replace(/^#/, '');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setError(null);
    setMismatch(password !== again);
    if (password !== again) return;
    setBusy(true);
    try {
      const { username } = await acceptInvitation({ token, password });
      await signIn({ username, password });
      navigate(homeOf(await refresh()), { replace: true });
    } catch (err) {
      form.setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Bare>
      <form className="card narrow" onSubmit={submit} aria-labelledby="invitation-title" noValidate>
        <h1 id="invitation-title">{t('invitation.title')}</h1>
        <p>{t('invitation.intro')}</p>
        <Field label={t('invitation.password')} error={form.fieldError('password')} hint={t('invitation.passwordHint')} required>
          {(p) => <input {...p} type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <Field label={t('invitation.again')} error={mismatch ? t('invitation.mismatch') : undefined} required>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />}
        </Field>
        <FormError message={form.formError()} />
        <button type="submit" className="primary" disabled={busy || !token}>
          {t('invitation.submit')}
        </button>
      </form>
    </Bare>
  );
}

/** On a technician's page, for their provider's admin: a login by SMS invitation (a new one replaces the last). */
export function TechnicianLogin({ technicianId }: { technicianId: string }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [sent, setSent] = useState<Invitation | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    form.setError(null);
    try {
      setSent(await inviteTechnician(technicianId, username.trim() ? { username: username.trim() } : {}));
    } catch (err) {
      form.setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="login-title" noValidate>
      <h2 id="login-title">{t('invitation.loginTitle')}</h2>
      <p className="muted">{t('invitation.loginIntro')}</p>
      <Field label={t('invitation.username')} error={form.fieldError('username')} hint={t('invitation.usernameHint')}>
        {(p) => <input {...p} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />}
      </Field>
      <FormError message={form.formError()} />
      {sent && (
        <p role="status">
          {t(sent.created ? 'invitation.sentNew' : 'invitation.sentAgain', { username: sent.username, phone: sent.sentTo })}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('invitation.send')}
      </button>
    </form>
  );
}
