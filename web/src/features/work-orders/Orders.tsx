import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Async, Empty, Pager, useLoad } from '../../shared/ui';
import { OrderTable, type Selection } from './OrderTable';
import { ListFilters } from './ListFilters';
import { SavedViews, viewOfAddress } from './SavedViews';
import { BulkBar } from './BulkBar';
import { useLiveEvents } from '../../shared/live';
import { exportUrl, listOrders } from './api';

export { statuses } from './ListFilters';
const limit = 25;
const filterKeys = ['status', 'kind', 'priority', 'promise', 'providerId', 'technicianId', 'region', 'q', 'createdFrom', 'createdTo', 'deadlineFrom', 'deadlineTo', 'bookedFrom', 'bookedTo'] as const;

/**
 * The list's one way to load: from the page's address (filters, sort, page). Whatever refreshes the
 * list (a reload, a bulk step, a live event) calls this same function through `useLoad`'s reload.
 */
export function loadOrders(params: URLSearchParams) {
  const q: Record<string, string | number> = { limit, offset: Number(params.get('offset') ?? 0), sort: params.get('sort') ?? '-createdAt' };
  for (const k of filterKeys) {
    const v = params.get(k);
    if (v) q[k] = v;
  }
  return listOrders(q);
}

/** Orders this user may see (the server scopes them): filtered, sorted, saved as views, ticked for bulk steps, exported. */
export function OrdersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const offset = Number(params.get('offset') ?? 0);
  const state = useLoad(() => loadOrders(params), [params.toString()]);
  // News of an order (another user's step) shows in the list without a reload.
  useLiveEvents(null, () => state.reload());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Another filter or page: the ticks were for the orders no longer shown.
  useEffect(() => setSelected(new Set()), [params.toString()]);
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('offset' in changes)) next.delete('offset');
    setParams(next);
  };
  const openView = (v: { filters: Record<string, string>; sort: string }) => setParams(new URLSearchParams({ ...v.filters, ...(v.sort !== '-createdAt' ? { sort: v.sort } : {}) }));
  const selection: Selection = useMemo(
    () => ({
      selected,
      toggle: (id) => setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
      setAll: (ids, on) => setSelected(on ? new Set(ids) : new Set()),
    }),
    [selected],
  );
  const { filters, sort } = viewOfAddress(params);
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t('orders.title')}</h1>
      <SavedViews params={params} open={openView} />
      <ListFilters params={params} update={update} clear={() => setParams(new URLSearchParams(params.get('sort') ? { sort: params.get('sort')! } : {}))} />
      <div className="list-tools">
        <a href={exportUrl({ ...filters, sort }, 'csv')} download>
          {t('lists.exportCsv')}
        </a>
        <a href={exportUrl({ ...filters, sort }, 'xlsx')} download>
          {t('lists.exportXlsx')}
        </a>
        <span className="muted">{t('lists.keys')}</span>
      </div>
      <BulkBar orders={(state.data?.items ?? []).filter((o) => selected.has(o.id))} onDone={() => { setSelected(new Set()); state.reload(); }} />
      <Async state={state}>
        {(page) =>
          page.total === 0 ? (
            <Empty>{t('orders.none')}</Empty>
          ) : (
            <>
              <p className="muted">{t('orders.count', { count: page.total })}</p>
              <OrderTable orders={page.items} selection={selection} sorting={{ sort, onSort: (s) => update({ sort: s }) }} wide />
              <Pager total={page.total} limit={limit} offset={offset} onOffset={(o) => update({ offset: String(o) })} />
            </>
          )
        }
      </Async>
    </section>
  );
}
