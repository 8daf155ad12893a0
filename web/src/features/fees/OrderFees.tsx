import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Dialog, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { money, named, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import type { Order } from '../work-orders/api';
import { addFeeLine, changePayer, getVersion, orderFees, repriceOrder, type FeeLine, type JobMode, type OrderFees as Fees, type Payer } from './api';
import { fenFromYuan } from './money-input';

const priceable = new Set(['work_done', 'confirmed', 'followed_up']);
const modes: JobMode[] = ['part_swap', 'adjustment', 'inspection', 'carry_in', 'installation', 'relocation', 'removal', 'wasted_trip'];
const payers: Payer[] = ['maker', 'customer', 'dealer', 'provider'];

/** The order's fees: each line with who pays and the rule that decided it, totals per payer; the desk adds extras and re-prices. */
export function OrderFees({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(async () => {
    const fees = await orderFees(order.id);
    const version = fees.pricing?.priceVersionId ? await getVersion(fees.pricing.priceVersionId).catch(() => null) : null;
    return { fees, extras: version?.content.extras ?? [] };
  }, [order.id, order.version]);
  const [dialog, setDialog] = useState<'extra' | 'part' | 'reprice' | FeeLine | null>(null);
  const mayChange = can('fees.adjust') && priceable.has(order.status);

  return (
    <section className="card fees" aria-labelledby="fees-title">
      <h2 id="fees-title">{t('fees.title')}</h2>
      <Async state={state}>
        {({ fees, extras }) => (
          <>
            {fees.lines.length === 0 ? <Empty>{t('fees.none')}</Empty> : <Lines fees={fees} onPayer={mayChange ? (l) => setDialog(l) : undefined} />}
            {fees.pricing && <Pricing pricing={fees.pricing} />}
            {mayChange && (
              <div className="action-bar">
                <button type="button" onClick={() => setDialog('extra')} disabled={extras.length === 0}>
                  {t('fees.addExtra')}
                </button>
                <button type="button" onClick={() => setDialog('part')}>
                  {t('fees.addPart')}
                </button>
                <button type="button" onClick={() => setDialog('reprice')}>
                  {t('fees.reprice')}
                </button>
              </div>
            )}
            {dialog && (
              <FeeDialog
                order={order}
                what={dialog}
                extras={extras}
                jobMode={(fees.pricing?.jobMode as JobMode | undefined) ?? 'adjustment'}
                onClose={() => setDialog(null)}
                onDone={() => {
                  setDialog(null);
                  state.reload();
                }}
              />
            )}
          </>
        )}
      </Async>
    </section>
  );
}

function Lines({ fees, onPayer }: { fees: Fees; onPayer?: (l: FeeLine) => void }) {
  const { t } = useTranslation();
  return (
    // Focusable and named: on a phone the table scrolls sideways, and a keyboard must reach it.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('fees.title')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('fees.item')}</th>
            <th scope="col">{t('fees.quantity')}</th>
            <th scope="col">{t('fees.unitPrice')}</th>
            <th scope="col">{t('fees.amount')}</th>
            <th scope="col">{t('fees.payer')}</th>
            <th scope="col">{t('fees.rule')}</th>
            {onPayer && (
              <th scope="col">
                <span className="visually-hidden">{t('fees.changePayer')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {fees.lines.map((l) => (
            <tr key={l.id}>
              <td>
                {named(l)}
                {l.source === 'staff' && <span className="badge">{t('fees.staffLine')}</span>}
              </td>
              <td>{l.quantity}</td>
              <td>{money(l.unitFen, l.currency)}</td>
              <td>{money(l.amountFen, l.currency)}</td>
              <td>{t(`payer.${l.payer}`)}</td>
              <td>
                <code>{l.rule}</code>
                <div className="muted">{pick(l.reason)}</div>
              </td>
              {onPayer && (
                <td>
                  <button type="button" onClick={() => onPayer(l)}>
                    {t('fees.changePayerOf', { item: named(l) })}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          {fees.totals.byPayer.map((p) => (
            <tr key={p.payer}>
              <th scope="row" colSpan={3}>
                {t('fees.totalOf', { payer: t(`payer.${p.payer}`) })}
              </th>
              <td>{money(p.amountFen)}</td>
              <td colSpan={onPayer ? 3 : 2} />
            </tr>
          ))}
          <tr>
            <th scope="row" colSpan={3}>
              {t('fees.total')}
            </th>
            <td className="fees-total">{money(fees.totals.amountFen)}</td>
            <td colSpan={onPayer ? 3 : 2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Pricing({ pricing }: { pricing: NonNullable<Fees['pricing']> }) {
  const { t } = useTranslation();
  return (
    <dl className="fees-pricing">
      <dt>{t('fees.jobMode')}</dt>
      <dd>{t(`jobMode.${pricing.jobMode}`)}</dd>
      <dt>{t('fees.workDay')}</dt>
      <dd>{pricing.workDay}</dd>
      {pricing.roadMetres !== null && (
        <>
          <dt>{t('fees.distance')}</dt>
          <dd>
            {t('fees.distanceKm', { road: (pricing.roadMetres / 1000).toFixed(1), straight: ((pricing.straightMetres ?? 0) / 1000).toFixed(1) })}
            {pricing.areaType && ` · ${t(`areaType.${pricing.areaType}`)}`}
            {pricing.distanceFlags.map((f) => (
              <span key={f} className="badge warn">
                {t(`fees.flag.${f}`)}
              </span>
            ))}
          </dd>
        </>
      )}
      {pricing.problems.length > 0 && (
        <>
          <dt>{t('fees.problems')}</dt>
          <dd>{pricing.problems.map((p) => pick(p)).join('；')}</dd>
        </>
      )}
    </dl>
  );
}

function FeeDialog({ order, what, extras, jobMode, onClose, onDone }: { order: Order; what: 'extra' | 'part' | 'reprice' | FeeLine; extras: { code: string; nameZh: string; nameEn: string; priceFen: number; unit: string }[]; jobMode: JobMode; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [f, setF] = useState({ code: extras[0]?.code ?? '', quantity: '1', nameZh: '', nameEn: '', price: '', mode: jobMode, payer: 'provider' as Payer, reason: '' });
  const set = (patch: Partial<typeof f>) => setF((s) => ({ ...s, ...patch }));
  const title = typeof what === 'string' ? t(`fees.dialog.${what}`) : t('fees.changePayerOf', { item: named(what) });

  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      if (what === 'extra') await addFeeLine(order.id, { kind: 'extra', code: f.code, quantity: Number(f.quantity) });
      else if (what === 'part') await addFeeLine(order.id, { kind: 'part', nameZh: f.nameZh, nameEn: f.nameEn, priceFen: fenFromYuan(f.price) ?? -1, quantity: Number(f.quantity) });
      else if (what === 'reprice') await repriceOrder(order.id, { jobMode: f.mode, reason: f.reason });
      else await changePayer(order.id, what.id, { version: what.version, payer: f.payer, reason: f.reason });
      onDone();
    } catch (err) {
      errors.setError(err);
    }
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {what === 'extra' && (
          <Field label={t('fees.extra')} error={errors.fieldError('code')} required>
            {(p) => (
              <select {...p} value={f.code} onChange={(e) => set({ code: e.target.value })}>
                {extras.map((x) => (
                  <option key={x.code} value={x.code}>
                    {named(x)} · {money(x.priceFen)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {what === 'part' && (
          <>
            <Field label={t('fees.partZh')} error={errors.fieldError('nameZh')} required>
              {(p) => <input {...p} value={f.nameZh} onChange={(e) => set({ nameZh: e.target.value })} />}
            </Field>
            <Field label={t('fees.partEn')} error={errors.fieldError('nameEn')} required>
              {(p) => <input {...p} value={f.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />}
            </Field>
            <Field label={t('fees.partPrice')} error={errors.fieldError('priceFen')} required>
              {(p) => <input {...p} inputMode="decimal" value={f.price} onChange={(e) => set({ price: e.target.value })} />}
            </Field>
          </>
        )}
        {(what === 'extra' || what === 'part') && (
          <Field label={t('fees.quantity')} error={errors.fieldError('quantity')} required>
            {(p) => <input {...p} inputMode="numeric" value={f.quantity} onChange={(e) => set({ quantity: e.target.value })} />}
          </Field>
        )}
        {what === 'reprice' && (
          <Field label={t('fees.jobMode')} error={errors.fieldError('jobMode')} required>
            {(p) => (
              <select {...p} value={f.mode} onChange={(e) => set({ mode: e.target.value as JobMode })}>
                {modes.map((m) => (
                  <option key={m} value={m}>
                    {t(`jobMode.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {typeof what !== 'string' && (
          <Field label={t('fees.payer')} error={errors.fieldError('payer')} required>
            {(p) => (
              <select {...p} value={f.payer} onChange={(e) => set({ payer: e.target.value as Payer })}>
                {payers.map((x) => (
                  <option key={x} value={x}>
                    {t(`payer.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {(what === 'reprice' || typeof what !== 'string') && (
          <Field label={t('fees.reason')} error={errors.fieldError('reason')} required>
            {(p) => <input {...p} value={f.reason} onChange={(e) => set({ reason: e.target.value })} />}
          </Field>
        )}
        <FormError message={errors.formError()} />
        <div className="action-bar">
          <button type="submit" className="primary">
            {t('fees.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('fees.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
