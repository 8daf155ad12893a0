import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api';
import { Async, Empty, ErrorState, Field, FormError, Loading, StatusBadge, errorText, useLoad } from '../../shared/ui';
import { useLiveEvents } from '../../shared/live';
import { count, date as showDate, pick, nameOf } from '../../shared/format';
import { useSession } from '../../shared/session';
import type { OrderStatus } from '../../shared/types';
import { listProviders } from '../network/api';
import { regionKey } from '../../../../src/modules/work-orders/work-orders.rules';
import { DayView, clock, minutes, unassignedOrders, type DayVisit } from './DayView';
import { MoveForm, MoveNotices, useMoves } from './Moves';
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
  const list = providers.data ?? [];
  // The providers on the board: those in the address, else the ones this user chose last time
  // (kept in this browser, per user), else the first.
  const storeKey = me?.user ? `aftercare.board.providers.${me.user.id}` : null;
  const known = new Set(list.map((p) => p.id));
  const fromUrl = params.getAll('providerId').filter((id) => known.has(id));
  const remembered = rememberedProviders(storeKey).filter((id) => known.has(id));
  const providerIds = fromUrl.length ? fromUrl : remembered.length ? remembered : list.slice(0, 1).map((p) => p.id);
  const chosenKey = providerIds.join(',');
  useEffect(() => {
    if (storeKey && chosenKey) localStorage.setItem(storeKey, JSON.stringify(chosenKey.split(',')));
  }, [storeKey, chosenKey]);
  const regions = regionsOf(list);
  // The region whose providers are exactly the ones on the board, if any.
  const region = regions.find((r) => r.providerIds.join(',') === [...providerIds].sort().join(','))?.key ?? '';
  const zone = list.find((p) => p.id === providerIds[0])?.timeZone;
  const date = params.get('date') ?? dayFromToday(1, zone);
  const planId = params.get('plan');
  const planFor = params.get('planFor') ?? providerIds[0];
  const set = (changes: Record<string, string | string[] | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      next.delete(k);
      for (const x of Array.isArray(v) ? v : v ? [v] : []) next.append(k, x);
    }
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
                <Field label={t('board.provider')} hint={list.length > 1 ? t('move.providers') : undefined}>
                  {(p) => (
                    <select
                      {...p}
                      multiple
                      size={Math.min(list.length, 4)}
                      value={providerIds}
                      onChange={(e) => set({ providerId: [...e.target.selectedOptions].map((o) => o.value), plan: null, planFor: null })}
                    >
                      {list.map((x) => (
                        <option key={x.id} value={x.id}>
                          {nameOf(x)} ({x.code})
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {list.length > 1 && regions.length > 0 && (
                  <Field label={t('board.region')} hint={t('board.regionHint')}>
                    {(p) => (
                      <select {...p} value={region} onChange={(e) => { const r = regions.find((x) => x.key === e.target.value); if (r) set({ providerId: r.providerIds, plan: null, planFor: null }); }}>
                        <option value="">{t('board.noRegion')}</option>
                        {regions.map((r) => (
                          <option key={r.key} value={r.key}>
                            {t('board.regionOption', { region: r.label, count: r.providerIds.length })}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
                <Field label={t('board.date')}>
                  {(p) => <input {...p} type="date" value={date} onChange={(e) => e.target.value && set({ date: e.target.value, plan: null, planFor: null })} />}
                </Field>
                <div className="action-bar">
                  <button type="button" onClick={() => set({ date: dayFromToday(0, zone), plan: null, planFor: null })}>{t('board.today')}</button>
                  <button type="button" onClick={() => set({ date: dayFromToday(1, zone), plan: null, planFor: null })}>{t('board.tomorrow')}</button>
                </div>
              </div>
              {providerIds.map((id) => (
                <Day
                  key={`${id} ${date}`}
                  providerId={id}
                  providerName={providerIds.length > 1 ? (list.find((p) => p.id === id) ? nameOf(list.find((p) => p.id === id)!) : null) : null}
                  date={date}
                  planId={planFor === id ? planId : null}
                  onPlan={(plan) => set({ plan, planFor: plan ? id : null })}
                />
              ))}
            </>
          )
        }
      </Async>
    </section>
  );
}

/**
 * The regions the providers serve (a city, or a whole province), each with every provider serving
 * it: choosing one puts all of them on the board at once.
 */
export function regionsOf(list: { id: string; serviceArea: { regions: { province: string; city?: string | null }[] } }[]) {
  const byKey = new Map<string, { key: string; label: string; providerIds: Set<string> }>();
  for (const p of list) {
    for (const r of p.serviceArea.regions) {
      // 广东省 广州市 and 广东 广州 are one region: the first spelling met is the one shown.
      const label = [r.province, r.city].filter(Boolean).join(' ');
      const key = [r.province, r.city].filter((x): x is string => Boolean(x)).map(regionKey).join(' ');
      const entry = byKey.get(key) ?? { key, label, providerIds: new Set<string>() };
      entry.providerIds.add(p.id);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].map((r) => ({ ...r, providerIds: [...r.providerIds].sort() })).sort((a, b) => a.label.localeCompare(b.label, 'zh'));
}

/** The providers this user had on the board last time, in this browser. */
function rememberedProviders(key: string | null): string[] {
  if (!key) return [];
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function Day({ providerId, providerName, date, planId, onPlan }: { providerId: string; providerName: string | null; date: string; planId: string | null; onPlan: (id: string | null) => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const board = useLoad(() => getBoard({ providerId, date }), [providerId, date]);
  const headingId = useId();
  // Assignments, bookings and visits made elsewhere show on the board without a reload.
  useLiveEvents(['dispatched', 'assigned', 'booked', 'checked_in', 'completed'], () => board.reload());
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
        const acts = can('dispatch.plan') && !planId;
        return (
          <>
            {applied && (
              <p className="notice ok" role="status">
                {t('plan.appliedNote', { planned: applied.summary.planned, date: showDate(applied.date) })}
              </p>
            )}
            <section className="card board-day" aria-labelledby={headingId} data-provider={providerId}>
              <div className="page-head">
                <h2 id={headingId}>
                  {providerName ? `${providerName} · ` : ''}
                  {t('board.dayOf', { date: showDate(date) })}
                </h2>
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
              {acts ? (
                <BoardActions board={b} visits={visits} waiting={waiting} onChanged={board.reload} />
              ) : (
                <>
                  {b.technicians.length === 0 ? <Empty>{t('board.noTechnicians')}</Empty> : <DayView board={b} visits={visits} title={t('board.current')} />}
                  <WaitingOrders board={b} orders={waiting} />
                </>
              )}
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
function WaitingOrders({ board, orders, reasons, onMoveTo }: { board: Board; orders: Board['orders']; reasons?: Map<string, { zh: string; en: string }>; onMoveTo?: (orderId: string) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={onMoveTo ? 'unplanned-pane' : undefined}>
      <h3 id={headingId}>{t(reasons ? 'plan.unplanned' : 'board.waiting', { count: orders.length })}</h3>
      {onMoveTo && <p className="muted small">{t('move.unplannedPane')}</p>}
      {orders.length === 0 ? (
        <p className="muted">{t(reasons ? 'plan.allPlanned' : 'board.noneWaiting')}</p>
      ) : (
        <ul className="results waiting">
          {orders.map((o) => (
            <li key={o.id} data-order={o.id} draggable={onMoveTo ? true : undefined} onDragStart={onMoveTo ? (e) => e.dataTransfer.setData('text/plain', o.id) : undefined}>
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
              {onMoveTo && (
                <button type="button" onClick={() => onMoveTo(o.id)}>
                  {t('move.moveTo', { number: o.number })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The board as it stands, to act on: drag an order onto a technician's row, or move it from the form; the last move can be undone. */
function BoardActions({ board, visits, waiting, onChanged }: { board: Board; visits: DayVisit[]; waiting: Board['orders']; onChanged: () => void }) {
  const { t } = useTranslation();
  const moves = useMoves(board, onChanged);
  const [orderId, setOrderId] = useState(waiting[0]?.id ?? board.orders[0]?.id ?? '');
  const form = useRef<HTMLDivElement>(null);
  return (
    <>
      <MoveNotices board={board} moves={moves} />
      {board.technicians.length === 0 ? (
        <Empty>{t('board.noTechnicians')}</Empty>
      ) : (
        <>
          <p className="muted small">{t('move.dragHint')}</p>
          <DayView board={board} visits={visits} title={t('board.current')} onDrop={(id, techId, start) => void moves.moveTo(id, techId, start)} />
        </>
      )}
      <WaitingOrders
        board={board}
        orders={waiting}
        onMoveTo={(id) => {
          setOrderId(id);
          // After the form is drawn for that order: the keyboard goes on to the technician.
          setTimeout(() => form.current?.querySelectorAll('select')[1]?.focus(), 0);
        }}
      />
      {board.orders.length > 0 && board.technicians.length > 0 && (
        <div ref={form}>
          <MoveForm key={orderId} board={board} moves={moves} orderId={orderId} onOrder={setOrderId} />
        </div>
      )}
    </>
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
          const names = new Map(board.technicians.map((x) => [x.id, nameOf(x)]));
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
