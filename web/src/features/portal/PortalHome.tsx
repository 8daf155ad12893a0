import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../shared/session';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { date, fromLocalInput, money, named } from '../../shared/format';
import { WarrantyLine } from '../units';
import type { NewUnit } from '../units/api';
import { KindField, OrderList, UnitField, WishedWindow } from '../work-orders';
import { PortalCare } from '../care';
import { PortalContracts } from '../contracts';
import { PortalReferral } from '../loyalty';
import type { OrderKind } from '../work-orders/api';
import { PortalSuggestions } from '../contacts';
import { askForService, modelsToRegister, myOrders, myself, myUnits, registerMyUnit, type CustomerUnit } from './api';

/** The customer's own page: their units with warranty, their orders, and the two things they can start. */
export function PortalHome() {
  const { t } = useTranslation();
  const { me } = useSession();
  const customerId = me?.customerId ?? '';
  const state = useLoad(async () => {
    const [customer, units, orders] = await Promise.all([
      myself(customerId),
      myUnits(customerId),
      myOrders(customerId),
    ]);
    return { customer, units: units.items, orders: orders.items };
  }, [customerId]);
  const [open, setOpen] = useState<'unit' | 'service' | null>(null);

  return (
    <Async state={state}>
      {({ customer, units, orders }) => (
        <article aria-labelledby="portal-title">
          <h1 id="portal-title">{t('portal.hello', { name: customer.name })}</h1>
          <section className="card" aria-labelledby="my-orders">
            <h2 id="my-orders">{t('portal.orders')}</h2>
            {orders.length === 0 ? (
              <Empty>{t('portal.noOrders')}</Empty>
            ) : (
              <OrderList orders={orders} href={(o) => `/my/orders/${o.id}`} />
            )}
            <button type="button" className="primary" aria-expanded={open === 'service'} onClick={() => setOpen(open === 'service' ? null : 'service')}>
              {t('portal.requestService')}
            </button>
            <Link className="button" to="/my/prices">
              {t('fees.pricesTitle')}
            </Link>
            {open === 'service' && <RequestService customerId={customerId} units={units} onDone={() => { setOpen(null); state.reload(); }} />}
          </section>
          <section className="card" aria-labelledby="my-units">
            <h2 id="my-units">{t('portal.units')}</h2>
            {units.length === 0 ? (
              <Empty>{t('portal.noUnits')}</Empty>
            ) : (
              units.map((u) => (
                <div className="unit" key={u.id}>
                  <h3>
                    {named({ nameZh: u.modelNameZh, nameEn: u.modelNameEn })} <span className="muted">{u.modelCode}</span>
                  </h3>
                  <p className="muted">
                    {u.serials.map((s) => s.serial).join(' · ')} · {t('unit.bought', { date: date(u.purchaseDate) })} · {money(u.priceFen, u.currency)}
                  </p>
                  <WarrantyLine unit={u} />
                </div>
              ))
            )}
            <button type="button" aria-expanded={open === 'unit'} onClick={() => setOpen(open === 'unit' ? null : 'unit')}>
              {t('portal.registerUnit')}
            </button>
            {open === 'unit' && <RegisterUnit customerId={customerId} onDone={() => { setOpen(null); state.reload(); }} />}
          </section>
          <PortalContracts units={units.map((u) => ({ id: u.id, label: `${named({ nameZh: u.modelNameZh, nameEn: u.modelNameEn })} ${u.serials[0]?.serial ?? ''}` }))} />
          <PortalReferral customerId={customerId} />
          <PortalSuggestions />
          <PortalCare />
        </article>
      )}
    </Async>
  );
}

function RegisterUnit({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const models = useLoad(() => modelsToRegister().then((p) => p.items), []);
  const [form, setForm] = useState({ modelId: '', serial: '', purchaseDate: '', channel: 'store' as 'store' | 'online', price: '', invoiceNumber: '' });
  const errors = useFormErrors();
  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    const yuan = Number(form.price);
    const body: NewUnit = {
      modelId: form.modelId,
      ownerId: customerId,
      serials: [{ role: 'main', serial: form.serial.trim() }],
      purchaseDate: form.purchaseDate,
      channel: form.channel,
      invoiceNumber: form.invoiceNumber.trim() || null,
      priceFen: form.price.trim() === '' || Number.isNaN(yuan) ? -1 : Math.round(yuan * 100),
    };
    try {
      await registerMyUnit(body);
      onDone();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    <form className="sub-form" onSubmit={submit} noValidate aria-label={t('portal.registerUnit')}>
      <Field label={t('unit.model')} error={errors.fieldError('modelId')} required>
        {(p) => (
          <select {...p} autoFocus value={form.modelId} onChange={(e) => set('modelId', e.target.value)}>
            <option value="">{t('field.choose')}</option>
            {models.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {named(m)} ({m.code})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('unit.serial')} error={errors.fieldError('serials.0.serial') ?? errors.fieldError('serials')} required>
        {(p) => <input {...p} value={form.serial} onChange={(e) => set('serial', e.target.value)} />}
      </Field>
      <Field label={t('unit.purchaseDate')} error={errors.fieldError('purchaseDate')} required>
        {(p) => <input {...p} type="date" value={form.purchaseDate} onChange={(e) => set('purchaseDate', e.target.value)} />}
      </Field>
      <Field label={t('unit.channel')} error={errors.fieldError('channel')}>
        {(p) => (
          <select {...p} value={form.channel} onChange={(e) => set('channel', e.target.value)}>
            <option value="store">{t('unit.store')}</option>
            <option value="online">{t('unit.online')}</option>
          </select>
        )}
      </Field>
      <Field label={t('unit.price')} error={errors.fieldError('priceFen')} required>
        {(p) => <input {...p} type="number" min={0} step={0.01} inputMode="decimal" value={form.price} onChange={(e) => set('price', e.target.value)} />}
      </Field>
      <Field label={t('unit.invoice')} error={errors.fieldError('invoiceNumber')}>
        {(p) => <input {...p} value={form.invoiceNumber} onChange={(e) => set('invoiceNumber', e.target.value)} />}
      </Field>
      <FormError message={errors.formError()} />
      <button type="submit" className="primary">
        {t('portal.registerSubmit')}
      </button>
    </form>
  );
}

const customerKinds: OrderKind[] = ['repair', 'installation', 'maintenance', 'consultation'];

function RequestService({ customerId, units, onDone }: { customerId: string; units: CustomerUnit[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ kind: 'repair' as OrderKind, unitId: units[0]?.id ?? '', symptom: '', wishedFrom: '', wishedTo: '' });
  const errors = useFormErrors();
  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      await askForService({
        kind: form.kind,
        customerId,
        unitId: form.unitId || null,
        symptom: form.symptom,
        channel: 'web',
        wishedFrom: fromLocalInput(form.wishedFrom) ?? null,
        wishedTo: fromLocalInput(form.wishedTo) ?? null,
      });
      onDone();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    <form className="sub-form" onSubmit={submit} noValidate aria-label={t('portal.requestService')}>
      <KindField kinds={customerKinds} value={form.kind} errors={errors} onChange={(k) => set('kind', k)} />
      <UnitField units={units} value={form.unitId} errors={errors} onChange={(id) => set('unitId', id)} />
      <Field label={t('portal.symptom')} error={errors.fieldError('symptom')} required>
        {(p) => <textarea {...p} rows={3} value={form.symptom} onChange={(e) => set('symptom', e.target.value)} />}
      </Field>
      <WishedWindow from={form.wishedFrom} to={form.wishedTo} errors={errors} onChange={set} />
      <FormError message={errors.fieldError('address') ?? errors.formError()} />
      <button type="submit" className="primary">
        {t('portal.requestSubmit')}
      </button>
    </form>
  );
}
