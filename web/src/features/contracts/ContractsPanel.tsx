import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Dialog, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { useSubmit } from '../../shared/submit';
import { date, money, pick } from '../../shared/format';
import { cancelContract, sellContract, unitContracts, type Contract } from './api';

/** Yuan as typed (12.50) to whole fen; NaN when it is not money, which the server then names. */
const fen = (yuan: string) => (/^\d+(\.\d{1,2})?$/.test(yuan.trim()) ? Math.round(Number(yuan) * 100) : Number.NaN);

/** A unit's paid service products: what it has (cover, visits, refunds), selling one, cancelling one. */
export function ContractsPanel({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => unitContracts(unitId), [unitId]);
  const [selling, setSelling] = useState(false);
  return (
    <section className="contracts" aria-label={t('contracts.title')}>
      <h4>{t('contracts.title')}</h4>
      <Async state={state}>
        {(list) => (list.items.length === 0 ? <Empty>{t('contracts.none')}</Empty> : <ul>{list.items.map((c) => <ContractRow key={c.id} contract={c} onChange={state.reload} />)}</ul>)}
      </Async>
      <button type="button" aria-expanded={selling} onClick={() => setSelling((s) => !s)}>
        {t('contracts.sell')}
      </button>
      {selling && (
        <SellForm
          unitId={unitId}
          onDone={() => {
            setSelling(false);
            state.reload();
          }}
        />
      )}
    </section>
  );
}

function ContractRow({ contract: c, onChange }: { contract: Contract; onChange: () => void }) {
  const { t } = useTranslation();
  const [cancelling, setCancelling] = useState(false);
  const what = [c.coversLabour && t('contracts.labour'), c.coversParts && t('contracts.parts')].filter(Boolean).join(' + ');
  // A contract the customer renewed carries the renewal's end in its history.
  const renewedTo = c.history.find((h) => h.action === 'renewed')?.data?.endsOn as string | undefined;
  return (
    <li className={`contract ${c.status}${c.renewedFrom ? ' renewal' : ''}`}>
      <strong>{t(`contracts.kindName.${c.kind}`)}</strong> · {t(`contracts.status.${c.status}`)} · {t('contracts.period', { from: date(c.startsOn), to: date(c.endsOn) })} · {money(c.priceFen, c.currency)}
      {what && <> · {t('contracts.covers', { what })}</>}
      {c.renewedFrom && <> · {t('contracts.renewalOf')}</>}
      {renewedTo && <> · {t('contracts.renewedTo', { date: date(renewedTo) })}</>}
      {c.payment === 'pay_later' && c.status === 'active' && <p className="unpaid">{t('contracts.unpaid')}</p>}
      {c.visits.length > 0 && (
        <p className="muted">
          {t('contracts.visitList')}: {c.visits.map((v) => `${date(v.dueOn)} (${t(`contracts.visit.${v.status}`)})`).join(' · ')}
        </p>
      )}
      {c.refund && (
        <p>
          {t('contracts.refund', { amount: money(c.refund.refundFen, c.currency) })} · <small>{pick(c.refund.reason)}</small>
        </p>
      )}
      {c.status === 'active' && (
        <button type="button" onClick={() => setCancelling(true)}>
          {t('contracts.cancel')}
        </button>
      )}
      {cancelling && <CancelDialog contract={c} onClose={() => setCancelling(false)} onDone={() => (setCancelling(false), onChange())} />}
    </li>
  );
}

function SellForm({ unitId, onDone }: { unitId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ kind: 'extended_warranty' as 'extended_warranty' | 'maintenance', termMonths: '12', price: '', coversLabour: true, coversParts: true, visitsIncluded: '0', visitEveryMonths: '0' });
  const form = useSubmit(
    () =>
      sellContract(unitId, {
        kind: v.kind,
        termMonths: Number(v.termMonths),
        price: { amountFen: fen(v.price), currency: 'CNY' },
        coversLabour: v.coversLabour,
        coversParts: v.coversParts,
        visitsIncluded: Number(v.visitsIncluded),
        visitEveryMonths: Number(v.visitEveryMonths),
      }),
    onDone,
  );
  const num = (k: 'termMonths' | 'visitsIncluded' | 'visitEveryMonths', label: string, path: string, required = false) => (
    <Field label={label} error={form.fieldError(path)} required={required}>
      {(p) => <input {...p} inputMode="numeric" value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} />}
    </Field>
  );
  return (
    <form className="sell-contract" onSubmit={form.submit}>
      <Field label={t('contracts.kind')} required>
        {(p) => (
          <select {...p} value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as typeof v.kind })}>
            <option value="extended_warranty">{t('contracts.kindName.extended_warranty')}</option>
            <option value="maintenance">{t('contracts.kindName.maintenance')}</option>
          </select>
        )}
      </Field>
      {num('termMonths', t('contracts.term'), 'termMonths', true)}
      <Field label={t('contracts.price')} error={form.fieldError('price.amountFen')} required>
        {(p) => <input {...p} inputMode="decimal" value={v.price} onChange={(e) => setV({ ...v, price: e.target.value })} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={v.coversLabour} onChange={(e) => setV({ ...v, coversLabour: e.target.checked })} /> {t('contracts.coversLabour')}
      </label>
      <label className="check">
        <input type="checkbox" checked={v.coversParts} onChange={(e) => setV({ ...v, coversParts: e.target.checked })} /> {t('contracts.coversParts')}
      </label>
      {num('visitsIncluded', t('contracts.visits'), 'visitsIncluded')}
      {num('visitEveryMonths', t('contracts.every'), 'visitEveryMonths')}
      <FormError message={form.formError()} />
      <button type="submit" disabled={form.busy}>
        {t('contracts.submit')}
      </button>
    </form>
  );
}

function CancelDialog({ contract: c, onClose, onDone }: { contract: Contract; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [fee, setFee] = useState('0');
  const form = useSubmit(() => cancelContract(c.id, { version: c.version, reason, cancellationFeeFen: fen(fee) }), onDone);
  return (
    <Dialog title={t('contracts.cancelTitle')} onClose={onClose}>
      <form onSubmit={form.submit}>
        <Field label={t('contracts.reason')} error={form.fieldError('reason')} required>
          {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <Field label={t('contracts.fee')} error={form.fieldError('cancellationFeeFen')}>
          {(p) => <input {...p} inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} />}
        </Field>
        <FormError message={form.formError()} />
        <button type="submit" disabled={form.busy}>
          {t('contracts.confirmCancel')}
        </button>
      </form>
    </Dialog>
  );
}
