import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Async, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { fromLocalInput } from '../../shared/format';
import { getCustomer } from '../customers/api';
import { listUnits } from '../units/api';
import { KindField, UnitField, WishedWindow } from './request-fields';
import { TemplatePicker } from '../workspace';
import { listOrders, takeInOrder, type IntakeInput, type OrderKind } from './api';

const kinds: OrderKind[] = ['repair', 'installation', 'maintenance', 'inspection', 'return_exchange', 'complaint', 'consultation'];
const priorities = ['normal', 'high', 'urgent', 'low'] as const;

/**
 * Intake from a phone call, keyboard only: the first field has the focus, Tab walks the form in
 * reading order, Ctrl+Enter (or Enter on the button) opens the order. The call's reference is made
 * once per form, so a second press opens nothing twice.
 */
export function NewOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const state = useLoad(async () => {
    const [customer, units, orders] = await Promise.all([
      getCustomer(id),
      listUnits({ ownerId: id, limit: 50 }),
      listOrders({ customerId: id, limit: 50 }),
    ]);
    return { customer, units: units.items, orders: orders.items };
  }, [id]);
  const externalRef = useMemo(() => `DESK-${crypto.randomUUID()}`, []);
  const [form, setForm] = useState({ kind: 'repair' as OrderKind, unitId: '', symptom: '', priority: 'normal' as (typeof priorities)[number], addressId: '', contactPhone: '', wishedFrom: '', wishedTo: '', complaintOfOrderId: '', accept: true });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    errors.setError(null);
    const body: IntakeInput = {
      kind: form.kind,
      priority: form.priority,
      channel: 'phone',
      externalRef,
      customerId: id,
      unitId: form.unitId || null,
      symptom: form.symptom,
      addressId: form.addressId || null,
      contactPhone: form.contactPhone.trim() || null,
      wishedFrom: fromLocalInput(form.wishedFrom) ?? null,
      wishedTo: fromLocalInput(form.wishedTo) ?? null,
      complaintOfOrderId: form.kind === 'complaint' && form.complaintOfOrderId ? form.complaintOfOrderId : null,
      accept: form.accept,
    };
    try {
      const order = await takeInOrder(body);
      navigate(`/app/orders/${order.id}`);
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <Async state={state}>
      {({ customer, units, orders }) => (
        <form className="card intake" onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby="intake-title" noValidate>
          <h1 id="intake-title">{t('intake.title', { name: customer.name })}</h1>
          <p className="hint">{t('intake.keys')}</p>
          <div className="grid2">
            <KindField kinds={kinds} value={form.kind} errors={errors} onChange={(k) => set('kind', k)} />
            <UnitField units={units} value={form.unitId} errors={errors} onChange={(id) => set('unitId', id)} />
          </div>
          <TemplatePicker categoryId={units.find((u) => u.id === form.unitId)?.categoryId ?? null} onPick={(symptom) => set('symptom', symptom)} />
          <Field label={t('order.symptom')} error={errors.fieldError('symptom')} required>
            {(p) => <textarea {...p} rows={3} value={form.symptom} onChange={(e) => set('symptom', e.target.value)} />}
          </Field>
          {form.kind === 'complaint' && (
            <Field label={t('intake.complaintOf')} error={errors.fieldError('complaintOfOrderId')}>
              {(p) => (
                <select {...p} value={form.complaintOfOrderId} onChange={(e) => set('complaintOfOrderId', e.target.value)}>
                  <option value="">—</option>
                  {orders.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.number} · {o.symptom}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div className="grid2">
            <Field label={t('order.priority')} error={errors.fieldError('priority')}>
              {(p) => (
                <select {...p} value={form.priority} onChange={(e) => set('priority', e.target.value as (typeof priorities)[number])}>
                  {priorities.map((k) => (
                    <option key={k} value={k}>
                      {t(`priority.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('order.address')} error={errors.fieldError('addressId') ?? errors.fieldError('address')}>
              {(p) => (
                <select {...p} value={form.addressId} onChange={(e) => set('addressId', e.target.value)}>
                  <option value="">{t('intake.defaultAddress')}</option>
                  {customer.addresses.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.city} {a.district} {a.street}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('order.contactPhone')} error={errors.fieldError('contactPhone')} hint={t('intake.phoneHint')}>
              {(p) => <input {...p} type="tel" value={form.contactPhone} onChange={(e) => set('contactPhone', e.target.value)} />}
            </Field>
            <div />
            <WishedWindow from={form.wishedFrom} to={form.wishedTo} errors={errors} onChange={set} />
          </div>
          <label className="check">
            <input type="checkbox" checked={form.accept} onChange={(e) => set('accept', e.target.checked)} /> {t('intake.accept')}
          </label>
          <FormError message={errors.formError()} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('intake.submit')}
            </button>
          </div>
        </form>
      )}
    </Async>
  );
}
