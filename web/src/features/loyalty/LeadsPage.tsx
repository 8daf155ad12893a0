import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import { useSubmit } from '../../shared/submit';
import { leads, setLeadStatus, type Lead, type LeadStatus } from './api';
import { useCustomerNames } from './names';

const statuses: LeadStatus[] = ['new', 'contacted', 'won', 'lost'];

/** Sales leads from service (leads.handle): filtered by status, each with its changes and a move to the next status. */
export function LeadsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<LeadStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const state = useLoad(() => leads(status, offset), [status, offset]);
  const names = useCustomerNames(state.data?.items.map((l) => l.customerId) ?? []);
  return (
    <article aria-labelledby="leads-title">
      <header className="page-head">
        <h1 id="leads-title">{t('leads.title')}</h1>
      </header>
      <p className="muted">{t('leads.intro')}</p>
      <section className="card" aria-labelledby="leads-list">
        <h2 id="leads-list">{t('leads.list')}</h2>
        <Field label={t('leads.filter')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => { setOffset(0); setStatus(e.target.value as LeadStatus | ''); }}>
              <option value="">{t('leads.all')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`leads.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Async state={state}>
          {(p) =>
            p.items.length === 0 ? (
              <Empty>{t('leads.none')}</Empty>
            ) : (
              <>
                <ul className="leads">
                  {p.items.map((l) => (
                    <LeadRow key={l.id} lead={l} name={names.get(l.customerId)} onChange={state.reload} />
                  ))}
                </ul>
                <Pager total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
              </>
            )
          }
        </Async>
      </section>
    </article>
  );
}

function LeadRow({ lead: l, name, onChange }: { lead: Lead; name: string | undefined; onChange: () => void }) {
  const { t } = useTranslation();
  const [to, setTo] = useState<LeadStatus>(statuses.find((s) => s !== l.status)!);
  const [note, setNote] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => setLeadStatus(l.id, { version: l.version, status: to, note: note.trim() || null }), () => {
    setNote('');
    onChange();
  });
  return (
    <li className={`card lead lead-${l.status}`} aria-labelledby={`lead-${l.id}`}>
      <h3 id={`lead-${l.id}`}>
        <Link to={`/app/customers/${l.customerId}`}>{name ?? '…'}</Link> · {t(`leads.source.${l.source}`)} · <span className="lead-status">{t(`leads.status.${l.status}`)}</span>
      </h3>
      {l.note && <p>{l.note}</p>}
      <ol className="lead-history" aria-label={t('leads.history')}>
        {l.history.map((h, i) => (
          <li key={i}>
            {dateTime(h.at)} · {h.fromStatus ? `${t(`leads.status.${h.fromStatus}`)} → ` : ''}
            {t(`leads.status.${h.toStatus}`)} · {h.by}
            {h.note && <> · <small>{h.note}</small></>}
          </li>
        ))}
      </ol>
      <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('leads.move')}>
        <Field label={t('leads.newStatus')} error={fieldError('status')}>
          {(p) => (
            <select {...p} value={to} onChange={(e) => setTo(e.target.value as LeadStatus)}>
              {statuses
                .filter((s) => s !== l.status)
                .map((s) => (
                  <option key={s} value={s}>
                    {t(`leads.status.${s}`)}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('leads.note')} error={fieldError('note')}>
          {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <FormError message={formError()} />
        <button type="submit" disabled={busy}>
          {t('leads.move')}
        </button>
      </form>
    </li>
  );
}
