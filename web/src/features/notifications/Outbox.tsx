import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Dialog, Empty, Field, Pager, useLoad } from '../../shared/ui';
import { dateTime, pick } from '../../shared/format';
import { listOutbox, listTemplates, messageHistory, type MessageStatus, type OutboxMessage, type TemplateInfo } from './api';
import { CustomerFilter, type PickedCustomer } from './CustomerFilter';

const limit = 25;
const statuses: MessageStatus[] = ['queued', 'sending', 'sent', 'delivered', 'failed'];
const channels = ['sms', 'email', 'wechat'] as const;
const empty = { status: '', channel: '', template: '', recipient: '', customerId: '' };

function templateTitle(name: string, templates: TemplateInfo[]): string {
  const t = templates.find((x) => x.name === name);
  return t ? pick({ zh: t.titleZh, en: t.titleEn }) : name;
}

/** When the message left, arrived, failed, or will be tried next. */
function Delivery({ m }: { m: OutboxMessage }) {
  const { t } = useTranslation();
  const when = m.deliveredAt ?? m.failedAt ?? m.sentAt ?? m.nextAttemptAt;
  return (
    <>
      <span className={`badge message-${m.status}`}>{t(`outbox.status.${m.status}`)}</span>
      <div className="muted">
        {m.status === 'queued' ? (m.nextAttemptAt && new Date(m.nextAttemptAt) > new Date() ? t('outbox.notBefore', { at: dateTime(m.nextAttemptAt) }) : t('outbox.waiting')) : dateTime(when)}
        {m.attempts > 0 ? ` · ${t('outbox.attempts', { count: m.attempts })}` : ''}
      </div>
      {m.lastError && m.status !== 'sent' && m.status !== 'delivered' ? <div className="muted">{m.lastError}</div> : null}
    </>
  );
}

function HistoryDialog({ message, onClose }: { message: OutboxMessage; onClose: () => void }) {
  const { t } = useTranslation();
  const state = useLoad(() => messageHistory(message.id), [message.id]);
  return (
    <Dialog title={t('outbox.historyOf', { to: message.recipient })} onClose={onClose}>
      <Async state={state}>
        {({ items }) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('outbox.at')}</th>
                  <th scope="col">{t('outbox.change')}</th>
                  <th scope="col">{t('outbox.attempt')}</th>
                  <th scope="col">{t('outbox.via')}</th>
                  <th scope="col">{t('outbox.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((h, i) => (
                  <tr key={i}>
                    <td>{dateTime(h.at)}</td>
                    <td>
                      {h.fromStatus ? `${t(`outbox.status.${h.fromStatus}`)} → ` : ''}
                      {t(`outbox.status.${h.toStatus}`)}
                    </td>
                    <td>{h.attempt ?? '—'}</td>
                    <td>{h.provider ?? '—'}</td>
                    <td className="wrap">{h.detail ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('outbox.close')}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * Messages to customers with their delivery. Phones, addresses and codes arrive masked from the
 * API (138****5678, ••••••): staff see that a code went out, never the code.
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(empty);
  const [filters, setFilters] = useState(empty);
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const templates = useLoad(() => listTemplates(), []);
  // Masked by the API for everyone; the console never asks for clear text (reveal).
  const state = useLoad(() => listOutbox({ ...filters, limit, offset }), [filters, offset]);
  const known = templates.data?.items ?? [];
  const set = (k: keyof typeof empty, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  function submit(e: FormEvent) {
    e.preventDefault();
    setOffset(0);
    setFilters(draft);
  }
  // Picking (or clearing) a customer applies at once, as a choice in a list would.
  function pickCustomer(c: PickedCustomer | null) {
    setCustomer(c);
    const next = { ...draft, customerId: c?.id ?? '' };
    setDraft(next);
    setOffset(0);
    setFilters(next);
  }
  const error = (path: string) => (state.error as { field?: (p: string) => string | undefined } | undefined)?.field?.(path);
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t('outbox.title')}</h1>
      <form className="filters" onSubmit={submit} aria-label={t('outbox.filters')}>
        <Field label={t('outbox.statusLabel')}>
          {(p) => (
            <select {...p} value={draft.status} onChange={(e) => set('status', e.target.value)}>
              <option value="">{t('outbox.any')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`outbox.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('outbox.channelLabel')}>
          {(p) => (
            <select {...p} value={draft.channel} onChange={(e) => set('channel', e.target.value)}>
              <option value="">{t('outbox.any')}</option>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {t(`outbox.channel.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('outbox.template')}>
          {(p) => (
            <select {...p} value={draft.template} onChange={(e) => set('template', e.target.value)}>
              <option value="">{t('outbox.any')}</option>
              {known.map((x) => (
                <option key={x.name} value={x.name}>
                  {pick({ zh: x.titleZh, en: x.titleEn })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CustomerFilter picked={customer} onPick={pickCustomer} />
        <Field label={t('outbox.recipient')} hint={t('outbox.recipientHint')} error={error('recipient')}>
          {(p) => <input {...p} value={draft.recipient} autoComplete="off" onChange={(e) => set('recipient', e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary">
            {t('outbox.search')}
          </button>
        </div>
      </form>
      <Async state={state}>
        {(page) =>
          page.total === 0 ? (
            <Empty>{t('outbox.none')}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('outbox.at')}</th>
                      <th scope="col">{t('outbox.to')}</th>
                      <th scope="col">{t('outbox.template')}</th>
                      <th scope="col">{t('outbox.body')}</th>
                      <th scope="col">{t('outbox.delivery')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('outbox.history')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((m) => (
                      <tr key={m.id}>
                        <td>{dateTime(m.createdAt)}</td>
                        <td>
                          {m.recipient}
                          <div className="muted">{t(`outbox.channel.${m.channel}`)}</div>
                        </td>
                        <td>
                          {templateTitle(m.template, known)}
                          {m.urgent ? <div className="muted">{t('outbox.urgent')}</div> : null}
                        </td>
                        <td className="wrap">{pick({ zh: m.bodyZh, en: m.bodyEn })}</td>
                        <td>
                          <Delivery m={m} />
                        </td>
                        <td>
                          <button type="button" onClick={() => setOpen(m)}>
                            {t('outbox.history')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager total={page.total} limit={limit} offset={offset} onOffset={setOffset} />
            </>
          )
        }
      </Async>
      {open ? <HistoryDialog message={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
