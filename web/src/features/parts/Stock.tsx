import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { dateTime, named, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import { approveCount, listCounts, listLocations, listParts, movementsAt, openCount, receiveStock, rejectCount, stockAt, submitCount, type Count } from './api';
import { useSubmit } from '../../shared/submit';

const splitSerials = (s: string) => s.split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean);

/** Stock by location: what is on hand and reserved, the ledger, receiving and counts. A technician sees their van. */
export function StockPage() {
  const { t } = useTranslation();
  const locations = useLoad(() => listLocations(), []);
  const [chosen, setChosen] = useState('');
  const locationId = chosen || locations.data?.items[0]?.id || '';
  return (
    <article aria-labelledby="stock-title">
      <header className="page-head">
        <h1 id="stock-title">{t('parts.stockTitle')}</h1>
      </header>
      <p className="muted">{t('parts.stockIntro')}</p>
      <Async state={locations}>
        {(l) => (
          <Field label={t('parts.location')}>
            {(p) => (
              <select {...p} value={locationId} onChange={(e) => setChosen(e.target.value)}>
                {l.items.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.code} · {named(x)} · {pick(x.kindName)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </Async>
      {locationId && <LocationStock key={locationId} locationId={locationId} />}
    </article>
  );
}

function LocationStock({ locationId }: { locationId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const stock = useLoad(() => stockAt(locationId), [locationId]);
  const moves = useLoad(() => movementsAt(locationId), [locationId]);
  const reload = () => {
    stock.reload();
    moves.reload();
  };
  return (
    <>
      <section className="card" aria-labelledby="stock-levels">
        <h2 id="stock-levels">{t('parts.stockTitle')}</h2>
        <Async state={stock}>
          {(s) =>
            s.items.length === 0 ? (
              <Empty>{t('parts.noStock')}</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('parts.number')}</th>
                      <th scope="col">{t('parts.part')}</th>
                      <th scope="col">{t('parts.onHand')}</th>
                      <th scope="col">{t('parts.reserved')}</th>
                      <th scope="col">{t('parts.available')}</th>
                      <th scope="col">{t('parts.serials')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.items.map((r) => (
                      <tr key={r.partId}>
                        <td>{r.partNumber}</td>
                        <td>{named(r)}</td>
                        <td>{r.onHand}</td>
                        <td>{r.reserved}</td>
                        <td>{r.available}</td>
                        <td>{r.serials.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      </section>
      {can('parts.stock') && <Receive locationId={locationId} onDone={reload} />}
      <Counts locationId={locationId} onDone={reload} />
      <section className="card" aria-labelledby="stock-moves">
        <h2 id="stock-moves">{t('parts.movements')}</h2>
        <Async state={moves}>
          {(m) =>
            m.items.length === 0 ? (
              <Empty>{t('parts.noMovements')}</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('parts.at')}</th>
                      <th scope="col">{t('parts.movement')}</th>
                      <th scope="col">{t('parts.quantity')}</th>
                      <th scope="col">{t('parts.after')}</th>
                      <th scope="col">{t('parts.reason')}</th>
                      <th scope="col">{t('parts.actor')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.items.map((x) => (
                      <tr key={x.seq}>
                        <td>{dateTime(x.at)}</td>
                        <td>{pick(x.kindName)}</td>
                        <td>{x.onHandDelta > 0 ? `+${x.onHandDelta}` : x.onHandDelta}{x.reservedDelta ? ` (${t('parts.reserved')} ${x.reservedDelta > 0 ? '+' : ''}${x.reservedDelta})` : ''}</td>
                        <td>{x.onHandAfter}</td>
                        <td>{[x.reason, x.serials.join(', ')].filter(Boolean).join(' · ')}</td>
                        <td>{x.actor}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      </section>
    </>
  );
}

function Receive({ locationId, onDone }: { locationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const parts = useLoad(() => listParts(), []);
  const [partId, setPartId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [serials, setSerials] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => receiveStock({ locationId, partId, quantity: Number(quantity), serials: splitSerials(serials) }), () => {
    setSerials('');
    onDone();
  });
  return (
    <section className="card" aria-labelledby="stock-receive">
      <h2 id="stock-receive">{t('parts.receiveTitle')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('parts.part')} error={fieldError('partId')} required>
          {(p) => (
            <select {...p} value={partId} onChange={(e) => setPartId(e.target.value)}>
              <option value="">{t('parts.choose')}</option>
              {(parts.data?.items ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.number} · {named(x)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('parts.quantity')} error={fieldError('quantity')} required>
          {(p) => <input {...p} inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />}
        </Field>
        <Field label={t('parts.serials')} hint={t('parts.serialsHint')} error={fieldError('serials')}>
          {(p) => <input {...p} value={serials} onChange={(e) => setSerials(e.target.value)} />}
        </Field>
        <FormError message={formError()} />
        <button type="submit" disabled={busy}>
          {t('parts.receive')}
        </button>
      </form>
    </section>
  );
}

/** Counts of this location: open one, enter what was counted, and (parts.count.approve) post its differences. */
function Counts({ locationId, onDone }: { locationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const counts = useLoad(() => listCounts(locationId), [locationId]);
  const [error, setError] = useState<unknown>(null);
  const done = () => {
    counts.reload();
    onDone();
  };
  const current = counts.data?.items.find((c) => c.status === 'open' || c.status === 'submitted');
  return (
    <section className="card" aria-labelledby="stock-count">
      <h2 id="stock-count">{t('parts.countTitle')}</h2>
      {!current && can('parts.stock') && (
        <button type="button" onClick={() => openCount(locationId).then(done, setError)}>
          {t('parts.openCount')}
        </button>
      )}
      {error ? <FormError message={String((error as Error).message)} /> : null}
      {current && <CountForm key={`${current.id}-${current.version}`} count={current} canApprove={can('parts.count.approve')} onDone={done} />}
    </section>
  );
}

function CountForm({ count, canApprove, onDone }: { count: Count; canApprove: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [counted, setCounted] = useState<Record<string, string>>(Object.fromEntries(count.lines.map((l) => [l.partId, String(l.counted ?? l.expected)])));
  const [reason, setReason] = useState(count.reason ?? '');
  const { busy, submit, fieldError, formError } = useSubmit(
    () => submitCount(count.id, { version: count.version, reason, lines: count.lines.map((l) => ({ partId: l.partId, counted: Number(counted[l.partId]) })) }),
    onDone,
  );
  const decide = useSubmit(() => approveCount(count.id, count.version), onDone);
  const refuse = useSubmit(() => rejectCount(count.id, count.version), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p>
        {t('parts.countStatus')}: {t(`countStatus.${count.status}`)}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('parts.number')}</th>
            <th scope="col">{t('parts.expected')}</th>
            <th scope="col">{t('parts.counted')}</th>
          </tr>
        </thead>
        <tbody>
          {count.lines.map((l) => (
            <tr key={l.partId}>
              <td>{l.partNumber}</td>
              <td>{l.expected}</td>
              <td>
                <input aria-label={`${t('parts.counted')} ${l.partNumber}`} inputMode="numeric" disabled={count.status !== 'open'} value={counted[l.partId]} onChange={(e) => setCounted((c) => ({ ...c, [l.partId]: e.target.value }))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {count.status === 'open' ? (
        <>
          <Field label={t('parts.countReason')} error={fieldError('reason')} required>
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <FormError message={formError()} />
          <button type="submit" disabled={busy}>
            {t('parts.submitCount')}
          </button>
        </>
      ) : (
        canApprove && (
          <div className="action-bar">
            <FormError message={decide.formError() ?? refuse.formError()} />
            <button type="button" className="primary" disabled={decide.busy} onClick={(e) => void decide.submit(e)}>
              {t('parts.approveCount')}
            </button>
            <button type="button" disabled={refuse.busy} onClick={(e) => void refuse.submit(e)}>
              {t('parts.rejectCount')}
            </button>
          </div>
        )
      )}
    </form>
  );
}
