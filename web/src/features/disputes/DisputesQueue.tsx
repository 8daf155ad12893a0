import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Dialog, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { useSubmit } from '../../shared/submit';
import { dateTime, money, named } from '../../shared/format';
import { useSession } from '../../shared/session';
import { fenFromYuan } from '../fees';
import { getDispute, listDisputes, refundDispute, reviewDispute, type Dispute, type DisputeDetail, type Outcome, type Refund } from './api';
import { EvidenceThumbs } from './EvidenceThumbs';

const statuses = ['open', 'upheld', 'partly_upheld', 'rejected', 'withdrawn'] as const;
const outcomes: Outcome[] = ['upheld', 'partly_upheld', 'rejected'];

/** The desk's disputes queue: overdue first; a reviewer opens one and records the outcome. */
export function DisputesQueuePage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('open');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const state = useLoad(() => listDisputes({ status: status || undefined, offset }), [status, offset]);
  return (
    <article aria-labelledby="disputes-title">
      <header className="page-head">
        <h1 id="disputes-title">{t('disputes.queueTitle')}</h1>
      </header>
      <p className="muted">{t('disputes.queueIntro')}</p>
      <Field label={t('disputes.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }}>
            <option value="">{t('disputes.anyStatus')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`disputeStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('disputes.none')}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('disputes.line')}</th>
                      <th scope="col">{t('disputes.reason')}</th>
                      <th scope="col">{t('disputes.disputed')}</th>
                      <th scope="col">{t('disputes.raisedBy')}</th>
                      <th scope="col">{t('disputes.status')}</th>
                      <th scope="col">{t('disputes.due')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((d) => (
                      <tr key={d.id} className={d.overdue ? 'overdue' : undefined}>
                        <td>
                          <button type="button" className="link" onClick={() => setOpen(d.id)}>
                            {named(d.line)}
                          </button>
                        </td>
                        <td>{t(`disputeReason.${d.reason}`)}</td>
                        <td>{money(d.disputed.amountFen, d.disputed.currency)}</td>
                        <td>{d.raisedByKind === 'customer' ? t('disputes.raisedByCustomer') : t('disputes.raisedByProvider')}</td>
                        <td>{t(`disputeStatus.${d.status}`)}</td>
                        <td>
                          {dateTime(d.dueAt)} {d.overdue && <span className="badge warn">{t('disputes.overdue')}</span>}
                        </td>
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
        <DisputeDialog
          id={open}
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

function DisputeDialog({ id, onClose, onDone }: { id: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(() => getDispute(id), [id]);
  return (
    <Dialog title={t('disputes.reviewTitle')} onClose={onClose}>
      <Async state={state}>
        {(d) => (
          <>
            <p>
              <strong>{named(d.line)}</strong> {money(d.line.amountFen, d.line.currency)} · {t(`payer.${d.line.payer}`)} · <Link to={`/app/orders/${d.orderId}`}>{t('disputes.order')}</Link>
            </p>
            <p>
              {t(`disputeReason.${d.reason}`)} · {t('disputes.disputed')} {money(d.disputed.amountFen, d.disputed.currency)} · {t(`disputeStatus.${d.status}`)}
            </p>
            <blockquote>{d.text}</blockquote>
            {d.photoIds.length > 0 && (
              <p>
                {t('disputes.evidence')}:{' '}
                {d.photoIds.map((p) => (
                  <a key={p} href={`/photos/${p}`} target="_blank" rel="noreferrer">
                    <img src={`/photos/${p}`} alt={t('disputes.evidence')} width={64} height={64} />
                  </a>
                ))}
              </p>
            )}
            {d.status === 'open' && can('disputes.review') ? <ReviewForm dispute={d} onDone={onDone} /> : d.outcomeReason && <p>{t('disputes.answer')}: {d.outcomeReason}{d.credit && d.credit.amountFen > 0 && ` · ${t('disputes.credit')} ${money(d.credit.amountFen, d.credit.currency)}`}</p>}
            {d.evidence.length > 0 && (
              <p>
                {t('disputes.customerEvidence')}: <EvidenceThumbs disputeId={d.id} ids={d.evidence.map((e) => e.id)} alt={t('disputes.customerEvidence')} />
              </p>
            )}
            {d.refunds.length > 0 && (
              <ul aria-label={t('disputes.refunds')}>
                {d.refunds.map((r) => (
                  <li key={r.paymentId}>
                    {dateTime(r.at)} · {t('disputes.refundedBy', { amount: money(r.amountFen, r.currency), method: t(`money.method.${r.method}`) })}
                    {r.reference ? ` · ${r.reference}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {d.credit && d.refundOwedTo === 'customer' && d.refunded.amountFen < d.credit.amountFen && (can('fees.adjust') || can('orders.field')) && <RefundForm dispute={d} onDone={onDone} />}
            <h3>{t('disputes.history')}</h3>
            <ul>
              {d.history.map((h, i) => (
                <li key={i}>
                  {dateTime(h.at)} · {h.actor} · {t(`disputeStatus.${h.toStatus}`)}
                </li>
              ))}
            </ul>
            <button type="button" onClick={onClose}>
              {t('disputes.close')}
            </button>
          </>
        )}
      </Async>
    </Dialog>
  );
}

function ReviewForm({ dispute, onDone }: { dispute: Dispute; onDone: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>('upheld');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const credit = () => (outcome === 'partly_upheld' ? { amount: { amountFen: fenFromYuan(amount) ?? -1, currency: 'CNY' as const } } : {});
  const { busy, submit, fieldError, formError } = useSubmit(() => reviewDispute(dispute.id, { version: dispute.version, outcome, reason, ...credit() }), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t('disputes.outcome')} error={fieldError('outcome')} required>
        {(p) => (
          <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`disputeOutcome.${o}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {outcome === 'partly_upheld' && (
        <Field label={t('disputes.amount')} hint={t('disputes.amountHint')} error={fieldError('amount.amountFen') ?? fieldError('amount')} required>
          {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
      )}
      <Field label={t('disputes.outcomeReason')} error={fieldError('reason')} required>
        {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('disputes.decide')}
      </button>
    </form>
  );
}

const refundMethods: Refund['method'][] = ['cash', 'wechat_pay', 'alipay', 'bank_transfer', 'card'];
const payersBack: Refund['paidBackBy'][] = ['provider', 'technician', 'maker'];

/** Gives the customer back what the outcome credited (or part of it): a refund on the order, recorded once. */
function RefundForm({ dispute, onDone }: { dispute: DisputeDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const owed = dispute.credit!.amountFen - dispute.refunded.amountFen;
  // One key per form: a double click or a retry after a lost answer records the refund once.
  const [idempotencyKey] = useState(() => `dispute-refund-${dispute.id}-${crypto.randomUUID()}`);
  const [f, setF] = useState({ amount: (owed / 100).toFixed(2), method: 'wechat_pay' as Refund['method'], reference: '', paidBackBy: 'provider' as Refund['paidBackBy'] });
  const { busy, submit, fieldError, formError } = useSubmit(
    () => refundDispute(dispute.id, { idempotencyKey, amountFen: fenFromYuan(f.amount) ?? -1, method: f.method, reference: f.reference || undefined, paidBackBy: f.paidBackBy }),
    onDone,
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('disputes.refundTitle')}>
      <h3>{t('disputes.refundTitle')}</h3>
      <p className="muted">{t('disputes.refundOwed', { amount: money(owed, dispute.credit!.currency) })}</p>
      <Field label={t('disputes.refundAmount')} error={fieldError('amountFen')} required>
        {(p) => <input {...p} inputMode="decimal" value={f.amount} onChange={(e) => setF({ ...f, amount: e.target.value })} />}
      </Field>
      <Field label={t('disputes.refundMethod')} error={fieldError('method')} required>
        {(p) => (
          <select {...p} value={f.method} onChange={(e) => setF({ ...f, method: e.target.value as Refund['method'] })}>
            {refundMethods.map((m) => <option key={m} value={m}>{t(`money.method.${m}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('disputes.refundReference')} hint={t('disputes.refundReferenceHint')} error={fieldError('reference')}>
        {(p) => <input {...p} value={f.reference} onChange={(e) => setF({ ...f, reference: e.target.value })} />}
      </Field>
      <Field label={t('disputes.paidBackBy')} error={fieldError('paidBackBy')} required>
        {(p) => (
          <select {...p} value={f.paidBackBy} onChange={(e) => setF({ ...f, paidBackBy: e.target.value as Refund['paidBackBy'] })}>
            {payersBack.map((w) => <option key={w} value={w}>{t(`disputes.paidBack.${w}`)}</option>)}
          </select>
        )}
      </Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('disputes.refundRecord')}
      </button>
    </form>
  );
}
