import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Async, Empty, useLoad } from '../../shared/ui';
import { openedCustomer } from '../workspace/api';
import { dateTime } from '../../shared/format';
import { useSession } from '../../shared/session';
import { UnitCard } from '../units';
import { LoyaltyPanel } from '../loyalty';
import { listUnits } from '../units/api';
import { OrderTable } from '../work-orders';
import { ConsentPanel } from '../care';
import { listOrders } from '../work-orders/api';
import { getCustomer } from './api';
import { ContactTimeline } from '../contacts';

export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const state = useLoad(async () => {
    const [customer, units, orders] = await Promise.all([
      getCustomer(id),
      listUnits({ ownerId: id, limit: 50 }),
      listOrders({ customerId: id, limit: 50 }),
    ]);
    return { customer, units: units.items, orders };
  }, [id]);
  const newOrder = useRef<HTMLAnchorElement>(null);
  // The agent's recent customers: remembered once the page has the customer (a failure here is no reason to show an error).
  useEffect(() => {
    if (state.data) void openedCustomer(id).catch(() => undefined);
  }, [state.data, id]);
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
          <LoyaltyPanel customerId={id} />
          <section className="card">
            <h2>{t('customer.orders', { count: orders.total })}</h2>
            {orders.total === 0 ? <Empty>{t('customer.noOrders')}</Empty> : <OrderTable orders={orders.items} />}
          </section>
          {can('contacts.read') && <ContactTimeline customerId={c.id} orders={orders.items} />}
          <ConsentPanel customerId={c.id} />
        </article>
      )}
    </Async>
  );
}
