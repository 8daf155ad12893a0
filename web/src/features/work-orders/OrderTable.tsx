import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { StatusBadge } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import type { Order } from './api';

/** Which orders are ticked, for the list's bulk steps. */
export type Selection = { selected: ReadonlySet<string>; toggle: (id: string) => void; setAll: (ids: string[], on: boolean) => void };
/** The list's sort ("createdAt", "-deadline" …) and how a column header changes it. */
export type Sorting = { sort: string; onSort: (sort: string) => void };

type Column = { key: string; label: string; sortField?: string; cell: (o: Order) => React.ReactNode };

/**
 * The orders as a table. The work-order list adds ticks, column sorts and keyboard moves
 * (j/k or arrows, Enter opens, x ticks), with the focused row outlined; other pages show it plain.
 */
export function OrderTable({ orders, link = (o: Order) => `/app/orders/${o.id}`, selection, sorting, wide }: { orders: Order[]; link?: (o: Order) => string; selection?: Selection; sorting?: Sorting; wide?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const [focus, setFocus] = useState(0);
  useEffect(() => setFocus(0), [orders]);
  const columns: Column[] = [
    { key: 'status', label: t('order.status'), sortField: wide ? 'status' : undefined, cell: (o) => <StatusBadge status={o.status} /> },
    { key: 'kind', label: t('order.kind'), cell: (o) => t(`kind.${o.kind}`) },
    ...(wide ? [{ key: 'priority', label: t('order.priority'), sortField: 'priority', cell: (o: Order) => t(`priority.${o.priority}`) }] : []),
    { key: 'symptom', label: t('order.symptom'), cell: (o) => o.symptom },
    ...(wide
      ? [
          { key: 'deadline', label: t('lists.deadline'), sortField: 'deadline', cell: (o: Order) => (o.deadline ? dateTime(o.deadline) : '—') },
          { key: 'booked', label: t('lists.booked'), sortField: 'bookedAt', cell: (o: Order) => (o.appointmentFrom ? dateTime(o.appointmentFrom) : '—') },
        ]
      : []),
    { key: 'created', label: t('order.created'), sortField: wide ? 'createdAt' : undefined, cell: (o) => dateTime(o.createdAt) },
  ];

  const move = (to: number) => {
    const next = Math.max(0, Math.min(orders.length - 1, to));
    setFocus(next);
    rows.current[next]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (!selection || e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
    const o = orders[focus];
    if (e.key === 'j' || e.key === 'ArrowDown') move(focus + 1);
    else if (e.key === 'k' || e.key === 'ArrowUp') move(focus - 1);
    else if (e.key === 'Enter' && o) navigate(link(o));
    else if (e.key === 'x' && o) selection.toggle(o.id);
    else return;
    e.preventDefault();
  };
  const allTicked = selection && orders.length > 0 && orders.every((o) => selection.selected.has(o.id));

  return (
    <div className="table-wrap">
      <table className={selection ? 'order-list' : undefined}>
        <thead>
          <tr>
            {selection && (
              <th scope="col">
                <input type="checkbox" aria-label={t('lists.selectAll')} checked={!!allTicked} onChange={(e) => selection.setAll(orders.map((o) => o.id), e.target.checked)} />
              </th>
            )}
            <th scope="col">{t('order.number')}</th>
            {columns.map((c) => {
              const sorted = sorting && c.sortField && sorting.sort.replace(/^-/, '') === c.sortField ? (sorting.sort.startsWith('-') ? 'descending' : 'ascending') : undefined;
              return (
                <th key={c.key} scope="col" aria-sort={sorted ?? (sorting && c.sortField ? 'none' : undefined)}>
                  {sorting && c.sortField ? (
                    <button type="button" className="sort" aria-label={t('lists.sortBy', { column: c.label })} onClick={() => sorting.onSort(sorted === 'ascending' ? `-${c.sortField}` : c.sortField!)}>
                      {c.label} <span aria-hidden="true">{sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody onKeyDown={onKey}>
          {orders.map((o, i) => (
            <tr
              key={o.id}
              ref={(el) => {
                rows.current[i] = el;
              }}
              tabIndex={selection ? (i === focus ? 0 : -1) : undefined}
              onFocus={selection ? () => setFocus(i) : undefined}
              data-testid={selection ? 'order-row' : undefined}
            >
              {selection && (
                <td>
                  <input type="checkbox" aria-label={t('lists.select', { number: o.number })} checked={selection.selected.has(o.id)} onChange={() => selection.toggle(o.id)} tabIndex={-1} />
                </td>
              )}
              <td>
                <Link to={link(o)} tabIndex={selection ? -1 : undefined}>
                  {o.number}
                </Link>
              </td>
              {columns.map((c) => (
                <td key={c.key}>{c.cell(o)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
