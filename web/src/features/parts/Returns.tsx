import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { dateTime, named, localName } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { getShipment, inspectReturn, listLocations, listReturns, listShipments, onTimeRates, packReturns, receiveShipment, returnMissing, shipShipment, type OldPartReturn, type OldPartShipment } from './api';

const states = ['confirmed_faulty', 'no_fault_found', 'damaged_in_transit', 'not_ours'] as const;
const fates = ['supplier', 'repair', 'stock', 'scrap'] as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Old-part returns (旧件返厂): a provider packs the returns it owes into a box for a warehouse and
 * ships it (the packing list printable); the warehouse receives the box and inspects each line;
 * everyone sees the on-time return rate per provider.
 */
export function OldPartReturnsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [opened, setOpened] = useState<string | null>(null);
  const due = useLoad(() => listReturns({ status: 'due' }), []);
  const boxes = useLoad(() => listShipments(), []);
  const reload = () => {
    due.reload();
    boxes.reload();
  };
  return (
    <article aria-labelledby="returns-title">
      <header className="page-head">
        <h1 id="returns-title">{t('oldParts.title')}</h1>
      </header>
      <p className="muted">{t('oldParts.intro')}</p>
      <OnTimeRates />
      <section aria-labelledby="to-pack">
        <h2 id="to-pack">{t('oldParts.toPack')}</h2>
        <Async state={due}>{(page) => (page.items.length === 0 ? <Empty>{t('oldParts.nothingToPack')}</Empty> : <Pack items={page.items} canPack={can('parts.stock')} onDone={reload} />)}</Async>
      </section>
      <section aria-labelledby="boxes">
        <h2 id="boxes">{t('oldParts.shipments')}</h2>
        <Async state={boxes}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>{t('oldParts.noShipments')}</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('oldParts.box')}</th>
                      <th scope="col">{t('oldParts.provider')}</th>
                      <th scope="col">{t('oldParts.lines')}</th>
                      <th scope="col">{t('parts.status')}</th>
                      <th scope="col" />
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((b) => (
                      <tr key={b.id} data-shipment={b.number}>
                        <td>
                          <button type="button" className="link" onClick={() => setOpened(opened === b.id ? null : b.id)}>
                            {b.number}
                          </button>
                        </td>
                        <td>{localName(b.providerName ?? '', b.providerNameEn)}</td>
                        <td>{b.lines}</td>
                        <td>{t(`oldParts.shipmentStatus.${b.status}`)}</td>
                        <td>
                          <ShipmentStep box={b} onDone={reload} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
        {opened && <ShipmentLines id={opened} key={opened} onDone={reload} />}
      </section>
    </article>
  );
}

function OnTimeRates() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(day(new Date(Date.now() - 90 * 86_400_000)));
  const [to, setTo] = useState(day(new Date(Date.now() + 86_400_000)));
  const rates = useLoad(() => onTimeRates(from, to), [from, to]);
  return (
    <section aria-labelledby="on-time">
      <h2 id="on-time">{t('oldParts.onTime')}</h2>
      <Field label={t('oldParts.dueFrom')}>{(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
      <Field label={t('oldParts.dueTo')}>{(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
      <Async state={rates}>
        {(r) =>
          r.items.length === 0 ? (
            <Empty>{t('oldParts.noneDue')}</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('oldParts.provider')}</th>
                  <th scope="col">{t('oldParts.outcome.on_time')}</th>
                  <th scope="col">{t('oldParts.outcome.late')}</th>
                  <th scope="col">{t('oldParts.outcome.missing')}</th>
                  <th scope="col">{t('oldParts.outcome.open')}</th>
                  <th scope="col">{t('oldParts.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {r.items.map((i) => (
                  <tr key={i.providerId ?? ''} data-rate={i.providerName ?? ''}>
                    <td>{localName(i.providerName ?? '', i.providerNameEn)}</td>
                    <td>{i.onTime}</td>
                    <td>{i.late}</td>
                    <td>{i.missing}</td>
                    <td>{i.open}</td>
                    <td>{i.rate === null ? '—' : `${(i.rate * 100).toFixed(1)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </section>
  );
}

/** The returns still to pack: tick them, choose the warehouse, pack one box. */
function Pack({ items, canPack, onDone }: { items: OldPartReturn[]; canPack: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string[]>([]);
  const [to, setTo] = useState('');
  const locations = useLoad(() => listLocations(), []);
  const pack = useSubmit(() => packReturns(picked, to), () => {
    setPicked([]);
    onDone();
  });
  return (
    <form onSubmit={(e) => void pack.submit(e)} noValidate>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{t('parts.order')}</th>
              <th scope="col">{t('parts.part')}</th>
              <th scope="col">{t('parts.oldSerial')}</th>
              <th scope="col">{t('oldParts.due')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-return={r.orderNumber} className={r.overdue ? 'overdue' : undefined}>
                <td>
                  {canPack && (
                    <input type="checkbox" aria-label={`${t('oldParts.pick')} ${r.orderNumber}`} checked={picked.includes(r.id)} onChange={(e) => setPicked(e.target.checked ? [...picked, r.id] : picked.filter((x) => x !== r.id))} />
                  )}
                </td>
                <td>
                  <Link to={`/app/orders/${r.orderId}`}>{r.orderNumber}</Link>
                </td>
                <td>
                  {r.partNumber} · {named({ nameZh: r.partNameZh, nameEn: r.partNameEn })}
                </td>
                <td>{r.oldSerial ?? '—'}</td>
                <td>
                  {dateTime(r.dueAt)}
                  {r.overdue ? ` · ${t('oldParts.overdue')}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canPack && (
        <>
          <Field label={t('oldParts.toWarehouse')} error={pack.fieldError('toLocationId')}>
            {(p) => (
              <select {...p} value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">{t('parts.choose')}</option>
                {(locations.data?.items ?? [])
                  .filter((l) => l.kind === 'central' || l.kind === 'regional')
                  .map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.code} · {named(l)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <FormError message={pack.formError() ?? pack.fieldError('returnIds')} />
          <button type="submit" className="primary" disabled={pack.busy || picked.length === 0}>
            {t('oldParts.pack', { count: picked.length })}
          </button>
        </>
      )}
    </form>
  );
}

function ShipmentStep({ box, onDone }: { box: OldPartShipment; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const ship = useSubmit(() => shipShipment(box.id, box.version), onDone);
  const receive = useSubmit(() => receiveShipment(box.id, box.version), onDone);
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  return (
    <>
      <a href={`/old-parts/shipments/${box.id}/packing-list?lang=${lang}`} target="_blank" rel="noreferrer">
        {t('oldParts.packingList')}
      </a>{' '}
      {box.status === 'packed' && can('parts.stock') && (
        <button type="button" className="primary" disabled={ship.busy} onClick={(e) => void ship.submit(e)}>
          {t('oldParts.ship')}
        </button>
      )}
      {box.status === 'shipped' && can('parts.returns.inspect') && (
        <button type="button" className="primary" disabled={receive.busy} onClick={(e) => void receive.submit(e)}>
          {t('oldParts.receive')}
        </button>
      )}
      <FormError message={ship.formError() ?? receive.formError()} />
    </>
  );
}

/** A box's lines; in a received box, the warehouse inspects each one or marks it missing. */
function ShipmentLines({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const box = useLoad(() => getShipment(id), [id]);
  return (
    <Async state={box}>
      {(b) => (
        <section aria-label={b.number}>
          <h3>
            {t('oldParts.box')} {b.number}
          </h3>
          <ul className="plain">
            {b.items.map((r) => (
              <li key={r.id} data-line={r.orderNumber}>
                {r.orderNumber} · {r.partNumber} · {r.oldSerial ?? '—'} · {t(`oldParts.returnStatus.${r.status}`)} · {t(`oldParts.outcome.${r.outcome}`)}
                {r.inspection?.state && ` · ${t(`oldParts.state.${r.inspection.state}`)} → ${t(`oldParts.fate.${r.inspection.fate}`)}`}
                {b.status === 'received' && r.status === 'shipped' && can('parts.returns.inspect') && (
                  <Inspect line={r} onDone={() => {
                    box.reload();
                    onDone();
                  }} />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Async>
  );
}

function Inspect({ line, onDone }: { line: OldPartReturn; onDone: () => void }) {
  const { t } = useTranslation();
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [typeMatches, setTypeMatches] = useState(true);
  const [serial, setSerial] = useState('');
  const [state, setState] = useState<(typeof states)[number]>('confirmed_faulty');
  const [fate, setFate] = useState<(typeof fates)[number]>('supplier');
  const [note, setNote] = useState('');
  const inspect = useSubmit(() => inspectReturn(line.id, { version: line.version, quantityReceived: Number(quantity), typeMatches, serial: serial.trim() || null, state, fate }), onDone);
  const missing = useSubmit(() => returnMissing(line.id, line.version, note), onDone);
  return (
    <form onSubmit={(e) => void inspect.submit(e)} noValidate className="inline-form">
      <Field label={t('oldParts.quantityReceived')} error={inspect.fieldError('quantityReceived')}>{(p) => <input {...p} inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />}</Field>
      <label>
        <input type="checkbox" checked={typeMatches} onChange={(e) => setTypeMatches(e.target.checked)} /> {t('oldParts.typeMatches')}
      </label>
      <Field label={t('oldParts.serialReceived')}>{(p) => <input {...p} value={serial} onChange={(e) => setSerial(e.target.value)} />}</Field>
      <Field label={t('oldParts.stateLabel')} error={inspect.fieldError('state')}>
        {(p) => (
          <select {...p} value={state} onChange={(e) => setState(e.target.value as (typeof states)[number])}>
            {states.map((s) => (
              <option key={s} value={s}>
                {t(`oldParts.state.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('oldParts.fateLabel')} error={inspect.fieldError('fate')}>
        {(p) => (
          <select {...p} value={fate} onChange={(e) => setFate(e.target.value as (typeof fates)[number])}>
            {fates.map((f) => (
              <option key={f} value={f}>
                {t(`oldParts.fate.${f}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError message={inspect.formError() ?? missing.formError()} />
      <button type="submit" className="primary" disabled={inspect.busy}>
        {t('oldParts.inspect')}
      </button>
      <Field label={t('oldParts.missingNote')} error={missing.fieldError('note')}>{(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
      <button type="button" disabled={missing.busy} onClick={(e) => void missing.submit(e)}>
        {t('oldParts.markMissing')}
      </button>
    </form>
  );
}
