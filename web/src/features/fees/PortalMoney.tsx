import { useTranslation } from 'react-i18next';
import { Async, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { money, named } from '../../shared/format';
import { acceptQuote, myQuotes, myReceipt, refuseQuote } from './api';
import { ReceiptView } from './OrderMoney';

/** The customer's quote waiting for their answer, accepted or refused here in the portal. */
export function MyQuote({ orderId, version, onChange }: { orderId: string; version: string | number; onChange: () => void }) {
  const { t } = useTranslation();
  const state = useLoad(() => myQuotes(orderId), [orderId, version]);
  const errors = useFormErrors();
  return (
    <Async state={state}>
      {(q) => {
        const open = q.items.find((x) => x.status === 'offered');
        if (!open) return null;
        const act = async (work: () => Promise<unknown>) => {
          errors.setError(null);
          try {
            await work();
            state.reload();
            onChange();
          } catch (err) {
            errors.setError(err);
          }
        };
        return (
          <section className="card" aria-labelledby="my-quote">
            <h2 id="my-quote">{t('money.yourQuote')}</h2>
            <ul className="fee-lines">
              {open.lines.filter((l) => l.payer === 'customer').map((l, i) => <li key={i}>{named(l)} {l.quantity > 1 && `× ${l.quantity} `}· {money(l.amountFen)}</li>)}
            </ul>
            <p><strong>{t('money.customerPays', { amount: money(open.customerFen) })}</strong></p>
            <FormError message={errors.formError()} />
            <div className="action-bar">
              <button type="button" className="primary" onClick={() => act(() => acceptQuote(orderId, open.id, {}))}>{t('money.accept')}</button>
              <button type="button" onClick={() => act(() => refuseQuote(orderId, open.id))}>{t('money.refuse')}</button>
            </div>
          </section>
        );
      }}
    </Async>
  );
}

/** The customer's receipt for a finished order, printable. */
export function MyReceipt({ orderId, version }: { orderId: string; version: string | number }) {
  const state = useLoad(() => myReceipt(orderId), [orderId, version]);
  return <Async state={state}>{(r) => (r.lines.length ? <section className="card"><ReceiptView orderNumber={r.orderNumber} lines={r.lines} totals={r} /></section> : null)}</Async>;
}
