import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, useLoad } from '../../shared/ui';
import { nameOf } from '../../shared/format';
import { useSession } from '../../shared/session';
import { listProviders, listTechnicians } from '../network/api';
import type { OrderStatus } from './api';

export const statuses: OrderStatus[] = ['intake', 'awaiting_dispatch', 'dispatched', 'assigned', 'booked', 'on_site', 'work_done', 'confirmed', 'followed_up', 'closed', 'cancelled', 'on_hold'];
const kinds = ['installation', 'repair', 'maintenance', 'inspection', 'return_exchange', 'complaint', 'consultation'] as const;
const priorities = ['low', 'normal', 'high', 'urgent'] as const;
const promiseStates = ['at_risk', 'broken', 'kept'] as const;
const dateFields = { created: ['createdFrom', 'createdTo'], deadline: ['deadlineFrom', 'deadlineTo'], booked: ['bookedFrom', 'bookedTo'] } as const;
type DateField = keyof typeof dateFields;

/** The local day of an ISO time, for a date input; and back: the start (or end) of that local day as ISO. */
const dayOf = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 10) : '');
const isoOf = (day: string, end: boolean) => (day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : '');

/** The list's filters, each kept in the page's address (so a view is a link); `update` sets one and goes back to the first page. */
export function ListFilters({ params, update, clear }: { params: URLSearchParams; update: (changes: Record<string, string>) => void; clear: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const network = can('network.read');
  const providerId = params.get('providerId') ?? '';
  const providers = useLoad(() => (network ? listProviders().then((r) => r.items) : Promise.resolve([])), [network]);
  const technicians = useLoad(() => (network ? listTechnicians({ providerId: providerId || undefined, limit: 200 }).then((r) => r.items) : Promise.resolve([])), [network, providerId]);
  const [dateField, setDateField] = useState<DateField>(() => (Object.keys(dateFields) as DateField[]).find((f) => dateFields[f].some((k) => params.get(k))) ?? 'created');
  const [from, to] = dateFields[dateField];
  const select = (key: string, label: string, any: string, options: readonly string[], text: (v: string) => string) => (
    <Field label={label}>
      {(p) => (
        <select {...p} value={params.get(key) ?? ''} onChange={(e) => update({ [key]: e.target.value })}>
          <option value="">{any}</option>
          {options.map((v) => (
            <option key={v} value={v}>
              {text(v)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <fieldset className="filters">
      <legend>{t('lists.filters')}</legend>
      {select('status', t('order.status'), t('orders.allStates'), statuses, (s) => t(`status.${s}`))}
      {select('promise', t('lists.promise'), t('lists.anyPromise'), promiseStates, (s) => t(`lists.promiseState.${s}`))}
      {network && (
        <Field label={t('lists.provider')}>
          {(p) => (
            <select {...p} value={providerId} onChange={(e) => update({ providerId: e.target.value, technicianId: '' })}>
              <option value="">{t('lists.anyProvider')}</option>
              {(providers.data ?? []).map((pr) => (
                <option key={pr.id} value={pr.id}>
                  {nameOf(pr)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {network && (
        <Field label={t('lists.technician')}>
          {(p) => (
            <select {...p} value={params.get('technicianId') ?? ''} onChange={(e) => update({ technicianId: e.target.value })}>
              <option value="">{t('lists.anyTechnician')}</option>
              {(technicians.data ?? []).map((te) => (
                <option key={te.id} value={te.id}>
                  {nameOf(te)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {select('kind', t('lists.kind'), t('lists.anyKind'), kinds, (k) => t(`kind.${k}`))}
      {select('priority', t('lists.priority'), t('lists.anyPriority'), priorities, (k) => t(`priority.${k}`))}
      <Field label={t('lists.region')}>
        {(p) => <input {...p} type="search" key={params.get('region') ?? ''} defaultValue={params.get('region') ?? ''} onKeyDown={(e) => e.key === 'Enter' && update({ region: e.currentTarget.value.trim() })} onBlur={(e) => e.currentTarget.value.trim() !== (params.get('region') ?? '') && update({ region: e.currentTarget.value.trim() })} />}
      </Field>
      <Field label={t('lists.dateOn')}>
        {(p) => (
          <select
            {...p}
            value={dateField}
            onChange={(e) => {
              const next = e.target.value as DateField;
              // The chosen days move to the other date.
              update({ [from]: '', [to]: '', [dateFields[next][0]]: params.get(from) ?? '', [dateFields[next][1]]: params.get(to) ?? '' });
              setDateField(next);
            }}
          >
            {(Object.keys(dateFields) as DateField[]).map((f) => (
              <option key={f} value={f}>
                {t(`lists.dateField.${f}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('lists.from')}>{(p) => <input {...p} type="date" value={dayOf(params.get(from))} onChange={(e) => update({ [from]: isoOf(e.target.value, false) })} />}</Field>
      <Field label={t('lists.to')}>{(p) => <input {...p} type="date" value={dayOf(params.get(to))} onChange={(e) => update({ [to]: isoOf(e.target.value, true) })} />}</Field>
      <Field label={t('orders.q')}>
        {(p) => <input {...p} type="search" key={params.get('q') ?? ''} defaultValue={params.get('q') ?? ''} onKeyDown={(e) => e.key === 'Enter' && update({ q: e.currentTarget.value.trim() })} />}
      </Field>
      <button type="button" onClick={clear}>
        {t('lists.clear')}
      </button>
    </fieldset>
  );
}
