import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, useLoad } from '../../shared/ui';
import { locale, pick, toLocalInput } from '../../shared/format';
import { bookingWindows, type Order } from './api';

const time = (iso: string) => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
const day = (iso: string) => new Intl.DateTimeFormat(locale(), { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(iso));

/**
 * The windows the order's technician can keep (the API checks shift, absences, other visits and
 * the travel between, as `book` does). Choosing one fills the form's times. The customer's wish
 * fills them only when it can be kept; otherwise the dialog says why not and fills nothing.
 */
export function BookingWindows({ order, chosen, onPick }: { order: Order; chosen: string | undefined; onPick: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  const state = useLoad(() => bookingWindows(order.id, { days: 3 }), [order.id]);
  const filled = useRef(false);
  useEffect(() => {
    const wish = state.data?.wish;
    if (filled.current || !wish?.available) return;
    filled.current = true;
    onPick(toLocalInput(new Date(wish.from)), toLocalInput(new Date(wish.to)));
  }, [state.data, onPick]);
  return (
    <fieldset className="slots">
      <legend>{t('booking.title')}</legend>
      <Async state={state}>
        {(s) => {
          const open = s.windows.filter((x) => x.available);
          const days = [...new Set(open.map((x) => x.date))];
          return (
            <>
              {s.wish && (
                <p className={s.wish.available ? 'hint small' : 'wish-refused small'} role={s.wish.available ? undefined : 'note'}>
                  {s.wish.available
                    ? t('booking.wishKept', { window: `${day(s.wish.from)} ${time(s.wish.from)}–${time(s.wish.to)}` })
                    : t('booking.wishNotKept', { window: `${day(s.wish.from)} ${time(s.wish.from)}–${time(s.wish.to)}`, reason: s.wish.reason ? pick(s.wish.reason) : '' })}
                </p>
              )}
              {open.length === 0 && <p className="muted">{t('booking.none', { name: s.technicianName })}</p>}
              {days.map((d) => (
                <div key={d} className="slot-day">
                  <span className="slot-date">{day(open.find((x) => x.date === d)!.from)}</span>
                  <div className="slot-list">
                    {open
                      .filter((x) => x.date === d)
                      .map((x) => {
                        const from = toLocalInput(new Date(x.from));
                        return (
                          <button key={x.from} type="button" aria-pressed={chosen === from} onClick={() => onPick(from, toLocalInput(new Date(x.to)))}>
                            {time(x.from)}–{time(x.to)}
                          </button>
                        );
                      })}
                  </div>
                </div>
              ))}
              {open.length > 0 && <p className="hint small">{t('booking.hint', { name: s.technicianName })}</p>}
            </>
          );
        }}
      </Async>
    </fieldset>
  );
}
