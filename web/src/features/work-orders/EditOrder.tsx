// Correcting an open order after intake: only what the agent changes is sent, at the order's version.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { Async, Dialog, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { fromLocalInput, named, toLocalInput } from '../../shared/format';
import { getCustomer } from '../customers/api';
import { listUnits } from '../units/api';
import { correctOrder, type Correction, type Order } from './api';

type Values = { contactPhone: string; addressChoice: string; province: string; city: string; district: string; street: string; wishedFrom: string; wishedTo: string; symptom: string; unitId: string; reason: string };
const TYPED = 'typed';
const KEEP = '';

export function EditOrderDialog({ order, onClose, onDone, onStale }: { order: Order; onClose: () => void; onDone: (o: Order) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const local = (iso: string | null) => (iso ? toLocalInput(new Date(iso)) : '');
  const [v, setV] = useState<Values>({
    contactPhone: '',
    addressChoice: KEEP,
    province: order.address.province,
    city: order.address.city,
    district: order.address.district,
    street: order.address.street,
    wishedFrom: local(order.wishedFrom),
    wishedTo: local(order.wishedTo),
    symptom: order.symptom,
    unitId: order.unitId ?? '',
    reason: '',
  });
  const [redispatch, setRedispatch] = useState(false);
  const needs = useLoad(async () => {
    const [customer, units] = await Promise.all([getCustomer(order.customerId), listUnits({ ownerId: order.customerId, limit: 100 })]);
    return { addresses: customer.addresses, units: units.items };
  }, [order.customerId]);
  const set = (k: keyof Values) => (value: string) => setV((s) => ({ ...s, [k]: value }));

  /** Only the fields that differ from the order: the rest stay as they are. */
  function body(): Correction {
    const b: Correction = { version: order.version };
    if (v.contactPhone.trim()) b.contactPhone = v.contactPhone.trim();
    if (v.addressChoice === TYPED) b.address = { province: v.province, city: v.city, district: v.district, street: v.street };
    else if (v.addressChoice !== KEEP) b.addressId = v.addressChoice;
    if (v.wishedFrom !== local(order.wishedFrom)) b.wishedFrom = fromLocalInput(v.wishedFrom) ?? null;
    if (v.wishedTo !== local(order.wishedTo)) b.wishedTo = fromLocalInput(v.wishedTo) ?? null;
    if (v.symptom !== order.symptom) b.symptom = v.symptom;
    if (v.unitId !== (order.unitId ?? '')) b.unitId = v.unitId || null;
    if (v.reason.trim()) b.reason = v.reason.trim();
    if (redispatch) b.redispatch = true;
    return b;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.setError(null);
    try {
      onDone(await correctOrder(order.id, body()));
    } catch (err) {
      errors.setError(err);
      if (err instanceof ApiError && err.status === 409) onStale();
    } finally {
      setBusy(false);
    }
  }

  const text = (k: keyof Values, label: string, extra: { hint?: string; type?: string; error?: string; multiline?: boolean; placeholder?: string } = {}) => (
    <Field label={label} hint={extra.hint} error={extra.error ?? errors.fieldError(k)}>
      {(p) =>
        extra.multiline ? (
          <textarea {...p} rows={2} value={v[k]} onChange={(e) => set(k)(e.target.value)} />
        ) : (
          <input {...p} type={extra.type ?? 'text'} value={v[k]} placeholder={extra.placeholder} onChange={(e) => set(k)(e.target.value)} />
        )
      }
    </Field>
  );

  return (
    <Dialog title={t('edit.title', { number: order.number })} onClose={onClose}>
      <Async state={needs}>
        {(n) => (
          <form onSubmit={submit} noValidate className="edit-order">
            <p className="muted">{t('edit.intro')}</p>
            {text('contactPhone', t('order.contactPhone'), { hint: t('edit.phoneHint'), placeholder: order.contactPhone, type: 'tel' })}
            <Field label={t('order.address')} hint={t('edit.addressHint')} error={errors.fieldError('addressId')}>
              {(p) => (
                <select {...p} value={v.addressChoice} onChange={(e) => set('addressChoice')(e.target.value)}>
                  <option value={KEEP}>{t('edit.keepAddress', { address: `${order.address.city} ${order.address.district} ${order.address.street}` })}</option>
                  {n.addresses.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.label} · {a.city} {a.district} {a.street}
                    </option>
                  ))}
                  <option value={TYPED}>{t('edit.typeAddress')}</option>
                </select>
              )}
            </Field>
            {v.addressChoice === TYPED && (
              <fieldset className="grid2">
                <legend>{t('edit.newAddress')}</legend>
                {text('province', t('edit.province'), { error: errors.fieldError('address.province') })}
                {text('city', t('edit.city'), { error: errors.fieldError('address.city') })}
                {text('district', t('edit.district'), { error: errors.fieldError('address.district') })}
                {text('street', t('edit.street'), { error: errors.fieldError('address.street') })}
              </fieldset>
            )}
            <div className="grid2">
              {text('wishedFrom', t('order.wishedFrom'), { type: 'datetime-local' })}
              {text('wishedTo', t('order.wishedTo'), { type: 'datetime-local' })}
            </div>
            {text('symptom', t('order.symptom'), { multiline: true })}
            <Field label={t('order.unit')} error={errors.fieldError('unitId')}>
              {(p) => (
                <select {...p} value={v.unitId} onChange={(e) => set('unitId')(e.target.value)}>
                  <option value="">{t('intake.noUnit')}</option>
                  {n.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {named({ nameZh: u.modelNameZh, nameEn: u.modelNameEn })} · {u.serials.map((s) => s.serial).join(' / ')}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {text('reason', t('field.reason'), { hint: t('edit.reasonHint') })}
            {/* Only when asked: an address outside the provider's area otherwise stays a warning. */}
            {order.providerId && ['dispatched', 'assigned', 'booked'].includes(order.status) && (
              <label className="check">
                <input type="checkbox" checked={redispatch} onChange={(e) => setRedispatch(e.target.checked)} /> {t('edit.redispatch')}
              </label>
            )}
            <FormError message={errors.fieldError('version') ?? errors.formError()} />
            <div className="actions">
              <button type="button" onClick={onClose}>
                {t('action.cancelDialog')}
              </button>
              <button type="submit" className="primary" disabled={busy}>
                {t('edit.save')}
              </button>
            </div>
          </form>
        )}
      </Async>
    </Dialog>
  );
}

/** What the last correction put at risk, in the reader's language. */
export function OrderWarnings({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  if (order.warnings.length === 0) return null;
  return (
    <section className="card warning" role="status" aria-labelledby="order-warnings">
      <h2 id="order-warnings">{t('edit.warnings')}</h2>
      <ul>
        {order.warnings.map((w) => (
          <li key={w.code} data-code={w.code}>
            {i18n.language?.startsWith('zh') ? w.zh : w.en}
          </li>
        ))}
      </ul>
    </section>
  );
}
