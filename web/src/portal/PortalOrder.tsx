import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get, post } from '../api';
import { Async, Field, FormError, StatusBadge, useFormErrors, useLoad } from '../ui';
import { dateTime, timeWindow } from '../format';
import { Timeline } from '../pages/Order';
import type { HistoryRow, Order, OrderVisit } from '../types';

/** Follow one's own order, and confirm the finished job with the code sent by SMS. */
export function PortalOrder() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const state = useLoad(async () => {
    const [order, history, visit] = await Promise.all([get<Order>(`/work-orders/${id}`), get<{ items: HistoryRow[] }>(`/work-orders/${id}/history`), get<OrderVisit>(`/work-orders/${id}/visit`)]);
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
              <dd>{visit.technicianName ?? (o.technicianId ? t('portal.technicianAssigned') : t('portal.technicianNotYet'))}</dd>
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
          <Timeline history={history} names={o.technicianId && visit.technicianName ? { [o.technicianId]: visit.technicianName } : {}} />
        </article>
      )}
    </Async>
  );
}

function ConfirmWithCode({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const errors = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      await post(`/work-orders/${order.id}/confirm`, { version: order.version, code: code.trim() });
      onDone();
    } catch (err) {
      errors.setError(err);
      // A wrong code is counted on the order (shown in its timeline): read it again before the next try.
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
