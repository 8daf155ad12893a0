import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Async, Field, FormError, StatusBadge, useFormErrors, useLoad } from '../../shared/ui';
import { dateTime, pick, timeWindow } from '../../shared/format';
import { ChangeVisit } from './ChangeVisit';
import { MyOrderFees, MyQuote, MyReceipt } from '../fees';
import { FeeDisputes } from '../disputes';
import { PortalComplaints } from '../complaints';
import { MySurvey } from '../follow-ups';
import { confirmWithCode, myOrder, myOrderHistory, myVisit, type CustomerHistoryEntry, type CustomerOrder } from './api';

/** Follow one's own order, and confirm the finished job with the code sent by SMS. */
export function PortalOrder() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const state = useLoad(async () => {
    const [order, history, visit] = await Promise.all([myOrder(id), myOrderHistory(id), myVisit(id)]);
    return { order, history: history.items, visit };
  }, [id]);
  return (
    <Async state={state}>
      {({ order: o, history, visit }) => (
        <article aria-labelledby="portal-order-title">
          <p>
            <Link to="/my">{t('portal.back')}</Link>
          </p>
          <h1 id="portal-order-title">
            {t('order.title', { number: o.number })} <StatusBadge status={o.status} />
          </h1>
          <section className="card">
            <dl>
              <dt>{t('order.symptom')}</dt>
              <dd>{o.symptom}</dd>
              <dt>{t('portal.arrival')}</dt>
              <dd>
                {visit.appointmentFrom ? timeWindow(visit.appointmentFrom, visit.appointmentTo) : visit.plannedStart ? t('portal.plannedAround', { time: dateTime(visit.plannedStart) }) : t('portal.notBooked')}
              </dd>
              <dt>{t('portal.technician')}</dt>
              <dd>{visit.technicianName ?? t('portal.technicianNotYet')}</dd>
              {o.doneAt && (
                <>
                  <dt>{t('order.done')}</dt>
                  <dd>{dateTime(o.doneAt)}</dd>
                </>
              )}
              {o.confirmedAt && (
                <>
                  <dt>{t('order.confirmed')}</dt>
                  <dd>{dateTime(o.confirmedAt)}</dd>
                </>
              )}
            </dl>
          </section>
          {o.allowedActions.includes('confirm') && <ConfirmWithCode order={o} onDone={state.reload} />}
          <ChangeVisit order={o} onDone={state.reload} />
          <MyQuote orderId={o.id} version={o.status} onChange={state.reload} />
          {o.doneAt && <MyOrderFees orderId={o.id} version={o.status} />}
          {o.doneAt && <MyReceipt orderId={o.id} version={o.status} />}
          <MySurvey orderId={o.id} />
          {o.doneAt && <FeeDisputes orderId={o.id} portal />}
          <PortalComplaints orderId={o.id} />
          <Milestones history={history} />
        </article>
      )}
    </Async>
  );
}

function ConfirmWithCode({ order, onDone }: { order: CustomerOrder; onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const errors = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      await confirmWithCode(order.id, { version: order.version, code: code.trim() });
      onDone();
    } catch (err) {
      errors.setError(err);
      // A wrong code is counted on the order: read it again for the attempts left.
      onDone();
    }
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t('portal.confirmTitle')}</h2>
      <p>{t('portal.confirmIntro')}</p>
      <Field label={t('portal.acceptanceCode')} error={errors.fieldError('code')} required>
        {(p) => <input {...p} inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <FormError message={errors.formError()} />
      <button type="submit" className="primary">
        {t('portal.confirmSubmit')}
      </button>
    </form>
  );
}

/** The order's life as the customer follows it: each milestone in plain words (the API writes them, times in the customer's zone). */
function Milestones({ history }: { history: CustomerHistoryEntry[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title', { count: history.length })}</h2>
      <ol className="timeline">
        {history.map((h, i) => (
          <li key={i} className={h.milestone === 'wrong_code' ? 'refused' : ''}>
            <div className="when">{dateTime(h.at)}</div>
            <div>
              <strong>{pick(h.text)}</strong>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
