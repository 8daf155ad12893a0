import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get, post, query } from '../api';
import { Async, Empty, Field, FormError, StatusBadge, useFormErrors, useLoad } from '../ui';
import { date, dateTime, money, named, pick } from '../format';
import { useSession } from '../session';
import type { Customer, Order, Page, SanbaoAnswer, Unit } from '../types';

export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const state = useLoad(async () => {
    const [customer, units, orders] = await Promise.all([
      get<Customer>(`/customers/${id}`),
      get<Page<Unit>>(`/units${query({ ownerId: id, limit: 50 })}`),
      get<Page<Order>>(`/work-orders${query({ customerId: id, limit: 50 })}`),
    ]);
    return { customer, units: units.items, orders };
  }, [id]);
  const newOrder = useRef<HTMLAnchorElement>(null);
  // Keyboard intake: the next step, opening an order, has the focus.
  useEffect(() => {
    if (state.data) newOrder.current?.focus();
  }, [state.data]);

  return (
    <Async state={state}>
      {({ customer: c, units, orders }) => (
        <article aria-labelledby="customer-title">
          <header className="page-head">
            <div>
              <h1 id="customer-title">{c.name}</h1>
              <p className="muted">
                {c.number} · {t(`tier.${c.tier}`, { defaultValue: c.tier })} · {t(`customer.kind.${c.kind}`)}
              </p>
            </div>
            {can('orders.intake') && (
              <Link ref={newOrder} className="button primary" to={`/app/customers/${c.id}/new-order`}>
                {t('customer.newOrder')}
              </Link>
            )}
          </header>
          <section className="grid2">
            <div className="card">
              <h2>{t('customer.contact')}</h2>
              <dl>
                <dt>{t('customer.phones')}</dt>
                <dd>{c.phones.map((p) => `${p.phone}${p.isPrimary ? ` (${t('customer.primary')})` : ''}`).join(', ') || '—'}</dd>
                <dt>{t('customer.addresses')}</dt>
                <dd>
                  {c.addresses.length === 0
                    ? '—'
                    : c.addresses.map((a) => (
                        <div key={a.id}>
                          {a.province} {a.city} {a.district} {a.street}
                        </div>
                      ))}
                </dd>
                <dt>{t('customer.language')}</dt>
                <dd>{t(`language.${c.preferredLanguage}`)}</dd>
                <dt>{t('customer.since')}</dt>
                <dd>{dateTime(c.createdAt)}</dd>
              </dl>
            </div>
            <div className="card">
              <h2>{t('customer.units', { count: units.length })}</h2>
              {units.length === 0 ? <Empty>{t('customer.noUnits')}</Empty> : units.map((u) => <UnitCard key={u.id} unit={u} />)}
            </div>
          </section>
          <section className="card">
            <h2>{t('customer.orders', { count: orders.total })}</h2>
            {orders.total === 0 ? <Empty>{t('customer.noOrders')}</Empty> : <OrderTable orders={orders.items} />}
          </section>
        </article>
      )}
    </Async>
  );
}

export function OrderTable({ orders, link = (o: Order) => `/app/orders/${o.id}` }: { orders: Order[]; link?: (o: Order) => string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('order.number')}</th>
            <th scope="col">{t('order.status')}</th>
            <th scope="col">{t('order.kind')}</th>
            <th scope="col">{t('order.symptom')}</th>
            <th scope="col">{t('order.created')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={link(o)}>{o.number}</Link>
              </td>
              <td>
                <StatusBadge status={o.status} />
              </td>
              <td>{t(`kind.${o.kind}`)}</td>
              <td>{o.symptom}</td>
              <td>{dateTime(o.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WarrantyLine({ unit: u }: { unit: { warranty: Pick<Unit['warranty'], 'wholeUnit' | 'mainParts' | 'reason'> } }) {
  const { t } = useTranslation();
  const w = u.warranty;
  return (
    <p className={`warranty ${w.wholeUnit.inWarranty ? 'in' : 'out'}`}>
      <strong>{w.wholeUnit.inWarranty ? t('warranty.in') : t('warranty.out')}</strong> · {t('warranty.wholeUntil', { date: date(w.wholeUnit.endsOn) })} ·{' '}
      {t('warranty.mainUntil', { date: date(w.mainParts.endsOn) })}
      <br />
      <small>{pick(w.reason)}</small>
    </p>
  );
}

function UnitCard({ unit: u }: { unit: Unit }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <div className="unit">
      <h3>
        {named({ nameZh: u.modelNameZh, nameEn: u.modelNameEn })} <span className="muted">{u.modelCode}</span>
      </h3>
      <p className="muted">
        {u.serials.map((s) => `${t(`serial.${s.role}`)} ${s.serial}`).join(' · ')} · {t('unit.bought', { date: date(u.purchaseDate) })} · {money(u.priceFen, u.currency)}
      </p>
      <WarrantyLine unit={u} />
      <button type="button" aria-expanded={asking} onClick={() => setAsking((a) => !a)}>
        {t('sanbao.ask')}
      </button>
      {asking && <SanbaoForm unitId={u.id} />}
    </div>
  );
}

/** Which 三包 remedy applies to a fault reported today, and why: asked before any work starts. */
function SanbaoForm({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const [faultCode, setFaultCode] = useState('');
  const [kind, setKind] = useState<'performance' | 'other'>('performance');
  const [flags, setFlags] = useState({ misuse: false, unauthorisedDismantling: false, customerRequestsNoReasonReturn: false });
  const [answer, setAnswer] = useState<SanbaoAnswer | null>(null);
  const form = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setError(null);
    try {
      setAnswer(await post<SanbaoAnswer>(`/units/${unitId}/sanbao`, { faultCode, kind, ...flags }));
    } catch (err) {
      setAnswer(null);
      form.setError(err);
    }
  }
  return (
    <form className="sanbao" onSubmit={submit}>
      <Field label={t('sanbao.faultCode')} error={form.fieldError('faultCode')} hint={t('sanbao.faultHint')} required>
        {(p) => <input {...p} value={faultCode} onChange={(e) => setFaultCode(e.target.value)} />}
      </Field>
      <Field label={t('sanbao.kind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as 'performance' | 'other')}>
            <option value="performance">{t('sanbao.performance')}</option>
            <option value="other">{t('sanbao.other')}</option>
          </select>
        )}
      </Field>
      {(Object.keys(flags) as (keyof typeof flags)[]).map((k) => (
        <label key={k} className="check">
          <input type="checkbox" checked={flags[k]} onChange={(e) => setFlags({ ...flags, [k]: e.target.checked })} /> {t(`sanbao.${k}`)}
        </label>
      ))}
      <FormError message={form.formError()} />
      <button type="submit">{t('sanbao.submit')}</button>
      {answer && (
        <div className="answer" role="status">
          <p>
            <strong>{answer.options.map((o) => t(`sanbao.option.${o}`)).join(' / ')}</strong> · {answer.free ? t('sanbao.free') : t('sanbao.paid')}
            {answer.refundAmountFen > 0 && ` · ${t('sanbao.refund', { amount: money(answer.refundAmountFen) })}`}
          </p>
          <p>{pick(answer.reason)}</p>
          <small className="muted">{t('sanbao.rule', { rule: answer.rule })}</small>
        </div>
      )}
    </form>
  );
}
