import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, useLoad } from '../../shared/ui';
import { fraudRates } from './api';
import { localName } from '../../shared/format';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** Signal rates by provider: per rule, the share of a provider's scored orders flagged, beside the median of providers, as bars. */
export function FraudRatesPage() {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year + 1}-01-01`);
  const state = useLoad(() => fraudRates(from, to), [from, to]);
  return (
    <article aria-labelledby="fraud-rates-title">
      <header className="page-head">
        <h1 id="fraud-rates-title">{t('fraud.ratesTitle')}</h1>
      </header>
      <p className="muted">{t('fraud.ratesIntro')}</p>
      <Field label={t('fraud.from')}>{(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
      <Field label={t('fraud.to')}>{(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
      <Async state={state}>
        {(r) =>
          r.providers.length === 0 ? (
            <Empty>{t('fraud.noRates')}</Empty>
          ) : (
            <>
              {r.providers.map((p) => (
                <section key={p.providerId} aria-label={localName(p.name ?? p.providerId, p.nameEn)}>
                  <h2>
                    {localName(p.name ?? p.providerId, p.nameEn)} · {t('fraud.scoredCount', { count: p.scored })}
                  </h2>
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('fraud.rule')}</th>
                          <th scope="col">{t('fraud.flagged')}</th>
                          <th scope="col">{t('fraud.share')}</th>
                          <th scope="col">{t('fraud.peerMedian')}</th>
                          <th scope="col">{t('fraud.chart')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {p.rules.filter((x) => x.flagged > 0 || (x.peerMedian ?? 0) > 0).map((x) => (
                          <tr key={x.code} className={x.aboveMedian ? 'overdue' : undefined}>
                            <td>{t(`fraudRule.${x.code}`)}</td>
                            <td>{x.flagged}</td>
                            <td>
                              {pct(x.share)} {x.aboveMedian && <span className="badge warn">{t('fraud.aboveMedian')}</span>}
                            </td>
                            <td>{pct(x.peerMedian)}</td>
                            <td aria-hidden="true">
                              <div style={{ background: 'var(--warn, #d97706)', height: 8, width: `${Math.round(x.share * 200)}px` }} />
                              <div style={{ background: 'var(--muted, #94a3b8)', height: 8, width: `${Math.round((x.peerMedian ?? 0) * 200)}px` }} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              ))}
            </>
          )
        }
      </Async>
    </article>
  );
}
