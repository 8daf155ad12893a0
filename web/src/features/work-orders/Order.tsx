import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Async, StatusBadge, useLoad } from '../../shared/ui';
import { useLiveEvents } from '../../shared/live';
import { dateTime, named, nameOf, timeWindow } from '../../shared/format';
import { useSession } from '../../shared/session';
import { PhoneFold } from '../../shared/phone';
import { Suggestions } from '../dispatch';
import { getProviderName, getTechnician } from '../network/api';
import { PromiseClocks } from '../promises';
import { OrderEvidence } from '../evidence';
import { OrderFees, OrderMoney } from '../fees';
import { FeeDisputes } from '../disputes';
import { OrderReturnCase } from '../returns';
import { OrderPartsCard } from '../parts';
import { getUnit } from '../units/api';
import { ActionDialog } from './ActionDialog';
import { EditOrderDialog, OrderWarnings } from './EditOrder';
import { Timeline } from './Timeline';
import { OrderNotes } from '../workspace';
import { VisitCard } from './VisitCard';
import { actOnOrder, getOrder, orderHistory, revealContact, type HistoryRow, type OrderAction } from './api';

async function loadOrder(id: string) {
  const [order, history] = await Promise.all([getOrder(id), orderHistory(id)]);
  // Names for the ids, where this user may read them (a technician: their own and their provider's).
  const [provider, technician, unit, names] = await Promise.all([
    order.providerId ? getProviderName(order.providerId).catch(() => null) : null,
    order.technicianId ? getTechnician(order.technicianId).catch(() => null) : null,
    order.unitId ? getUnit(order.unitId).catch(() => null) : null,
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
    ...[...ids.providerId].map((id) => getProviderName(id).then((p) => [id, nameOf(p)] as const, () => null)),
    ...[...ids.technicianId].map((id) => getTechnician(id).then((x) => [id, nameOf(x)] as const, () => null)),
  ]);
  return Object.fromEntries(named.filter((n) => n !== null));
}

const ahead = ['assigned', 'booked', 'on_site'];

export function OrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can, me } = useSession();
  const state = useLoad(() => loadOrder(id), [id]);
  // Another user's step on this order shows here without a reload.
  useLiveEvents(null, () => state.reload(), id);
  const [action, setAction] = useState<OrderAction | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const isStaff = me?.kind === 'staff';
  const mayCorrect = isStaff && (can('orders.intake') || can('orders.manage'));

  return (
    <Async state={state}>
      {({ order: o, history, provider, technician, unit, names }) => (
        <article className="order-page" aria-labelledby="order-title">
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
            <div className="action-bar">
              {mayCorrect && o.status !== 'closed' && o.status !== 'cancelled' && (
                <button type="button" onClick={() => setEditing(true)}>
                  {t('edit.button')}
                </button>
              )}
              {isStaff && (
                <Link className="button" to={`/app/customers/${o.customerId}`}>
                  {t('order.toCustomer')}
                </Link>
              )}
            </div>
          </header>
          <OrderWarnings order={o} />
          {can('orders.field') && ahead.includes(o.status) && <VisitCard order={o} />}
          <section className="card next-steps" aria-labelledby="next-steps">
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
          {can('orders.assign') && o.providerId && o.allowedActions.includes('assign') && (o.status === 'dispatched' || o.status === 'assigned') && <Suggestions order={o} assign={(technicianId, reason) => actOnOrder(o.id, 'assign', { version: o.version, technicianId, reason })} onAssigned={state.reload} />}
          <OrderEvidence order={o} canTakePhotos={can('orders.field')} onChange={state.reload} />
          <OrderMoney order={o} onChange={state.reload} />
          <OrderPartsCard order={o} onChange={state.reload} />
          {/* On a phone, what is not needed at the door folds into one section the technician opens when they want it. */}
          <PhoneFold className="fold" title={t('visit.more')} titleOnDesk={false}>
          <PromiseClocks orderId={o.id} version={o.version} />
          <OrderReturnCase order={o} />
          {o.doneAt && <OrderFees order={o} />}
          {o.doneAt && <FeeDisputes orderId={o.id} />}
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
                    <button type="button" className="link" onClick={async () => setPhone((await revealContact(o.id)).contactPhone)}>
                      {t('order.reveal')}
                    </button>
                  )}
                </dd>
                <dt>{t('order.address')}</dt>
                <dd>
                  {o.address.province} {o.address.city} {o.address.district} {o.address.street}
                  {o.address.approximate && <span className="badge"> {t('edit.approximate')}</span>}
                </dd>
                <dt>{t('order.unit')}</dt>
                <dd>{unit ? `${named({ nameZh: unit.modelNameZh, nameEn: unit.modelNameEn })} · ${unit.serials.map((s) => s.serial).join(' / ')}` : '—'}</dd>
                <dt>{t('order.wished')}</dt>
                <dd>{timeWindow(o.wishedFrom, o.wishedTo)}</dd>
                <dt>{t('order.provider')}</dt>
                <dd>{provider ? nameOf(provider) : o.providerId ? t('order.assignedHidden') : '—'}</dd>
                <dt>{t('order.technician')}</dt>
                <dd>{technician ? (me?.user?.technicianId === technician.id ? t('visit.you', { name: nameOf(technician) }) : nameOf(technician)) : o.technicianId ? t('order.assignedHidden') : '—'}</dd>
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
                      {dateTime(o.doneAt)}
                      {o.symptomCode && ` · ${o.symptomCode} / ${o.causeCode} / ${o.remedyCode}`}
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
          <OrderNotes orderId={o.id} onAdded={state.reload} />
          </PhoneFold>
          {editing && (
            <EditOrderDialog
              order={o}
              onClose={() => setEditing(false)}
              onStale={state.reload}
              onDone={() => {
                setEditing(false);
                state.reload();
              }}
            />
          )}
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
