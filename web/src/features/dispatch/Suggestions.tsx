import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { locale, pick, toLocalInput, nameOf } from '../../shared/format';
import type { Order } from '../work-orders/api';
import { minutes } from './DayView';
import { technicianSuggestions } from './api';

/** The order's wished day, or today, as YYYY-MM-DD in the reader's calendar. */
function dayOf(order: Order): string {
  return toLocalInput(order.wishedFrom ? new Date(order.wishedFrom) : new Date()).slice(0, 10);
}

const time = (iso: string) => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

/**
 * The optimizer's ranked technicians for one order on a day (the travel it adds to each day,
 * the wished window kept, their load), those who cannot take it and why; assign with one click.
 * Assigning is the order's own step: the order page passes it in.
 */
export function Suggestions({ order, assign: assignOrder, onAssigned }: { order: Order; assign: (technicianId: string, reason: string) => Promise<unknown>; onAssigned: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(() => dayOf(order));
  const state = useLoad(() => technicianSuggestions(order.id, { date }), [order.id, order.version, date]);
  const errors = useFormErrors();
  const [busy, setBusy] = useState<string | null>(null);

  async function assign(technicianId: string, rank: number, addedSeconds: number) {
    setBusy(technicianId);
    errors.setError(null);
    try {
      // The reason is what the history row keeps: which suggestion was taken.
      await assignOrder(technicianId, t('suggest.reason', { rank, minutes: minutes(addedSeconds) }));
      onAssigned();
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="suggest-title">
      <div className="page-head">
        <h2 id="suggest-title">{t('suggest.title')}</h2>
        <Field label={t('suggest.date')}>{(p) => <input {...p} type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />}</Field>
      </div>
      <p className="muted">{t('suggest.intro')}</p>
      <FormError message={errors.formError()} />
      <Async state={state}>
        {(s) => (
          <>
            {s.approximateLocation && <p className="reason code-approximate_location">{pick(s.approximateLocation)}</p>}
            {s.ranked.length === 0 ? (
              <p className="state empty">{t('suggest.none')}</p>
            ) : (
              <div className="table-wrap">
                <table className="suggestions">
                  <thead>
                    <tr>
                      <th scope="col">{t('suggest.rank')}</th>
                      <th scope="col">{t('suggest.technician')}</th>
                      <th scope="col">{t('suggest.travel')}</th>
                      <th scope="col">{t('suggest.arrival')}</th>
                      <th scope="col">{t('suggest.window')}</th>
                      <th scope="col">{t('suggest.load')}</th>
                      <th scope="col">{t('suggest.skills')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('suggest.assign')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.ranked.map((r) => (
                      <tr key={r.technicianId}>
                        <td>{r.rank}</td>
                        <td>{nameOf(r)}</td>
                        <td>{t('suggest.addedMinutes', { n: minutes(r.addedTravelSeconds) })}</td>
                        <td>
                          {time(r.start)} <span className="muted">{t('suggest.position', { n: r.position + 1 })}</span>
                        </td>
                        <td>{t(`suggest.fit.${r.windowFit}`)}</td>
                        <td>{t('suggest.visits', { count: r.visitsThatDay })}</td>
                        <td>{t('suggest.qualified')}</td>
                        <td>
                          <button type="button" className={r.rank === 1 ? 'primary' : ''} disabled={busy !== null} onClick={() => assign(r.technicianId, r.rank, r.addedTravelSeconds)} aria-label={t('suggest.assignTo', { name: nameOf(r) })}>
                            {t('suggest.assign')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {s.excluded.length > 0 && (
              <>
                <h3>{t('suggest.excluded', { count: s.excluded.length })}</h3>
                <ul className="plain excluded">
                  {s.excluded.map((x) => (
                    <li key={x.technicianId}>
                      <strong>{nameOf(x)}</strong>: <span className={`reason code-${x.reason.code}`}>{pick(x.reason)}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Async>
    </section>
  );
}
