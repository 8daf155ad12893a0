// The parts of a service request the desk's intake and the customer's portal form share.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field, StatusBadge } from '../../shared/ui';
import { dateTime, named } from '../../shared/format';
import type { Unit } from '../units/api';
import type { Order, OrderKind } from './api';

type Errors = { fieldError: (path: string) => string | undefined };

export function KindField({ kinds, value, errors, onChange }: { kinds: OrderKind[]; value: OrderKind; errors: Errors; onChange: (k: OrderKind) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('order.kind')} error={errors.fieldError('kind')} required>
      {(p) => (
        <select {...p} autoFocus value={value} onChange={(e) => onChange(e.target.value as OrderKind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Staff and customer views of a unit both carry what the choice shows. */
type UnitChoice = Pick<Unit, 'id' | 'modelNameZh' | 'modelNameEn' | 'serials'> & { warranty: { wholeUnit: { inWarranty: boolean } } };

export function UnitField({ units, value, errors, onChange }: { units: UnitChoice[]; value: string; errors: Errors; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('order.unit')} error={errors.fieldError('unitId')}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('intake.noUnit')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {named({ nameZh: u.modelNameZh, nameEn: u.modelNameEn })} · {u.serials[0]?.serial} · {u.warranty.wholeUnit.inWarranty ? t('warranty.in') : t('warranty.out')}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function WishedWindow({ from, to, errors, onChange }: { from: string; to: string; errors: Errors; onChange: (k: 'wishedFrom' | 'wishedTo', v: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('order.wishedFrom')} error={errors.fieldError('wishedFrom')}>
        {(p) => <input {...p} type="datetime-local" value={from} onChange={(e) => onChange('wishedFrom', e.target.value)} />}
      </Field>
      <Field label={t('order.wishedTo')} error={errors.fieldError('wishedTo')}>
        {(p) => <input {...p} type="datetime-local" value={to} onChange={(e) => onChange('wishedTo', e.target.value)} />}
      </Field>
    </>
  );
}

/** Orders as a short list: number (a link), state, symptom, when. */
type OrderLine = Pick<Order, 'id' | 'number' | 'status' | 'symptom' | 'createdAt'>;

export function OrderList<O extends OrderLine>({ orders, href, firstRef }: { orders: O[]; href: (o: O) => string; firstRef?: Ref<HTMLAnchorElement> }) {
  return (
    <ul className="results">
      {orders.map((o, i) => (
        <li key={o.id}>
          <Link ref={i === 0 ? firstRef : undefined} to={href(o)}>
            <strong>{o.number}</strong>
          </Link>
          <StatusBadge status={o.status} />
          <span>{o.symptom}</span>
          <span className="muted">{dateTime(o.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}
