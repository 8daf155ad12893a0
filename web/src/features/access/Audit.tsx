import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, Pager, useLoad } from '../../shared/ui';
import { dateTime, fromLocalInput } from '../../shared/format';
import { searchAudit } from './api';

const limit = 50;
const empty = { action: '', subjectKind: '', subjectId: '', actorKind: '', outcome: '', from: '', to: '' };

/** The append-only audit log: every write, sign-in and reveal, searchable. */
export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(empty);
  const [filters, setFilters] = useState(empty);
  const [offset, setOffset] = useState(0);
  const state = useLoad(
    () => searchAudit({ ...filters, from: fromLocalInput(filters.from), to: fromLocalInput(filters.to), limit, offset }),
    [filters, offset],
  );
  const set = (k: keyof typeof empty, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  function submit(e: FormEvent) {
    e.preventDefault();
    setOffset(0);
    setFilters(draft);
  }
  const error = (path: string) => (state.error as { field?: (p: string) => string | undefined } | undefined)?.field?.(path);
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <form className="filters" onSubmit={submit}>
        <Field label={t('audit.action')} hint={t('audit.actionHint')} error={error('action')}>
          {(p) => <input {...p} value={draft.action} onChange={(e) => set('action', e.target.value)} />}
        </Field>
        <Field label={t('audit.subjectKind')} error={error('subjectKind')}>
          {(p) => <input {...p} value={draft.subjectKind} onChange={(e) => set('subjectKind', e.target.value)} />}
        </Field>
        <Field label={t('audit.subjectId')} error={error('subjectId')}>
          {(p) => <input {...p} value={draft.subjectId} onChange={(e) => set('subjectId', e.target.value)} />}
        </Field>
        <Field label={t('audit.actorKind')}>
          {(p) => (
            <select {...p} value={draft.actorKind} onChange={(e) => set('actorKind', e.target.value)}>
              <option value="">{t('audit.any')}</option>
              {['staff', 'customer', 'token', 'system', 'anonymous'].map((k) => (
                <option key={k} value={k}>
                  {t(`audit.actor.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('audit.outcome')}>
          {(p) => (
            <select {...p} value={draft.outcome} onChange={(e) => set('outcome', e.target.value)}>
              <option value="">{t('audit.any')}</option>
              <option value="ok">{t('audit.ok')}</option>
              <option value="refused">{t('audit.refused')}</option>
            </select>
          )}
        </Field>
        <Field label={t('audit.from')} error={error('from')}>
          {(p) => <input {...p} type="datetime-local" value={draft.from} onChange={(e) => set('from', e.target.value)} />}
        </Field>
        <Field label={t('audit.to')} error={error('to')}>
          {(p) => <input {...p} type="datetime-local" value={draft.to} onChange={(e) => set('to', e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary">
            {t('audit.search')}
          </button>
        </div>
      </form>
      <Async state={state}>
        {(page) =>
          page.total === 0 ? (
            <Empty>{t('audit.none')}</Empty>
          ) : (
            <>
              <p className="muted">{t('audit.count', { count: page.total })}</p>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('audit.at')}</th>
                      <th scope="col">{t('audit.who')}</th>
                      <th scope="col">{t('audit.action')}</th>
                      <th scope="col">{t('audit.subject')}</th>
                      <th scope="col">{t('audit.outcome')}</th>
                      <th scope="col">{t('audit.address')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((a) => (
                      <tr key={a.id}>
                        <td>{dateTime(a.at)}</td>
                        <td>{a.actorName}</td>
                        <td>
                          <code>{a.action}</code>
                        </td>
                        <td>{a.subjectKind ? `${a.subjectKind} ${a.subjectId ?? ''}` : '—'}</td>
                        <td>{a.outcome === 'ok' ? t('audit.ok') : t('audit.refused')}</td>
                        <td>{a.address ?? '—'}</td>
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
    </section>
  );
}
