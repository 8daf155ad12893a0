import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import { createToken, listTokens, revokeToken, type TokenCreated } from './api';

/** API tokens: made (the token shown once), listed, revoked. */
export function Tokens() {
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
