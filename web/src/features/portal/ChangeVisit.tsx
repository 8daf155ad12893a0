import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { dateTime, timeWindow } from '../../shared/format';
import { cancelMyOrder, moveMyVisit, windowsToMoveTo, type CustomerOrder } from './api';

/**
 * Move the booked visit into a window the technician can keep, or cancel the order — within the
 * company's rules (so long before the visit, so many moves), which the page states and the API holds.
 */
export function ChangeVisit({ order, onDone }: { order: CustomerOrder; onDone: () => void }) {
  const { t } = useTranslation();
  const canMove = order.status === 'booked' && order.allowedActions.includes('book');
  const canCancel = order.allowedActions.includes('cancel');
  if (!canMove && !canCancel) return null;
  return (
    <section className="card" aria-labelledby="change-visit-title">
      <h2 id="change-visit-title">{t(canMove ? 'portal.change.title' : 'portal.change.cancelTitle')}</h2>
      {canMove && <MoveVisit order={order} onDone={onDone} />}
      {canCancel && <CancelOrder order={order} onDone={onDone} />}
    </section>
  );
}

function MoveVisit({ order, onDone }: { order: CustomerOrder; onDone: () => void }) {
  const { t } = useTranslation();
  const state = useLoad(() => windowsToMoveTo(order.id), [order.id, order.version]);
  const [chosen, setChosen] = useState<{ from: string; to: string } | null>(null);
  const errors = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    errors.setError(null);
    try {
      await moveMyVisit(order.id, { version: order.version, ...chosen });
      setChosen(null);
      onDone();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    <Async state={state}>
      {(s) => {
        const closed = s.reschedulesLeft === 0 || (s.changeUntil !== null && Date.parse(s.changeUntil) <= Date.now());
        return (
          <form onSubmit={submit} noValidate>
            <p>{s.changeUntil ? t('portal.change.rules', { until: dateTime(s.changeUntil), count: s.reschedulesLeft }) : t('portal.change.left', { count: s.reschedulesLeft })}</p>
            {closed ? (
              <p className="muted">{t('portal.change.closed')}</p>
            ) : s.windows.length === 0 ? (
              <p className="muted">{t('portal.change.none')}</p>
            ) : (
              <fieldset className="slots">
                <legend>{t('portal.change.choose')}</legend>
                <div className="slot-list">
                  {s.windows.map((w) => (
                    <button key={w.from} type="button" aria-pressed={chosen?.from === w.from} onClick={() => setChosen({ from: w.from, to: w.to })}>
                      {timeWindow(w.from, w.to)}
                    </button>
                  ))}
                </div>
              </fieldset>
            )}
            <FormError message={errors.formError()} />
            {!closed && (
              <button type="submit" className="primary" disabled={!chosen}>
                {t('portal.change.submit')}
              </button>
            )}
          </form>
        );
      }}
    </Async>
  );
}

function CancelOrder({ order, onDone }: { order: CustomerOrder; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      await cancelMyOrder(order.id, { version: order.version, reason: reason.trim() });
      onDone();
    } catch (err) {
      errors.setError(err);
    }
  }
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('portal.change.cancel')}
        </button>
      </p>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Field label={t('portal.change.cancelReason')} error={errors.fieldError('reason')} required>
        {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <FormError message={errors.formError()} />
      <button type="submit">
        {t('portal.change.cancelSubmit')}
      </button>
    </form>
  );
}
