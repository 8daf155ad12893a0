import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { useSubmit } from '../../shared/submit';
import { deliveries, endpoints, replay, rotateSecret, setEnabled, subscribe, type Endpoint } from './api';

/** Webhook subscriptions: add an endpoint (its secret shown once), enable or disable it, rotate its secret, read its delivery log and replay. */
export function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const state = useLoad(() => endpoints(), []);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <article aria-labelledby="webhooks-title">
      <header className="page-head">
        <h1 id="webhooks-title">{t('webhooks.title')}</h1>
      </header>
      <p className="muted">{t('webhooks.intro')}</p>
      {secret && (
        <p role="status">
          {t('webhooks.secretOnce')} <code>{secret}</code>
        </p>
      )}
      <Async state={state}>
        {(r) => (
          <>
            <NewEndpoint types={r.eventTypes.map((e) => ({ type: e.type, name: e[lang] }))} onDone={(s) => { setSecret(s); state.reload(); }} />
            {r.items.length === 0 ? (
              <Empty>{t('webhooks.none')}</Empty>
            ) : (
              r.items.map((e) => <EndpointRow key={`${e.id}-${e.version}`} endpoint={e} open={open === e.id} onOpen={() => setOpen(open === e.id ? null : e.id)} onSecret={setSecret} onDone={state.reload} />)
            )}
          </>
        )}
      </Async>
    </article>
  );
}

function NewEndpoint({ types, onDone }: { types: { type: string; name: string }[]; onDone: (secret: string) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [contactEmail, setEmail] = useState('');
  const [chosen, setChosen] = useState<string[]>(types.map((x) => x.type));
  const { busy, submit, fieldError, formError } = useSubmit(async () => onDone((await subscribe({ url, contactEmail, eventTypes: chosen, description: '' })).secret), () => undefined);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('webhooks.add')}>
      <h2>{t('webhooks.add')}</h2>
      <Field label={t('webhooks.url')} error={fieldError('url')} required>
        {(p) => <input {...p} type="url" value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>
      <Field label={t('webhooks.contactEmail')} hint={t('webhooks.contactHint')} error={fieldError('contactEmail')} required>
        {(p) => <input {...p} type="email" value={contactEmail} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <fieldset>
        <legend>{t('webhooks.events')}</legend>
        {types.map((x) => (
          <label key={x.type}>
            <input type="checkbox" checked={chosen.includes(x.type)} onChange={(e) => setChosen(e.target.checked ? [...chosen, x.type] : chosen.filter((c) => c !== x.type))} /> {x.name}
          </label>
        ))}
      </fieldset>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('webhooks.save')}
      </button>
    </form>
  );
}

function EndpointRow({ endpoint: e, open, onOpen, onSecret, onDone }: { endpoint: Endpoint; open: boolean; onOpen: () => void; onSecret: (s: string) => void; onDone: () => void }) {
  const { t } = useTranslation();
  const toggle = useSubmit(() => setEnabled(e, e.status !== 'active'), onDone);
  const rotate = useSubmit(async () => onSecret((await rotateSecret(e)).secret), onDone);
  return (
    <section aria-label={e.url}>
      <h2>{e.url}</h2>
      <p>
        {t(`webhookStatus.${e.status}`)} · {e.eventTypes.join(', ')} · {e.contactEmail}
        {e.failingSince ? ` · ${t('webhooks.failingSince', { since: new Date(e.failingSince).toLocaleString() })}` : ''}
      </p>
      <form onSubmit={(ev) => void toggle.submit(ev)} className="inline">
        <button type="submit" disabled={toggle.busy}>
          {e.status === 'active' ? t('webhooks.disable') : t('webhooks.enable')}
        </button>
      </form>
      <form onSubmit={(ev) => void rotate.submit(ev)} className="inline">
        <button type="submit" disabled={rotate.busy}>
          {t('webhooks.rotate')}
        </button>
      </form>
      <button type="button" aria-expanded={open} onClick={onOpen}>
        {t('webhooks.log')}
      </button>
      <FormError message={toggle.formError() ?? rotate.formError()} />
      {open && <DeliveryLog endpointId={e.id} />}
    </section>
  );
}

function DeliveryLog({ endpointId }: { endpointId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => deliveries(endpointId), [endpointId]);
  const [error, setError] = useState<string | undefined>();
  return (
    <Async state={state}>
      {(page) =>
        page.total === 0 ? (
          <Empty>{t('webhooks.noDeliveries')}</Empty>
        ) : (
          <table>
            <caption>{t('webhooks.log')}</caption>
            <thead>
              <tr>
                <th>{t('webhooks.event')}</th>
                <th>{t('webhooks.status')}</th>
                <th>{t('webhooks.attempts')}</th>
                <th>{t('webhooks.lastAnswer')}</th>
                <th>{t('webhooks.when')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {page.items.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.eventType} <code>{d.eventId}</code>
                  </td>
                  <td>{t(`deliveryStatus.${d.status}`)}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastStatusCode ?? d.log.at(-1)?.error ?? ''}</td>
                  <td>{new Date(d.createdAt).toLocaleString()}</td>
                  <td>
                    {d.status !== 'pending' && (
                      <button type="button" onClick={() => void replay(endpointId, d.id).then(state.reload, (err: Error) => setError(err.message))}>
                        {t('webhooks.replay')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            {error && (
              <tfoot>
                <tr>
                  <td colSpan={6}>
                    <FormError message={error} />
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
        )
      }
    </Async>
  );
}
