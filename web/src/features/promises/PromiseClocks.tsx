import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { Async, useEveryMinute, useLoad } from '../../shared/ui';
import { businessTime, dateTime, pick } from '../../shared/format';
import { orderPromise, type MilestoneClock, type OrderPromise } from './api';

type T = (key: string, options?: Record<string, unknown>) => string;

/** How a milestone stands now: the mark (for colour) and the words. */
export function clockState(c: MilestoneClock, now: number, t: T): { mark: 'ok' | 'warning' | 'broken' | 'beaten' | 'kept' | 'paused' | 'void'; text: string } {
  if (c.status === 'met' && c.outcome && c.marginMinutes !== null) {
    const by = businessTime(c.marginMinutes, t);
    return { mark: c.outcome, text: t(`promise.outcome.${c.outcome}`, { by }) };
  }
  if (c.status === 'void') return { mark: 'void', text: t('promise.stopped') };
  const left = c.leftMinutes ?? 0;
  if (left < 0) return { mark: 'broken', text: t('promise.lateBy', { by: businessTime(left, t) }) };
  if (c.status === 'paused') return { mark: 'paused', text: t('promise.pausedLeft', { left: businessTime(left, t) }) };
  const warned = c.warnAt !== null && Date.parse(c.warnAt) <= now;
  return { mark: warned ? 'warning' : 'ok', text: t('promise.left', { left: businessTime(left, t) }) };
}

/** The order's promise: each milestone's clock, the pauses while on hold, the policy and calendar it runs on. */
export function PromiseClocks({ orderId, version }: { orderId: string; version: number }) {
  const { t } = useTranslation();
  // An order no policy matches has no promise: that is an answer, not an error.
  const state = useLoad(() => orderPromise(orderId).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }), [orderId, version]);
  useEveryMinute(state.reload);
  return (
    <section className="card" aria-labelledby="promise-title">
      <h2 id="promise-title">{t('promise.title')}</h2>
      <Async state={state}>
        {(p) => (p === null ? <p className="muted">{t('promise.none')}</p> : <Clocks promise={p} />)}
      </Async>
    </section>
  );
}

function Clocks({ promise: p }: { promise: OrderPromise }) {
  const { t } = useTranslation();
  const now = Date.now();
  const openPause = p.pauses.find((x) => x.endedAt === null);
  return (
    <>
      <p className="muted">
        {t('promise.policy', { name: pick({ zh: p.policy.nameZh, en: p.policy.nameEn }) })} · {t('promise.calendar', { name: pick({ zh: p.calendar.nameZh, en: p.calendar.nameEn }), zone: p.calendar.timeZone })}
      </p>
      {p.paused && (
        <p className="paused-note" role="status">
          {t('promise.pausedSince', { at: dateTime(p.pausedAt), reason: openPause ? t(`hold.${openPause.reason}`, { defaultValue: openPause.reason }) : '' })}
        </p>
      )}
      <ul className="clocks">
        {p.milestones.map((c) => {
          const s = clockState(c, now, t);
          return (
            <li key={`${c.milestone}-${c.cycle}`} className={`clock mark-${s.mark}`}>
              <h3>
                {pick(c.name)}
                {c.cycle > 1 && <span className="muted"> · {t('promise.cycle', { n: c.cycle })}</span>}
              </h3>
              <p className="clock-state">
                <span className={`badge mark-${s.mark}`}>{t(`promise.mark.${s.mark}`)}</span> {s.text}
              </p>
              <dl>
                <dt>{t('promise.target')}</dt>
                <dd>{businessTime(c.targetMinutes, t)}</dd>
                {c.internalTargetMinutes !== null && (
                  <>
                    <dt>{t('promise.internalTarget')}</dt>
                    <dd>
                      {businessTime(c.internalTargetMinutes, t)}
                      {c.internalLeftMinutes !== null && ` · ${c.internalLeftMinutes < 0 ? t('promise.lateBy', { by: businessTime(c.internalLeftMinutes, t) }) : t('promise.left', { left: businessTime(c.internalLeftMinutes, t) })}`}
                      {c.internalKept !== null && ` · ${t(c.internalKept ? 'promise.internalKept' : 'promise.internalMissed')}`}
                    </dd>
                  </>
                )}
                {c.dueAt && (
                  <>
                    <dt>{t('promise.dueAt')}</dt>
                    <dd>
                      {dateTime(c.dueAt)}
                      {c.internalDueAt && ` · ${t('promise.internalDueAt', { at: dateTime(c.internalDueAt) })}`}
                    </dd>
                  </>
                )}
                {c.metAt && (
                  <>
                    <dt>{t('promise.metAt')}</dt>
                    <dd>{dateTime(c.metAt)}</dd>
                  </>
                )}
              </dl>
            </li>
          );
        })}
      </ul>
      {p.pauses.length > 0 && (
        <>
          <h3>{t('promise.pauses')}</h3>
          <ul className="plain">
            {p.pauses.map((x) => (
              <li key={x.startedAt}>
                {t(`hold.${x.reason}`, { defaultValue: x.reason })}: {dateTime(x.startedAt)} – {x.endedAt ? dateTime(x.endedAt) : t('promise.stillPaused')}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
