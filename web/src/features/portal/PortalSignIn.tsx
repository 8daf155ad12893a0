import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { useSession } from '../../shared/session';
import { Bare, Field, FormError, useFormErrors } from '../../shared/ui';
import { portalSignIn, sendPortalCode } from './api';

/** Customers sign in with their phone and a one-time code sent to it by SMS. */
export function PortalSignIn() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.setError(null);
    try {
      if (!sent) {
        await sendPortalCode({ phone });
        setSent(true);
      } else {
        await portalSignIn({ phone, code });
        await refresh();
        navigate('/my', { replace: true });
      }
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Bare>
      <form className="card narrow" onSubmit={submit} aria-labelledby="portal-sign-in-title" noValidate>
        <h1 id="portal-sign-in-title">{t('portal.signIn')}</h1>
        <p>{t('portal.signInIntro')}</p>
        <Field label={t('portal.phone')} error={errors.fieldError('phone')} required>
          {(p) => <input {...p} type="tel" autoComplete="tel" autoFocus inputMode="tel" value={phone} readOnly={sent} onChange={(e) => setPhone(e.target.value)} />}
        </Field>
        {sent && (
          <>
            <p role="status">{t('portal.codeSent')}</p>
            <Field label={t('portal.code')} error={errors.fieldError('code')} required>
              {(p) => <input {...p} autoComplete="one-time-code" inputMode="numeric" autoFocus value={code} onChange={(e) => setCode(e.target.value)} />}
            </Field>
          </>
        )}
        <FormError message={errors.formError()} />
        <button type="submit" className="primary" disabled={busy}>
          {sent ? t('portal.signInSubmit') : t('portal.sendCode')}
        </button>
        {sent && (
          <button type="button" className="link" onClick={() => { setSent(false); setCode(''); }}>
            {t('portal.otherPhone')}
          </button>
        )}
        <p className="aside">
          <NavLink to="/sign-in">{t('portal.staffLink')}</NavLink>
        </p>
      </form>
    </Bare>
  );
}
