import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { dateTime, pick, localName } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { getAction, listActions, submitAction, verifyAction, type Action } from './api';

/** Corrective actions: open ones by due time first; the provider reports its correction, headquarters verifies it or sends it back. */
export function CorrectiveActionsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const state = useLoad(() => listActions({ status: status || undefined, overdue: overdue ? 'true' : undefined, offset }), [status, overdue, offset]);
  return (
    <article aria-labelledby="actions-title">
      <header className="page-head">
        <h1 id="actions-title">{t('audits.actionsTitle')}</h1>
      </header>
      <p className="muted">{t('audits.actionsIntro')}</p>
      <div className="filters">
        <Field label={t('audits.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }}>
              <option value="">{t('audits.any')}</option>
              {(['open', 'submitted', 'verified'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`actionStatus.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="choice">
          <input type="checkbox" checked={overdue} onChange={(e) => { setOverdue(e.target.checked); setOffset(0); }} /> {t('audits.overdueOnly')}
        </label>
      </div>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('audits.noActions')}</Empty>
          ) : (
            <>
              <ul className="cards" aria-label={t('audits.actionsTitle')}>
                {page.items.map((a) => (
                  <li key={a.id} className="card" data-testid="corrective-action">
                    <ActionCard action={a} expanded={open === a.id} onToggle={() => setOpen(open === a.id ? null : a.id)} onDone={state.reload} />
                  </li>
                ))}
              </ul>
              <Pager total={page.total} limit={page.limit} offset={page.offset} onOffset={setOffset} />
            </>
          )
        }
      </Async>
    </article>
  );
}

function ActionCard({ action: a, expanded, onToggle, onDone }: { action: Action; expanded: boolean; onToggle: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { can, me } = useSession();
  const hq = !me?.user?.providerId;
  return (
    <>
      <h2>{pick({ zh: a.itemTextZh, en: a.itemTextEn })}</h2>
      <p>
        <span className={`badge action-${a.status}`}>{t(`actionStatus.${a.status}`)}</span> {a.overdue && <span className="badge overdue">{t('audits.overdue')}</span>} {localName(a.providerName ?? '—', a.providerNameEn)}
        {a.technicianName ? ` · ${localName(a.technicianName, a.technicianNameEn)}` : ''} · {t('audits.dueAt', { when: dateTime(a.dueAt) })}
      </p>
      {a.correction && <p>{t('audits.correctionWas', { text: a.correction })}</p>}
      <button type="button" className="link" aria-expanded={expanded} onClick={onToggle}>
        {t('audits.history')}
      </button>
      {expanded && <History id={a.id} />}
      {a.status === 'open' && can('audits.correct') && !hq && <SubmitForm action={a} onDone={onDone} />}
      {a.status === 'submitted' && can('audits.verify') && hq && <VerifyForm action={a} onDone={onDone} />}
    </>
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => getAction(id), [id]);
  return (
    <Async state={state}>
      {(d) => (
        <ol className="plain">
          {d.history.map((h, i) => (
            <li key={i}>
              {dateTime(h.at)} · {t(`actionStep.${h.action}`, { defaultValue: h.action })} · {h.actor}
              {h.note ? ` — ${h.note}` : ''}
            </li>
          ))}
        </ol>
      )}
    </Async>
  );
}

function SubmitForm({ action, onDone }: { action: Action; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => submitAction(action.id, action.version, text), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('audits.submitCorrection')}>
      <Field label={t('audits.correction')} error={fieldError('correction')} required>
        {(p) => <textarea {...p} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('audits.submitCorrection')}
      </button>
    </form>
  );
}

function VerifyForm({ action, onDone }: { action: Action; onDone: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  // Which button sent the form: read when it is sent (a state update would come a render late).
  const outcome = useRef<'verified' | 'rejected'>('verified');
  const { busy, submit, formError } = useSubmit(() => verifyAction(action.id, action.version, outcome.current, note || undefined), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('audits.verify')}>
      <Field label={t('audits.verifyNote')}>
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <div className="action-bar">
        <button type="submit" disabled={busy} onClick={() => (outcome.current = 'verified')}>
          {t('audits.verify')}
        </button>
        <button type="submit" className="secondary" disabled={busy} onClick={() => (outcome.current = 'rejected')}>
          {t('audits.reject')}
        </button>
      </div>
    </form>
  );
}
