import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { dateTime, money, named } from '../../shared/format';
import { useSession } from '../../shared/session';
import { SignaturePad } from '../../shared/SignaturePad';
import { PhoneFold } from '../../shared/phone';
import type { Order } from '../work-orders/api';
import { acceptQuote, createQuote, offerQuote, orderPayments, orderQuotes, orderReceipt, recordPayment, refuseQuote, sendReceipt, type JobMode, type Quote } from './api';
import { fenFromYuan } from './money-input';

const quotable = new Set(['intake', 'awaiting_dispatch', 'dispatched', 'assigned', 'booked', 'on_site', 'on_hold']);
const modes: JobMode[] = ['part_swap', 'adjustment', 'inspection', 'carry_in', 'relocation', 'removal'];
const methods = ['cash', 'wechat_pay', 'alipay', 'bank_transfer', 'card'] as const;

/**
 * Money at the door, for the technician's phone and the desk: the quote (made, offered, signed for
 * on the phone with the customer's typed name), then the payments taken and the receipt.
 */
export function OrderMoney({ order, onChange }: { order: Order; onChange: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const mayHandle = can('fees.adjust') || can('orders.field');
  const quotes = useLoad(() => orderQuotes(order.id), [order.id, order.version]);
  return (
    <section className="card money" aria-labelledby="money-title">
      <h2 id="money-title">{t('money.title')}</h2>
      <Async state={quotes}>
        {(q) => (
          <>
            <h3>{t('money.quotes')}</h3>
            {q.items.length === 0 ? <Empty>{t('money.noQuote')}</Empty> : q.items.filter((x) => x.status !== 'superseded').map((x) => <QuoteCard key={x.id} order={order} quote={x} mayHandle={mayHandle} onDone={() => { quotes.reload(); onChange(); }} />)}
            {mayHandle && quotable.has(order.status) && <NewQuote order={order} onDone={quotes.reload} />}
          </>
        )}
      </Async>
      {order.doneAt && <PaymentsPart order={order} mayHandle={mayHandle} />}
    </section>
  );
}

function QuoteLines({ quote }: { quote: Quote }) {
  const { t } = useTranslation();
  return (
    <ul className="fee-lines">
      {quote.lines.map((l, i) => (
        <li key={i}>
          {named(l)} {l.quantity > 1 && `× ${l.quantity} `}· {money(l.amountFen)} · {t(`payer.${l.payer}`)}
        </li>
      ))}
    </ul>
  );
}

function QuoteCard({ order, quote, mayHandle, onDone }: { order: Order; quote: Quote; mayHandle: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [signedName, setSignedName] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [signature, setSignature] = useState<string | null>(null);
  const [unsigned, setUnsigned] = useState(false);
  // On the technician's phone the customer draws their signature; at the desk the typed name stays enough.
  const onPhone = useSession().me?.user?.role === 'technician';
  const act = async (work: () => Promise<unknown>) => {
    errors.setError(null);
    try {
      await work();
      onDone();
    } catch (err) {
      errors.setError(err);
    }
  };
  return (
    <div className="quote" data-status={quote.status}>
      <p>
        <strong>{t('money.quoteNo', { number: quote.number })}</strong> · {t(`money.status.${quote.status}`)} · {t('money.customerPays', { amount: money(quote.customerFen) })}
      </p>
      <QuoteLines quote={quote} />
      {quote.status === 'accepted' && <p>{t('money.acceptedBy', { name: quote.signedName ?? '—', channel: t(`money.channel.${quote.channel ?? 'desk'}`), at: dateTime(quote.decidedAt) })}</p>}
      {quote.status === 'accepted' && quote.signature && <img className="signature" src={quote.signature} alt={t('money.signatureOf', { name: quote.signedName ?? '—' })} style={{ maxWidth: '16rem', border: '1px solid #ccc' }} />}
      {mayHandle && quote.status === 'draft' && (
        <div className="action-bar">
          <button type="button" className="primary" onClick={() => act(() => offerQuote(order.id, quote.id, false))}>{t('money.offer')}</button>
          <button type="button" onClick={() => act(() => offerQuote(order.id, quote.id, true))}>{t('money.offerSms')}</button>
        </div>
      )}
      {mayHandle && quote.status === 'offered' && (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            setUnsigned(onPhone && !signature);
            if (onPhone && !signature) return;
            void act(() => acceptQuote(order.id, quote.id, { signedName, confirmed, signature: signature ?? undefined }));
          }}
          noValidate
        >
          <Field label={t('money.signedName')} error={errors.fieldError('signedName')} required>
            {(p) => <input {...p} value={signedName} onChange={(e) => setSignedName(e.target.value)} autoComplete="off" />}
          </Field>
          <label>
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t('money.confirm', { amount: money(quote.customerFen) })}
          </label>
          {onPhone && <SignaturePad id={`quote-signature-${quote.id}`} label={t('money.drawSignature')} onChange={(s) => (setSignature(s), s && setUnsigned(false))} />}
          {unsigned && <p className="field-error" role="alert">{t('money.signatureNeeded')}</p>}
          <div className="action-bar">
            <button type="submit" className="primary">{t('money.accept')}</button>
            <button type="button" onClick={() => act(() => refuseQuote(order.id, quote.id))}>{t('money.refuse')}</button>
          </div>
        </form>
      )}
      <FormError message={errors.formError()} />
    </div>
  );
}

function NewQuote({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [mode, setMode] = useState<JobMode>('adjustment');
  const [part, setPart] = useState({ nameZh: '', nameEn: '', price: '' });
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      const parts = part.nameZh || part.nameEn || part.price ? [{ nameZh: part.nameZh, nameEn: part.nameEn, priceFen: fenFromYuan(part.price) ?? -1, quantity: 1 }] : [];
      await createQuote(order.id, { jobMode: mode, parts });
      setPart({ nameZh: '', nameEn: '', price: '' });
      onDone();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    // On a phone the form folds behind its title: a quote is made now and then, not at every visit.
    <PhoneFold title={<h3 id="new-quote">{t('money.newQuote')}</h3>}>
    <form onSubmit={submit} noValidate aria-labelledby="new-quote">
      <Field label={t('fees.jobMode')} error={errors.fieldError('jobMode')} required>
        {(p) => (
          <select {...p} value={mode} onChange={(e) => setMode(e.target.value as JobMode)}>
            {modes.map((m) => <option key={m} value={m}>{t(`jobMode.${m}`)}</option>)}
          </select>
        )}
      </Field>
      <div className="grid2">
        <Field label={t('fees.partZh')} error={errors.fieldError('parts.0.nameZh')}>{(p) => <input {...p} value={part.nameZh} onChange={(e) => setPart({ ...part, nameZh: e.target.value })} />}</Field>
        <Field label={t('fees.partEn')} error={errors.fieldError('parts.0.nameEn')}>{(p) => <input {...p} value={part.nameEn} onChange={(e) => setPart({ ...part, nameEn: e.target.value })} />}</Field>
        <Field label={t('fees.partPrice')} error={errors.fieldError('parts.0.priceFen')}>{(p) => <input {...p} inputMode="decimal" value={part.price} onChange={(e) => setPart({ ...part, price: e.target.value })} />}</Field>
      </div>
      <FormError message={errors.formError()} />
      <button type="submit">{t('money.makeQuote')}</button>
    </form>
    </PhoneFold>
  );
}

function PaymentsPart({ order, mayHandle }: { order: Order; mayHandle: boolean }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const state = useLoad(async () => ({ payments: await orderPayments(order.id), receipt: await orderReceipt(order.id) }), [order.id, order.version]);
  const errors = useFormErrors();
  const [f, setF] = useState({ amount: '', method: 'cash' as (typeof methods)[number], reference: '', refund: false, reason: '' });
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [showReceipt, setShowReceipt] = useState(false);
  const [sent, setSent] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      const fen = fenFromYuan(f.amount);
      // The key stays the same until the payment is recorded: a retried tap never records twice.
      await recordPayment(order.id, { idempotencyKey: key, amountFen: fen === null ? -0.5 : f.refund ? -fen : fen, method: f.method, reference: f.reference || undefined, reason: f.reason || undefined, collectedBy: me?.user?.role === 'technician' ? 'technician' : 'provider' });
      setKey(crypto.randomUUID());
      setF({ ...f, amount: '', reference: '', reason: '', refund: false });
      state.reload();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    <Async state={state}>
      {({ payments, receipt }) => (
        <>
          <h3>{t('money.payments')}</h3>
          {payments.items.length === 0 ? <Empty>{t('money.noPayments')}</Empty> : (
            <ul>
              {payments.items.map((p) => (
                <li key={p.id}>{dateTime(p.createdAt)} · {t(`money.method.${p.method}`)} · {money(p.amountFen)}{p.reference ? ` · ${p.reference}` : ''}{p.reason ? ` · ${p.reason}` : ''}</li>
              ))}
            </ul>
          )}
          <p className="balance">{t('money.balance', { total: money(payments.totalFen), paid: money(payments.paidFen - payments.refundedFen), balance: money(payments.balanceFen) })}</p>
          {mayHandle && (
            <form onSubmit={submit} noValidate aria-label={t('money.takePayment')}>
              <div className="grid2">
                <Field label={t('money.amount')} error={errors.fieldError('amountFen')} required>{(p) => <input {...p} inputMode="decimal" value={f.amount} onChange={(e) => setF({ ...f, amount: e.target.value })} />}</Field>
                <Field label={t('money.methodLabel')} error={errors.fieldError('method')} required>
                  {(p) => (
                    <select {...p} value={f.method} onChange={(e) => setF({ ...f, method: e.target.value as (typeof methods)[number] })}>
                      {methods.map((m) => <option key={m} value={m}>{t(`money.method.${m}`)}</option>)}
                    </select>
                  )}
                </Field>
                <Field label={t('money.reference')} error={errors.fieldError('reference')}>{(p) => <input {...p} value={f.reference} onChange={(e) => setF({ ...f, reference: e.target.value })} />}</Field>
                <Field label={t('fees.reason')} error={errors.fieldError('reason')}>{(p) => <input {...p} value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} />}</Field>
              </div>
              <label><input type="checkbox" checked={f.refund} onChange={(e) => setF({ ...f, refund: e.target.checked })} /> {t('money.isRefund')}</label>
              <FormError message={errors.formError()} />
              <div className="action-bar">
                <button type="submit" className="primary">{t('money.record')}</button>
                <button type="button" onClick={() => setShowReceipt(!showReceipt)}>{t('money.receipt')}</button>
                <button type="button" onClick={() => sendReceipt(order.id).then(() => setSent(true), errors.setError)}>{t('money.sendReceipt')}</button>
              </div>
              {sent && <p role="status">{t('money.receiptSent')}</p>}
            </form>
          )}
          {(showReceipt || !mayHandle) && <ReceiptView orderNumber={order.number} lines={receipt.lines} totals={receipt} />}
        </>
      )}
    </Async>
  );
}

/** The printable receipt: the customer's lines; the total is the sum of these lines. */
export function ReceiptView({ orderNumber, lines, totals }: { orderNumber: string; lines: { nameZh: string; nameEn: string; quantity: number; unitFen: number; amountFen: number }[]; totals: { totalFen: number; paidFen: number; refundedFen: number; balanceFen: number } }) {
  const { t } = useTranslation();
  return (
    <div className="receipt printable" aria-label={t('money.receipt')}>
      <h3>{t('money.receiptOf', { number: orderNumber })}</h3>
      <table>
        <thead><tr><th scope="col">{t('fees.item')}</th><th scope="col">{t('fees.quantity')}</th><th scope="col">{t('fees.unitPrice')}</th><th scope="col">{t('fees.amount')}</th></tr></thead>
        <tbody>{lines.map((l, i) => <tr key={i}><td>{named(l)}</td><td>{l.quantity}</td><td>{money(l.unitFen)}</td><td>{money(l.amountFen)}</td></tr>)}</tbody>
        <tfoot><tr><th scope="row" colSpan={3}>{t('fees.total')}</th><td data-testid="receipt-total">{money(totals.totalFen)}</td></tr></tfoot>
      </table>
      <p>{t('money.balance', { total: money(totals.totalFen), paid: money(totals.paidFen - totals.refundedFen), balance: money(totals.balanceFen) })}</p>
      <button type="button" onClick={() => window.print()}>{t('money.print')}</button>
    </div>
  );
}
