import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, get, post, query } from '../api';
import { Async, Dialog, Field, FormError, StatusBadge, useFormErrors, useLoad } from '../ui';
import { dateTime, named, timeWindow, toLocalInput } from '../format';
import { useSession } from '../session';
import { bodyOf, fieldsOf, type FieldSpec } from './actions';
import { PromiseClocks } from './PromiseClocks';
import { SlotPicker, Suggestions } from './Suggestions';
import type { FaultNode, HistoryRow, Order, OrderAction, Page, Provider, Technician, UnitDetail } from '../types';

async function loadOrder(id: string) {
  const [order, history] = await Promise.all([get<Order>(`/work-orders/${id}`), get<{ items: HistoryRow[] }>(`/work-orders/${id}/history`)]);
  // Names for the ids, where this user may read them; a technician sees the order without them.
  const [provider, technician, unit, names] = await Promise.all([
    order.providerId ? get<Provider>(`/providers/${order.providerId}`).catch(() => null) : null,
    order.technicianId ? get<Technician>(`/technicians/${order.technicianId}`).catch(() => null) : null,
    order.unitId ? get<UnitDetail>(`/units/${order.unitId}`).catch(() => null) : null,
    namesInHistory(history.items),
  ]);
  return { order, history: history.items, provider, technician, unit, names };
}

/** The providers and technicians the history's change rows name, by id, where this user may read them. */
async function namesInHistory(history: HistoryRow[]): Promise<Record<string, string>> {
  const ids = { providerId: new Set<string>(), technicianId: new Set<string>() };
  for (const h of history) {
    for (const key of ['providerId', 'technicianId'] as const) {
      const c = h.changes[key];
      for (const v of c ? [c.from, c.to] : []) if (typeof v === 'string') ids[key].add(v);
    }
  }
  const named = await Promise.all([
    ...[...ids.providerId].map((id) => get<Provider>(`/providers/${id}`).then((p) => [id, p.name] as const, () => null)),
    ...[...ids.technicianId].map((id) => get<Technician>(`/technicians/${id}`).then((x) => [id, x.name] as const, () => null)),
  ]);
  return Object.fromEntries(named.filter((n) => n !== null));
}

export function OrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can, me } = useSession();
  const state = useLoad(() => loadOrder(id), [id]);
  const [action, setAction] = useState<OrderAction | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const isStaff = me?.kind === 'staff';

  return (
    <Async state={state}>
      {({ order: o, history, provider, technician, unit, names }) => (
        <article aria-labelledby="order-title">
          <header className="page-head">
            <div>
              <h1 id="order-title">
                {t('order.title', { number: o.number })} <StatusBadge status={o.status} />
              </h1>
              <p className="muted">
                {t(`kind.${o.kind}`)} · {t(`priority.${o.priority}`)} · {t(`channel.${o.channel}`, { defaultValue: o.channel })}
                {o.holdReason && ` · ${t(`hold.${o.holdReason}`)}`}
              </p>
            </div>
            {isStaff && (
              <Link className="button" to={`/app/customers/${o.customerId}`}>
                {t('order.toCustomer')}
              </Link>
            )}
          </header>
          <section className="card" aria-labelledby="next-steps">
            <h2 id="next-steps">{t('order.nextSteps')}</h2>
            {o.allowedActions.length === 0 ? (
              <p className="muted">{t('order.noSteps')}</p>
            ) : (
              <div className="action-bar">
                {o.allowedActions.map((a) => (
                  <button key={a} type="button" className={a === o.allowedActions[0] ? 'primary' : ''} onClick={() => setAction(a)}>
                    {t(`action.${a}`)}
                  </button>
                ))}
              </div>
            )}
          </section>
          {can('orders.assign') && o.providerId && o.allowedActions.includes('assign') && (o.status === 'dispatched' || o.status === 'assigned') && <Suggestions order={o} onAssigned={state.reload} />}
          <PromiseClocks orderId={o.id} version={o.version} />
          <section className="grid2">
            <div className="card">
              <h2>{t('order.details')}</h2>
              <dl>
                <dt>{t('order.symptom')}</dt>
                <dd>{o.symptom}</dd>
                <dt>{t('order.contactPhone')}</dt>
                <dd>
                  {phone ?? o.contactPhone}{' '}
                  {isStaff && !phone && can('customers.phone.full') && (
                    <button type="button" className="link" onClick={async () => setPhone((await post<{ contactPhone: string }>(`/work-orders/${o.id}/reveal-contact`)).contactPhone)}>
                      {t('order.reveal')}
                    </button>
                  )}
                </dd>
                <dt>{t('order.address')}</dt>
                <dd>
                  {o.address.province} {o.address.city} {o.address.district} {o.address.street}
                </dd>
                <dt>{t('order.unit')}</dt>
                <dd>{unit ? `${named({ nameZh: unit.modelNameZh, nameEn: unit.modelNameEn })} · ${unit.serials.map((s) => s.serial).join(' / ')}` : '—'}</dd>
                <dt>{t('order.wished')}</dt>
                <dd>{timeWindow(o.wishedFrom, o.wishedTo)}</dd>
                <dt>{t('order.provider')}</dt>
                <dd>{provider?.name ?? (o.providerId ? t('order.assignedHidden') : '—')}</dd>
                <dt>{t('order.technician')}</dt>
                <dd>{technician?.name ?? (o.technicianId ? t('order.assignedHidden') : '—')}</dd>
                <dt>{t('order.appointment')}</dt>
                <dd>{timeWindow(o.appointmentFrom, o.appointmentTo)}</dd>
                {o.checkedInAt && (
                  <>
                    <dt>{t('order.checkedIn')}</dt>
                    <dd>{dateTime(o.checkedInAt)}</dd>
                  </>
                )}
                {o.doneAt && (
                  <>
                    <dt>{t('order.done')}</dt>
                    <dd>
                      {dateTime(o.doneAt)} · {o.symptomCode} / {o.causeCode} / {o.remedyCode}
                    </dd>
                  </>
                )}
                {o.confirmedAt && (
                  <>
                    <dt>{t('order.confirmed')}</dt>
                    <dd>
                      {dateTime(o.confirmedAt)} · {t(`confirmedBy.${o.confirmedBy}`, { defaultValue: o.confirmedBy ?? '' })}
                    </dd>
                  </>
                )}
                <dt>{t('order.created')}</dt>
                <dd>{dateTime(o.createdAt)}</dd>
              </dl>
            </div>
            <Timeline history={history} names={names} />
          </section>
          {action && (
            <ActionDialog
              order={o}
              action={action}
              categoryId={unit?.categoryId ?? null}
              onClose={() => setAction(null)}
              onStale={state.reload}
              onDone={() => {
                setAction(null);
                state.reload();
              }}
            />
          )}
        </article>
      )}
    </Async>
  );
}

/** Every history row, oldest first: who did what, when, from where, why, and what changed. */
export function Timeline({ history, names = {} }: { history: HistoryRow[]; names?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title', { count: history.length })}</h2>
      <ol className="timeline">
        {history.map((h) => (
          <li key={h.id} className={h.action.endsWith('_refused') ? 'refused' : ''}>
            <div className="when">{dateTime(h.at)}</div>
            <div>
              <strong>{t(`history.${h.action}`, { defaultValue: h.action })}</strong>
              {h.fromStatus && h.fromStatus !== h.toStatus && (
                <span className="muted">
                  {' '}
                  {t(`status.${h.fromStatus}`)} → {t(`status.${h.toStatus}`)}
                </span>
              )}
              <div className="muted small">
                {h.actor}
                {h.actorAddress ? ` · ${h.actorAddress}` : ''}
              </div>
              {h.reason && <div>{t('timeline.reason', { reason: h.reason })}</div>}
              {Object.keys(h.changes).filter((k) => k !== 'status').length > 0 && (
                <ul className="changes">
                  {Object.entries(h.changes)
                    .filter(([k]) => k !== 'status')
                    .map(([k, c]) => (
                      <li key={k}>
                        {t(`field.${k}`, { defaultValue: k })}: {show(c.from, names)} → {show(c.to, names)}
                      </li>
                    ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function show(v: unknown, names: Record<string, string>): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' && names[v]) return names[v];
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return dateTime(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One step's form: the fields the API needs, each with its own error under it. */
export function ActionDialog({ order, action, categoryId, onClose, onDone, onStale }: { order: Order; action: OrderAction; categoryId: string | null; onClose: () => void; onDone: (o: Order) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [values, setValues] = useState<Record<string, string | boolean>>(() => initialValues(action, order));
  const needs = useLoad(async () => {
    const [providers, technicians, faultTree] = await Promise.all([
      action === 'dispatch' ? get<{ items: Provider[] }>('/providers').then((r) => r.items) : [],
      action === 'assign' && order.providerId ? get<Page<Technician>>(`/technicians${query({ providerId: order.providerId, limit: 200 })}`).then((r) => r.items) : [],
      action === 'complete' && categoryId ? get<{ items: FaultNode[] }>(`/catalog/categories/${categoryId}/fault-codes`).then((r) => r.items) : null,
    ]);
    return { providers, technicians, faultTree };
  }, [action]);

  async function submit(e: FormEvent, fields: FieldSpec[]) {
    e.preventDefault();
    setBusy(true);
    errors.setError(null);
    try {
      onDone(await post<Order>(`/work-orders/${order.id}/${action.replaceAll('_', '-')}`, bodyOf(fields, values, order.version)));
    } catch (err) {
      errors.setError(err);
      // A refused code is counted on the order, and a 409 means it moved on: show it as it is now.
      if (err instanceof ApiError && (err.status === 409 || err.status === 422)) onStale();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t(`action.${action}`)} onClose={onClose}>
      <Async state={needs}>
        {(n) => {
          const fields = fieldsOf(action, { order, values, ...n, canOverride: can('orders.confirm_override'), label: t, named });
          return (
            <form onSubmit={(e) => submit(e, fields)} noValidate>
              {action === 'book' && <SlotPicker order={order} chosen={typeof values.from === 'string' ? values.from : undefined} onPick={(from, to) => setValues((s) => ({ ...s, from, to }))} />}
              {fields.length === 0 && <p>{t(`actionHint.${action}`)}</p>}
              {fields.map((f, i) => (
                <ActionField key={f.name} spec={f} action={action} autoFocus={i === 0} value={values[f.name]} error={errors.fieldError(f.name)} onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))} />
              ))}
              {action === 'check_in' && <PositionButton onPosition={(lat, lng) => setValues((s) => ({ ...s, lat: String(lat), lng: String(lng) }))} />}
              <FormError message={errors.formError()} />
              <div className="actions">
                <button type="button" onClick={onClose}>
                  {t('action.cancelDialog')}
                </button>
                <button type="submit" className="primary" disabled={busy} autoFocus={fields.length === 0}>
                  {t(`action.${action}`)}
                </button>
              </div>
            </form>
          );
        }}
      </Async>
    </Dialog>
  );
}

function initialValues(action: OrderAction, order: Order): Record<string, string | boolean> {
  if (action === 'book') {
    const from = order.wishedFrom ? new Date(order.wishedFrom) : nextHour(new Date());
    const to = order.wishedTo ? new Date(order.wishedTo) : new Date(from.getTime() + 2 * 3600_000);
    return { from: toLocalInput(from), to: toLocalInput(to) };
  }
  if (action === 'follow_up') return { satisfaction: 'delighted', attitude: '5', skill: '5', fixedFirstTime: true, repeatVisit: false };
  if (action === 'hold') return { reason: 'waiting_for_customer' };
  return {};
}

function nextHour(d: Date): Date {
  const n = new Date(d);
  n.setMinutes(0, 0, 0);
  n.setHours(n.getHours() + 1);
  return n;
}

function ActionField({ spec: f, action, value, error, autoFocus, onChange }: { spec: FieldSpec; action: OrderAction; value: string | boolean | undefined; error?: string; autoFocus: boolean; onChange: (v: string | boolean) => void }) {
  const { t } = useTranslation();
  const label = t(`field.${f.name}`);
  if (f.type === 'checkbox') {
    return (
      <label className="check">
        <input type="checkbox" checked={value === true} autoFocus={autoFocus} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    );
  }
  const hint = t(`fieldHint.${action}.${f.name}`, { defaultValue: '' }) || undefined;
  return (
    <Field label={label} error={error} hint={hint} required={f.required}>
      {(p) => {
        const common = { ...p, autoFocus, value: typeof value === 'string' ? value : '' };
        if (f.type === 'select')
          return (
            <select {...common} onChange={(e) => onChange(e.target.value)}>
              <option value="">{t('field.choose')}</option>
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          );
        if (f.type === 'textarea') return <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />;
        return (
          <input
            {...common}
            type={f.type === 'datetime' ? 'datetime-local' : f.type === 'number' ? 'number' : 'text'}
            inputMode={f.name === 'code' ? 'numeric' : undefined}
            min={f.min}
            max={f.max}
            step={f.step}
            onChange={(e) => onChange(e.target.value)}
          />
        );
      }}
    </Field>
  );
}

/** Fills latitude and longitude from the device, when it will tell. */
function PositionButton({ onPosition }: { onPosition: (lat: number, lng: number) => void }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  if (!('geolocation' in navigator)) return null;
  return (
    <p>
      <button
        type="button"
        onClick={() =>
          navigator.geolocation.getCurrentPosition(
            (pos) => onPosition(Number(pos.coords.latitude.toFixed(6)), Number(pos.coords.longitude.toFixed(6))),
            () => setFailed(true),
            { enableHighAccuracy: true, timeout: 10_000 },
          )
        }
      >
        {t('checkIn.usePosition')}
      </button>
      {failed && <small className="field-error"> {t('checkIn.noPosition')}</small>}
    </p>
  );
}
