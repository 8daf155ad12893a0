import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Async, Empty, useLoad } from '../../shared/ui';
import { OrderList } from '../work-orders';
import { listOrders } from '../work-orders/api';
import { searchCustomers } from './api';

/** The service desk's one box: phone (full or last digits), name, customer number, serial, or an order number. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const firstResult = useRef<HTMLAnchorElement>(null);
  const results = useLoad(async () => {
    if (!q) return null;
    const [customers, orders] = await Promise.all([
      searchCustomers({ q, limit: 20 }),
      listOrders({ q, limit: 10 }),
    ]);
    return { customers, orders };
  }, [q]);

  // After a search the first hit has the focus: Enter opens it, Tab walks the rest.
  useEffect(() => {
    if (results.data) firstResult.current?.focus();
  }, [results.data]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  }

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form role="search" className="search" onSubmit={submit}>
        <label htmlFor="desk-search" className="visually-hidden">
          {t('search.label')}
        </label>
        <input id="desk-search" type="search" autoFocus value={text} onChange={(e) => setText(e.target.value)} placeholder={t('search.placeholder')} />
        <button type="submit" className="primary">
          {t('search.submit')}
        </button>
      </form>
      {!q ? (
        <Empty>{t('search.hint')}</Empty>
      ) : (
        <Async state={results}>
          {(r) =>
            !r || (r.customers.total === 0 && r.orders.total === 0) ? (
              <Empty>{t('search.none', { q })}</Empty>
            ) : (
              <>
                {r.customers.total > 0 && (
                  <>
                    <h2>{t('search.customers', { count: r.customers.total })}</h2>
                    <p>
                      <a href={`/customers/export?format=csv&q=${encodeURIComponent(q)}`} download>
                        {t('search.exportCsv')}
                      </a>{' '}
                      <a href={`/customers/export?format=xlsx&q=${encodeURIComponent(q)}`} download>
                        {t('search.exportXlsx')}
                      </a>
                    </p>
                    <ul className="results">
                      {r.customers.items.map((c, i) => (
                        <li key={c.id}>
                          <Link ref={i === 0 ? firstResult : undefined} to={`/app/customers/${c.id}`}>
                            <strong>{c.name}</strong> <span className="muted">{c.number}</span>
                          </Link>
                          <span>{c.phones.map((p) => p.phone).join(', ')}</span>
                          <span className="muted">{c.addresses[0] ? `${c.addresses[0].city} ${c.addresses[0].district}` : ''}</span>
                          <span className="badge">{t(`tier.${c.tier}`, { defaultValue: c.tier })}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {r.orders.total > 0 && (
                  <>
                    <h2>{t('search.orders', { count: r.orders.total })}</h2>
                    <OrderList orders={r.orders.items} href={(o) => `/app/orders/${o.id}`} firstRef={r.customers.total === 0 ? firstResult : undefined} />
                  </>
                )}
              </>
            )
          }
        </Async>
      )}
    </section>
  );
}
