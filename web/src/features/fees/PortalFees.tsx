import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, Field, useLoad } from '../../shared/ui';
import { money, named, pick } from '../../shared/format';
import { listCategories } from '../catalog/api';
import { feeSchedule, myOrderFees } from './api';

/** The customer's own fee lines for an order, in plain words: what, how much, who pays and why. */
export function MyOrderFees({ orderId, version }: { orderId: string; version: string | number }) {
  const { t } = useTranslation();
  const state = useLoad(() => myOrderFees(orderId), [orderId, version]);
  return (
    <section className="card" aria-labelledby="my-fees">
      <h2 id="my-fees">{t('fees.portalTitle')}</h2>
      <Async state={state}>
        {(f) =>
          f.lines.length === 0 ? (
            <Empty>{t('fees.portalNone')}</Empty>
          ) : (
            <>
              <ul className="fee-lines">
                {f.lines.map((l, i) => (
                  <li key={i}>
                    <strong>{named(l)}</strong> {l.quantity > 1 && `× ${l.quantity} `}
                    {money(l.amountFen, l.currency)} · {t('fees.paidBy', { payer: pick({ zh: l.payerZh, en: l.payerEn }) })}
                    <div className="muted">{pick(l.reason)}</div>
                  </li>
                ))}
              </ul>
              {f.totals.byPayer.map((p) => (
                <p key={p.payer}>{t('fees.totalOf', { payer: t(`payer.${p.payer}`) })}: {money(p.amountFen)}</p>
              ))}
            </>
          )
        }
      </Async>
    </section>
  );
}

/** Price transparency: the charges for a product category and region, before asking for service. */
export function PortalPrices() {
  const { t } = useTranslation();
  const categories = useLoad(() => listCategories().then((c) => c.items), []);
  const [categoryId, setCategoryId] = useState('');
  const [province, setProvince] = useState('');
  const [city, setCity] = useState('');
  const prices = useLoad(async () => (categoryId ? feeSchedule({ categoryId, province: province || undefined, city: city || undefined }) : null), [categoryId, province, city]);
  return (
    <article aria-labelledby="prices-title">
      <p>
        <Link to="/my">{t('portal.back')}</Link>
      </p>
      <h1 id="prices-title">{t('fees.pricesTitle')}</h1>
      <p className="muted">{t('fees.pricesIntro')}</p>
      <Async state={categories}>
        {(list) => (
          <div className="grid2">
            <Field label={t('fees.category')} required>
              {(p) => (
                <select {...p} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
                  <option value="">{t('fees.chooseCategory')}</option>
                  {list.map((c) => (
                    <option key={c.id} value={c.id}>
                      {named(c)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('fees.province')}>{(p) => <input {...p} value={province} onChange={(e) => setProvince(e.target.value)} />}</Field>
            <Field label={t('fees.city')}>{(p) => <input {...p} value={city} onChange={(e) => setCity(e.target.value)} />}</Field>
          </div>
        )}
      </Async>
      <Async state={prices}>
        {(s) =>
          s && (
            <section className="card" aria-labelledby="schedule-title">
              <h2 id="schedule-title">{t('fees.scheduleFrom', { date: s.effectiveFrom })}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('fees.service')}</th>
                    <th scope="col">{t('fees.callOut')}</th>
                    <th scope="col">{t('fees.labour')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.labour.map((l, i) => (
                    <tr key={i}>
                      <td>
                        {t(`kind.${l.kind}`)} · {pick({ zh: l.modeZh, en: l.modeEn })}
                      </td>
                      <td>{money(l.callOutFen)}</td>
                      <td>{money(l.labourFen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {s.extras.length > 0 && (
                <ul>
                  {s.extras.map((x) => (
                    <li key={x.code}>
                      {named(x)}: {money(x.priceFen)}
                    </li>
                  ))}
                </ul>
              )}
              {s.distance && <p>{t('fees.remoteRule', { area: t(`areaType.${s.areaType}`), free: s.distance.freeKm, rate: money(s.distance.ratePerKmFen) })}</p>}
              <p className="muted">{t('fees.callOutOnce')}</p>
            </section>
          )
        }
      </Async>
    </article>
  );
}
