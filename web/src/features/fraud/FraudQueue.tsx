import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Dialog, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { dateTime, localName } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { decide, fraudOf, fraudQueue, rescore, type ScoreDetail } from './api';

const statuses = ['held', 'released', 'confirmed', 'clear'] as const;

/** The fraud review queue: held orders, highest score first, each with what scored it; a reviewer releases or confirms. */
export function FraudQueuePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const [status, setStatus] = useState('held');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const state = useLoad(() => fraudQueue({ status, offset }), [status, offset]);
  return (
    <article aria-labelledby="fraud-title">
      <header className="page-head">
        <h1 id="fraud-title">{t('fraud.queueTitle')}</h1>
      </header>
      <p className="muted">{t('fraud.queueIntro')}</p>
      <Field label={t('fraud.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`fraudStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('fraud.none')}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('fraud.order')}</th>
                      <th scope="col">{t('fraud.provider')}</th>
                      <th scope="col">{t('fraud.score')}</th>
                      <th scope="col">{t('fraud.signals')}</th>
                      <th scope="col">{t('fraud.scoredAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((s) => (
                      <tr key={s.orderId}>
                        <td>
                          <button type="button" className="link" onClick={() => setOpen(s.orderId)}>
                            {s.number ?? s.orderId}
                          </button>
                        </td>
                        <td>{localName(s.providerName ?? '—', s.providerNameEn)}</td>
                        <td>
                          <strong>{s.score}</strong> / {s.holdScore}
                        </td>
                        <td>
                          <ul className="plain">
                            {s.signals.map((x) => (
                              <li key={x.code}>
                                {x[lang]} (+{x.points})
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td>{dateTime(s.scoredAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager total={page.total} limit={page.limit} offset={page.offset} onOffset={setOffset} />
            </>
          )
        }
      </Async>
      {open && (
        <ScoreDialog
          orderId={open}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            state.reload();
          }}
        />
      )}
    </article>
  );
}

function ScoreDialog({ orderId, onClose, onDone }: { orderId: string; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const { can } = useSession();
  const state = useLoad(() => fraudOf(orderId), [orderId]);
  return (
    <Dialog title={t('fraud.reviewTitle')} onClose={onClose}>
      <Async state={state}>
        {(s) => (
          <>
            <p>
              <Link to={`/app/orders/${s.orderId}`}>{s.number ?? s.orderId}</Link> · {localName(s.providerName ?? '—', s.providerNameEn)} · {t(`fraudStatus.${s.status}`)}
            </p>
            <p>
              <strong>{s.explanation[lang]}</strong>
            </p>
            {s.status === 'held' && can('fraud.review') ? <DecisionForm score={s} onDone={onDone} /> : s.decisionReason && <p>{t('fraud.decision')}: {s.decisionReason}</p>}
            {can('fraud.review') && (
              <button type="button" onClick={() => void rescore(orderId).then(() => state.reload())}>
                {t('fraud.rescore')}
              </button>
            )}
            <h3>{t('fraud.history')}</h3>
            <ul>
              {s.history.map((h, i) => (
                <li key={i}>
                  {dateTime(h.at)} · {h.actor} · {t(`fraudAction.${h.action}`, { defaultValue: h.action })} · {h.score} · {t(`fraudStatus.${h.toStatus}`)}
                </li>
              ))}
            </ul>
            <button type="button" onClick={onClose}>
              {t('fraud.close')}
            </button>
          </>
        )}
      </Async>
    </Dialog>
  );
}

function DecisionForm({ score, onDone }: { score: ScoreDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<'release' | 'confirm'>('confirm');
  const [reason, setReason] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => decide(score.orderId, action, { version: score.version, reason }), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t('fraud.action')} required>
        {(p) => (
          <select {...p} value={action} onChange={(e) => setAction(e.target.value as 'release' | 'confirm')}>
            <option value="confirm">{t('fraud.confirm')}</option>
            <option value="release">{t('fraud.release')}</option>
          </select>
        )}
      </Field>
      <Field label={t('fraud.reason')} error={fieldError('reason')} required>
        {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('fraud.decide')}
      </button>
    </form>
  );
}
