import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api';
import { Async, Empty, ErrorState, Field, FormError, Loading, StatusBadge, errorText, useLoad } from '../../shared/ui';
import { count, date as showDate, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import type { OrderStatus } from '../../shared/types';
import { listProviders } from '../network/api';
import { DayView, clock, minutes, unassignedOrders, type DayVisit } from './DayView';
import { applyPlan, getBoard, getPlan, planDay, stopPlan, type Board, type DayPlan } from './api';

/** The calendar date n days from today in the provider's time zone (its day is what is planned). */
function dayFromToday(n: number, timeZone = 'Asia/Shanghai'): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The dispatcher's board: for a provider and a date, each technician's day and the plot of the
 * visits; then "plan the day": a preview of the optimizer's plan beside what changes, applied in
 * one step (or refused when the day changed since the preview).
 */
export function DispatchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { me } = useSession();
  // A provider's own staff plan their provider's days only.
  const own = me?.user?.providerId ?? null;
  const providers = useLoad(() => listProviders().then((r) => r.items.filter((p) => p.active && (!own || p.id === own))), [own]);
  const providerId = params.get('providerId') ?? providers.data?.[0]?.id ?? '';
  const zone = providers.data?.find((p) => p.id === providerId)?.timeZone;
  const date = params.get('date') ?? dayFromToday(1, zone);
  const planId = params.get('plan');
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    setParams(next);
  };
  return (
    <section aria-labelledby="dispatch-title">
      <header className="page-head">
        <h1 id="dispatch-title">{t('board.title')}</h1>
        <p className="quick-links">
          <Link to="/app/orders?status=awaiting_dispatch">{t('board.awaitingDispatch')}</Link>
          <Link to="/app/orders?status=dispatched">{t('board.awaitingAssignment')}</Link>
          <Link to="/app/at-risk">{t('nav.atRisk')}</Link>
        </p>
      </header>
      <Async state={providers}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('board.noProviders')}</Empty>
          ) : (
            <>
              <div className="board-filters">
                <Field label={t('board.provider')}>
                  {(p) => (
                    <select {...p} value={providerId} onChange={(e) => set({ providerId: e.target.value, plan: null })}>
                      {list.map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.name} ({x.code})
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('board.date')}>
                  {(p) => <input {...p} type="date" value={date} onChange={(e) => e.target.value && set({ date: e.target.value, plan: null })} />}
                </Field>
                <div className="action-bar">
                  <button type="button" onClick={() => set({ date: dayFromToday(0, zone), plan: null })}>{t('board.today')}</button>
                  <button type="button" onClick={() => set({ date: dayFromToday(1, zone), plan: null })}>{t('board.tomorrow')}</button>
                </div>
              </div>
              {providerId && <Day key={`${providerId} ${date}`} providerId={providerId} date={date} planId={planId} onPlan={(id) => set({ plan: id })} />}
            </>
          )
        }
      </Async>
    </section>
  );
}

function Day({ providerId, date, planId, onPlan }: { providerId: string; date: string; planId: string | null; onPlan: (id: string | null) => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const board = useLoad(() => getBoard({ providerId, date }), [providerId, date]);
  const [planning, setPlanning] = useState(false);
  const [planError, setPlanError] = useState<unknown>(null);
  const [applied, setApplied] = useState<DayPlan | null>(null);

  async function plan() {
    setPlanning(true);
    setPlanError(null);
    setApplied(null);
    try {
      // In the background: the preview follows the optimizer's best plan so far and can stop it.
      const made = await planDay({ providerId, date, background: true });
      board.reload();
      onPlan(made.id);
    } catch (err) {
      setPlanError(err);
    } finally {
      setPlanning(false);
    }
  }

  return (
    <Async state={board}>
      {(b) => {
        const visits: DayVisit[] = b.visits;
        const waiting = unassignedOrders(b, visits);
        return (
          <>
            {applied && (
              <p className="notice ok" role="status">
                {t('plan.appliedNote', { planned: applied.summary.planned, date: showDate(applied.date) })}
              </p>
            )}
            <section className="card" aria-labelledby="board-day">
              <div className="page-head">
                <h2 id="board-day">{t('board.dayOf', { date: showDate(date) })}</h2>
                {can('dispatch.plan') && !planId && (
                  <button type="button" className="primary" onClick={plan} disabled={planning}>
                    {t('plan.make')}
                  </button>
                )}
              </div>
              <p className="muted">
                {t('board.summary', { orders: b.orders.length, visits: visits.length, technicians: b.technicians.filter((x) => x.shifts.length > 0).length })}
                {b.appliedPlanId ? ` · ${t('board.planApplied')}` : ''}
              </p>
              {planning && (
                <p className="state" role="status" aria-live="polite">
                  <span className="spinner" aria-hidden="true" /> {t('plan.planning')}
                </p>
              )}
              {planError !== null && <ErrorState error={planError} />}
              {b.technicians.length === 0 ? <Empty>{t('board.noTechnicians')}</Empty> : <DayView board={b} visits={visits} title={t('board.current')} />}
              <WaitingOrders board={b} orders={waiting} />
            </section>
            {planId && (
              <PlanPreview
                key={planId}
                planId={planId}
                board={b}
                onDiscard={() => onPlan(null)}
                onReplan={plan}
                onApplied={(p) => {
                  setApplied(p);
                  onPlan(null);
                  board.reload();
                }}
              />
            )}
          </>
        );
      }}
    </Async>
  );
}

/** Orders of the day nobody visits yet, each linking to its page (where the suggestion is). */
function WaitingOrders({ board, orders, reasons }: { board: Board; orders: Board['orders']; reasons?: Map<string, { zh: string; en: string }> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`waiting-${reasons ? 'plan' : 'now'}`}>
      <h3 id={`waiting-${reasons ? 'plan' : 'now'}`}>{t(reasons ? 'plan.unplanned' : 'board.waiting', { count: orders.length })}</h3>
      {orders.length === 0 ? (
        <p className="muted">{t(reasons ? 'plan.allPlanned' : 'board.noneWaiting')}</p>
      ) : (
        <ul className="results waiting">
          {orders.map((o) => (
            <li key={o.id}>
              <Link to={`/app/orders/${o.id}`}>
                <strong>{o.number}</strong>
              </Link>
              <StatusBadge status={o.status as OrderStatus} />
              <span>{o.district}</span>
              <span className="muted">
                {o.windowFrom && o.windowTo ? `${t(o.windowKind === 'appointment' ? 'board.appointment' : 'board.wish')} ${clock(o.windowFrom, board.timeZone)}–${clock(o.windowTo, board.timeZone)}` : t('board.anyTime')}
                {o.requiredCertification ? ` · ${o.requiredCertification}` : ''}
              </span>
              {reasons?.get(o.id) && <span className="reason">{pick(reasons.get(o.id)!)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PlanPreview({ planId, board, onDiscard, onReplan, onApplied }: { planId: string; board: Board; onDiscard: () => void; onReplan: () => void; onApplied: (p: DayPlan) => void }) {
  const { t } = useTranslation();
  const state = useLoad(() => getPlan(planId), [planId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const planning = state.data?.status === 'planning';
  const { reload } = state;
  // While the optimizer works, its best plan so far is asked for every second.
  useEffect(() => {
    if (!planning) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [planning, reload]);

  async function stop() {
    setError(null);
    try {
      await stopPlan(planId);
    } catch (err) {
      // It may have ended on its own meanwhile: the next look shows which.
      if (!(err instanceof ApiError && err.status === 409)) setError(err);
    }
    reload();
  }

  async function apply() {
    setBusy(true);
    setError(null);
    try {
      onApplied(await applyPlan(planId));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card preview" aria-labelledby="plan-title">
      <Async state={state}>
        {(plan) => {
          const orders = new Map(board.orders.map((o) => [o.id, o]));
          const names = new Map(board.technicians.map((x) => [x.id, x.name]));
          const changes = plan.stops.filter((s) => orders.get(s.orderId)?.technicianId !== s.technicianId);
          const reasons = new Map(plan.unplanned.map((u) => [u.orderId, u]));
          const left = plan.unplanned.map((u) => orders.get(u.orderId)).filter((o): o is Board['orders'][number] => !!o);
          const stale = error instanceof ApiError && error.status === 409 && error.code === 'plan_stale';
          const staleOrders = stale ? ((error as ApiError).raw as { orders?: string[] } | undefined)?.orders ?? [] : [];
          const title = (
            <div className="page-head">
              <h2 id="plan-title">
                {t('plan.title', { date: showDate(plan.date) })} <span className={`badge plan-${plan.status}`}>{t(`plan.status.${plan.status}`)}</span>
              </h2>
            </div>
          );
          if (plan.status === 'planning' || plan.status === 'failed') {
            return (
              <>
                {title}
                {plan.status === 'failed' ? (
                  <div className="notice warn" role="alert">
                    <p>{t('plan.failed')}</p>
                    <button type="button" className="primary" onClick={onReplan}>
                      {t('plan.again')}
                    </button>
                  </div>
                ) : (
                  <PlanProgress plan={plan} onStop={stop} />
                )}
                {error !== null && <FormError message={errorText(error, t)} />}
              </>
            );
          }
          return (
            <>
              {title}
              <dl className="figures">
                <div className="figure">
                  <dt>{t('plan.planned')}</dt>
                  <dd className="figure-value">
                    {count(plan.summary.planned)} / {count(plan.summary.orders)}
                  </dd>
                </div>
                <div className="figure">
                  <dt>{t('plan.technicians')}</dt>
                  <dd className="figure-value">{count(plan.summary.technicians)}</dd>
                </div>
                <div className="figure">
                  <dt>{t('plan.travel')}</dt>
                  <dd className="figure-value">{t('plan.minutes', { n: minutes(plan.summary.travelSeconds) })}</dd>
                </div>
                <div className="figure">
                  <dt>{t('plan.distance')}</dt>
                  <dd className="figure-value">{t('plan.km', { n: (plan.summary.distanceMetres / 1000).toFixed(1) })}</dd>
                </div>
              </dl>
              {stale && (
                <div className="notice warn" role="alert">
                  <p>
                    <strong>{t('plan.staleTitle')}</strong> {t('plan.staleText', { count: staleOrders.length })}
                  </p>
                  {staleOrders.length > 0 && (
                    <ul className="plain compact">
                      {staleOrders.map((id) => (
                        <li key={id}>
                          <Link to={`/app/orders/${id}`}>{orders.get(id)?.number ?? id}</Link>
                        </li>
                      ))}
                    </ul>
                  )}
                  <button type="button" className="primary" onClick={onReplan}>
                    {t('plan.again')}
                  </button>
                </div>
              )}
              {error !== null && !stale && <FormError message={errorText(error, t)} />}
              {(plan.approximate ?? []).length > 0 && (
                <div className="notice" role="note">
                  <p>{t('plan.approximate', { count: plan.approximate!.length })}</p>
                  <ul className="plain compact">
                    {plan.approximate!.map((a) => (
                      <li key={a.orderId}>
                        <Link to={`/app/orders/${a.orderId}`}>{orders.get(a.orderId)?.number ?? a.orderId}</Link> · {pick(a)}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {plan.status === 'preview' && !stale && (
                <div className="action-bar">
                  <button type="button" className="primary" onClick={apply} disabled={busy}>
                    {t('plan.apply')}
                  </button>
                  <button type="button" onClick={onDiscard} disabled={busy}>
                    {t('plan.discard')}
                  </button>
                </div>
              )}
              {busy && <Loading />}
              <PlanPromises plan={plan} board={board} />
              <h3 className="spaced">{t('plan.changes', { count: changes.length })}</h3>
              {changes.length === 0 ? (
                <p className="muted">{t('plan.noChanges')}</p>
              ) : (
                <div className="table-wrap">
                  <table className="changes-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('order.number')}</th>
                        <th scope="col">{t('plan.from')}</th>
                        <th scope="col">{t('plan.to')}</th>
                        <th scope="col">{t('plan.when')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {changes.map((s) => {
                        const o = orders.get(s.orderId);
                        return (
                          <tr key={s.orderId}>
                            <td>
                              <Link to={`/app/orders/${s.orderId}`}>{o?.number ?? s.orderId}</Link>
                            </td>
                            <td>{o?.technicianId ? names.get(o.technicianId) ?? '—' : t('plan.nobody')}</td>
                            <td>{names.get(s.technicianId) ?? s.technicianId}</td>
                            <td>
                              #{s.sequence} · {clock(s.start, board.timeZone)}–{clock(s.end, board.timeZone)}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              <h3>{t('plan.onTheBoard')}</h3>
              <DayView board={board} visits={plan.stops} title={t('plan.previewTitle')} />
              <WaitingOrders board={board} orders={left} reasons={reasons} />
            </>
          );
        }}
      </Async>
    </section>
  );
}

/** The optimizer at work: how far into its time, and the best plan it has so far; it can be stopped. */
function PlanProgress({ plan, onStop }: { plan: DayPlan; onStop: () => void }) {
  const { t } = useTranslation();
  const p = plan.progress;
  const seconds = (ms: number) => Math.round(ms / 1000);
  return (
    <div className="plan-progress">
      <p id="plan-progress-label" className="state" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> {plan.stopRequested ? t('plan.stopping') : t('plan.planning')}
      </p>
      {p && (
        <>
          <progress aria-labelledby="plan-progress-label" max={Math.max(1, p.limitMs)} value={Math.min(p.elapsedMs, p.limitMs)} />
          <p className="muted">{t('plan.elapsed', { elapsed: seconds(p.elapsedMs), limit: seconds(p.limitMs) })}</p>
          <dl className="figures" aria-label={t('plan.bestSoFar')}>
            <div className="figure">
              <dt>{t('plan.planned')}</dt>
              <dd className="figure-value">
                {count(p.planned)} / {count(p.orders)}
              </dd>
            </div>
            <div className="figure">
              <dt>{t('plan.travel')}</dt>
              <dd className="figure-value">{t('plan.minutes', { n: minutes(p.travelSeconds) })}</dd>
            </div>
          </dl>
        </>
      )}
      <div className="action-bar">
        <button type="button" onClick={onStop} disabled={plan.stopRequested}>
          {t('plan.stop')}
        </button>
      </div>
    </div>
  );
}

/** Each on-site promise against the plan: broken ones first (by how much), then kept (with how much to spare). */
function PlanPromises({ plan, board }: { plan: DayPlan; board: Board }) {
  const { t } = useTranslation();
  if (plan.promises.length === 0) return null;
  const numbers = new Map(board.orders.map((o) => [o.id, o.number]));
  const rank = { broken: 0, unplanned: 1, kept: 2 } as const;
  const list = [...plan.promises].sort((a, b) => rank[a.outcome] - rank[b.outcome] || b.minutes - a.minutes);
  const kept = plan.promises.filter((x) => x.outcome === 'kept').length;
  // A promise due on another day (often one already lost) names its date too.
  const dueWhen = (iso: string) => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: board.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
    return day === plan.date ? clock(iso, board.timeZone) : `${showDate(day)} ${clock(iso, board.timeZone)}`;
  };
  return (
    <section aria-labelledby="plan-promises">
      <h3 id="plan-promises" className="spaced">
        {t('plan.promises', { kept, broken: plan.promises.length - kept })}
      </h3>
      <ul className="results promises">
        {list.map((x) => (
          <li key={x.orderId}>
            <Link to={`/app/orders/${x.orderId}`}>
              <strong>{numbers.get(x.orderId) ?? x.orderId}</strong>
            </Link>
            <span className={`badge promise-${x.outcome}`}>{t(`plan.promise.${x.outcome}`, { n: x.minutes })}</span>
            <span className="muted">{t('plan.promiseDue', { time: dueWhen(x.dueAt) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
