import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { dateTime, money, named } from '../../shared/format';
import { useSession } from '../../shared/session';
import { labelReturn, listParts, listReturns, orderParts, requestParts, recordPartUsed, type OldPartReturn } from './api';
import { useSubmit } from '../../shared/submit';
import { PhoneFold } from '../../shared/phone';

/**
 * An order's parts card (the technician's phone and the desk): request a part (the order then
 * waits for it), see the requests, and record the parts used with the new part's serial. On a
 * phone the two forms fold behind their titles: most visits need neither, and the page stays short.
 */
export function OrderPartsCard({ order, onChange }: { order: { id: string; status: string; modelId?: string | null }; onChange: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(() => orderParts(order.id), [order.id, order.status]);
  const catalogue = useLoad(() => listParts(), []);
  const done = () => {
    state.reload();
    onChange();
  };
  const mayRequest = can('parts.request') && ['dispatched', 'assigned', 'booked', 'on_site', 'on_hold'].includes(order.status);
  const mayUse = can('parts.use') && ['on_site', 'work_done', 'on_hold'].includes(order.status);
  if (!can('parts.read')) return null;
  return (
    <section className="card" aria-labelledby="order-parts">
      <h2 id="order-parts">{t('parts.orderTitle')}</h2>
      <Async state={state}>
        {(p) => (
          <>
            <h3>{t('parts.orderRequested')}</h3>
            {p.requests.length === 0 ? (
              <Empty>{t('parts.noRequests')}</Empty>
            ) : (
              <ul>
                {p.requests.map((r) => (
                  <li key={r.id}>
                    {r.partNumber} · {named({ nameZh: r.partNameZh, nameEn: r.partNameEn })} ×{r.quantity} · <strong>{t(`requestStatus.${r.status}`)}</strong>
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('parts.orderUsed')}</h3>
            {p.consumptions.length === 0 ? (
              <Empty>{t('parts.noneUsed')}</Empty>
            ) : (
              <ul>
                {p.consumptions.map((c) => (
                  <li key={c.id} data-consumption={c.id}>
                    {c.partNumber} · {named(c)} ×{c.quantity}
                    {c.serial && ` · ${c.serial}`} · {c.underWarranty ? t('parts.underWarranty') : t('parts.customerPays')} {money(c.amount.amountFen, c.amount.currency)}
                    {c.returnDueAt && ` · ${t('parts.returnBy', { when: dateTime(c.returnDueAt) })}`}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Async>
      {owesOldParts(state.data) && <OldPartLabels orderId={order.id} orderStatus={order.status} />}
      {mayRequest && <RequestForm orderId={order.id} parts={catalogue.data?.items ?? []} onDone={done} />}
      {mayUse && <UseForm orderId={order.id} parts={catalogue.data?.items ?? []} onDone={done} />}
    </section>
  );
}

/** Whether a part used on the order owes its old part back (then the old parts' labels are shown). */
const owesOldParts = (p: { consumptions: { returnDueAt: string | null }[] } | null | undefined) => !!p?.consumptions.some((c) => c.returnDueAt);

/**
 * The old parts this order owes back (旧件返厂): on site the technician bags each and ties a tag to
 * it, and marks it here with the tag's number, so the box the provider packs matches its list.
 */
function OldPartLabels({ orderId, orderStatus }: { orderId: string; orderStatus: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(() => listReturns({ orderId }), [orderId, orderStatus]);
  return (
    <section aria-labelledby="old-parts-owed">
      <h3 id="old-parts-owed">{t('parts.oldPartsTitle')}</h3>
      <Async state={state}>
        {(page) => (
          <ul className="plain">
            {page.items.map((r) => (
              <li key={r.id} data-old-part={r.id}>
                <p>
                  {r.partNumber} · {named({ nameZh: r.partNameZh, nameEn: r.partNameEn })} ×{r.quantity}
                  {r.oldSerial && ` · ${r.oldSerial}`} · {t('parts.returnBy', { when: dateTime(r.dueAt) })}
                </p>
                {r.label ? (
                  <p className="badge status-active">{t('parts.labelled', { tag: r.label.tag })}</p>
                ) : r.status === 'due' && can('parts.use') ? (
                  <LabelForm item={r} onDone={state.reload} />
                ) : (
                  <p className="muted">{t('parts.notLabelled')}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </Async>
    </section>
  );
}

function LabelForm({ item, onDone }: { item: OldPartReturn; onDone: () => void }) {
  const { t } = useTranslation();
  const [tag, setTag] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => labelReturn(item.id, item.version, tag), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`${t('parts.markLabelled')} ${item.partNumber}`}>
      <p className="muted">{t('parts.notLabelled')}</p>
      <Field label={t('parts.tag')} error={fieldError('tag')} required>
        {(p) => <input {...p} value={tag} autoComplete="off" onChange={(e) => setTag(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('parts.markLabelled')}
      </button>
    </form>
  );
}

type PartOption = { id: string; number: string; nameZh: string; nameEn: string; serialised: boolean };

function PartSelect({ parts, value, onChange, error }: { parts: PartOption[]; value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <Field label={t('parts.part')} error={error} required>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('parts.choose')}</option>
          {parts.map((x) => (
            <option key={x.id} value={x.id}>
              {x.number} · {named(x)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function RequestForm({ orderId, parts, onDone }: { orderId: string; parts: PartOption[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [partId, setPartId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const { busy, submit, fieldError, formError } = useSubmit(() => requestParts({ orderId, partId, quantity: Number(quantity) }), onDone);
  return (
    <PhoneFold title={<h3 id="request-part">{t('parts.requestPart')}</h3>}>
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="request-part">
      <PartSelect parts={parts} value={partId} onChange={setPartId} error={fieldError('partId')} />
      <Field label={t('parts.quantity')} error={fieldError('quantity')} required>
        {(p) => <input {...p} inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('parts.request')}
      </button>
    </form>
    </PhoneFold>
  );
}

function UseForm({ orderId, parts, onDone }: { orderId: string; parts: PartOption[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [partId, setPartId] = useState('');
  const [serial, setSerial] = useState('');
  const [oldSerial, setOldSerial] = useState('');
  // One key per line typed: a retried send (a lost answer on a weak signal) records the part once.
  const [lineKey, setLineKey] = useState(() => crypto.randomUUID());
  const { busy, submit, fieldError, formError } = useSubmit(
    () => recordPartUsed(orderId, { lineKey, partId, quantity: 1, serial: serial.trim() || undefined, oldSerial: oldSerial.trim() || undefined }),
    () => {
      setLineKey(crypto.randomUUID());
      setSerial('');
      setOldSerial('');
      onDone();
    },
  );
  return (
    <PhoneFold title={<h3 id="use-part">{t('parts.usePart')}</h3>}>
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="use-part">
      <PartSelect parts={parts} value={partId} onChange={setPartId} error={fieldError('partId')} />
      <Field label={t('parts.serial')} error={fieldError('serial') ?? fieldError('serials.0')}>
        {(p) => <input {...p} value={serial} onChange={(e) => setSerial(e.target.value)} />}
      </Field>
      <Field label={t('parts.oldSerial')} error={fieldError('oldSerial')}>
        {(p) => <input {...p} value={oldSerial} onChange={(e) => setOldSerial(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('parts.use')}
      </button>
    </form>
    </PhoneFold>
  );
}
