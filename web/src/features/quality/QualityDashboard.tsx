import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChartCard } from '../../shared/charts';
import { Async, Field, useLoad } from '../../shared/ui';
import { count, dateTime } from '../../shared/format';
import { acknowledgeAlert, exportUrl, qualityByPart, qualityDashboard, qualityOrders, qualityOrigins, qualityRates, type Period } from './api';

const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

type Drill = { title: string; period: Period; dimension?: string; key?: string; modelId?: string };

/** The quality engineer's view: Pareto of causes, monthly rates per model, alerts; every figure drills down to its orders and photos. */
export function QualityDashboardPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(thisMonth());
  const [drill, setDrill] = useState<Drill | null>(null);
  const [reload, setReload] = useState(0);
  const state = useLoad(() => qualityDashboard(month), [month, reload]);
  return (
    <article aria-labelledby="quality-title">
      <header className="page-head">
        <h1 id="quality-title">{t('quality.title')}</h1>
      </header>
      <p>{t('quality.intro')}</p>
      <Field label={t('quality.month')}>{(p) => <input {...p} type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />}</Field>
      <Async state={state}>
        {(d) => {
          const period: Period = { from: `${d.fromMonth}-01`, to: `${nextMonth(d.month)}-01` };
          return (
            <>
              <p>
                {t('quality.period', { from: d.fromMonth, to: d.month })} · <a href={exportUrl(period)} download>{t('quality.export')}</a>
              </p>
              <section aria-label={t('quality.alerts')}>
                <h2>{t('quality.alerts')}</h2>
                {d.alerts.length === 0 ? (
                  <p>{t('quality.noAlerts')}</p>
                ) : (
                  <ul className="quality-alerts">
                    {d.alerts.map((a) => (
                      <li key={a.id} data-testid="quality-alert">
                        <strong>
                          {a.subject === 'part'
                            ? t('quality.partAlertLine', { part: a.partName ?? a.partId, month: a.month, rate: a.ratePer1000, limit: a.upperLimitPer1000, baseline: a.baselinePer1000, faults: a.faults })
                            : t('quality.alertLine', { model: a.modelName ?? a.modelId, month: a.month, rate: a.ratePer1000, limit: a.upperLimitPer1000, baseline: a.baselinePer1000, faults: a.faults })}
                        </strong>{' '}
                        <button
                          type="button"
                          onClick={() =>
                            setDrill({
                              title: t(a.subject === 'part' ? 'quality.partAlertOrders' : 'quality.alertOrders', { month: a.month }),
                              period: { from: `${a.month}-01`, to: `${nextMonth(a.month)}-01` },
                              dimension: a.subject,
                              key: (a.subject === 'part' ? a.partId : a.modelId) ?? '',
                            })
                          }
                        >
                          {t('quality.orders')}
                        </button>{' '}
                        {a.acknowledgedAt ? (
                          <span>{t('quality.acknowledged', { by: a.acknowledgedBy, at: dateTime(a.acknowledgedAt) })}</span>
                        ) : (
                          <button type="button" onClick={() => void acknowledgeAlert(a.id).then(() => setReload((n) => n + 1))}>
                            {t('quality.acknowledge')}
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <ChartCard title={t('quality.pareto')} labels={d.pareto.map((r) => r.key || t('quality.noCode'))} series={[{ name: t('quality.faults'), values: d.pareto.map((r) => r.faults), color: '#a4161a' }]} />
              <section aria-label={t('quality.paretoTable')}>
                <h2>{t('quality.paretoTable')}</h2>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('quality.cause')}</th>
                        <th scope="col">{t('quality.faults')}</th>
                        <th scope="col">{t('quality.share')}</th>
                        <th scope="col">{t('quality.cumulative')}</th>
                        <td />
                      </tr>
                    </thead>
                    <tbody>
                      {d.pareto.map((r) => (
                        <tr key={r.key}>
                          <th scope="row">{r.key || t('quality.noCode')} {r.label}</th>
                          <td>{count(r.faults)}</td>
                          <td>{pct(r.share)}</td>
                          <td>{pct(r.cumulativeShare)}</td>
                          <td>
                            <button type="button" onClick={() => setDrill({ title: t('quality.causeOrders', { cause: r.key }), period, dimension: 'cause', key: r.key })}>
                              {t('quality.orders')}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
              {drill && <DrillDown drill={drill} onClose={() => setDrill(null)} />}
              <section aria-label={t('quality.trend')}>
                <h2>{t('quality.trend')}</h2>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('quality.model')}</th>
                        {d.trend[0]?.months.map((m) => (
                          <th key={m.month} scope="col">
                            {m.month}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {d.trend.map((m) => (
                        <tr key={m.modelId}>
                          <th scope="row">{m.modelName ?? m.modelId}</th>
                          {m.months.map((x) => (
                            <td key={x.month} title={t('quality.faultsOfUnits', { faults: x.faults, units: x.units })}>
                              {x.per1000 === null ? '—' : x.per1000}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="hint">{t('quality.trendHint')}</p>
              </section>
              <ByPart period={period} models={d.trend.map((m) => ({ id: m.modelId, name: m.modelName ?? m.modelId }))} onDrill={setDrill} />
              <Figures period={period} />
            </>
          );
        }}
      </Async>
    </article>
  );
}

/** Faults by part over the period: the parts the repairs replaced, per 1,000 units of the models using them; of one model when chosen (part × model). */
function ByPart({ period, models, onDrill }: { period: Period; models: { id: string; name: string }[]; onDrill: (d: Drill) => void }) {
  const { t } = useTranslation();
  const [modelId, setModelId] = useState('');
  const state = useLoad(() => qualityByPart({ ...period, modelId: modelId || undefined }), [period.from, period.to, modelId]);
  return (
    <section aria-label={t('quality.byPart')}>
      <h2>{t('quality.byPart')}</h2>
      <Field label={t('quality.partModel')}>
        {(p) => (
          <select {...p} value={modelId} onChange={(e) => setModelId(e.target.value)}>
            <option value="">{t('quality.allModels')}</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Async state={state}>
        {(s) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('quality.part')}</th>
                  <th scope="col">{t('quality.faults')}</th>
                  <th scope="col">{t('quality.unitsUsing')}</th>
                  <th scope="col">{t('quality.per1000')}</th>
                  <th scope="col">{t('quality.share')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {s.rows.map((r) => (
                  <tr key={r.key} data-testid="quality-part-row">
                    <th scope="row">{r.key ? (r.label ?? r.key) : t('quality.noPart')}</th>
                    <td>{count(r.faults)}</td>
                    <td>{r.units === null ? '—' : count(r.units)}</td>
                    <td>{r.per1000 === null ? '—' : r.per1000}</td>
                    <td>{pct(r.share)}</td>
                    <td>
                      <button type="button" onClick={() => onDrill({ title: t('quality.partOrders', { part: r.key ? (r.label ?? r.key) : t('quality.noPart') }), period, dimension: 'part', key: r.key, modelId: modelId || undefined })}>
                        {t('quality.orders')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
      <p className="hint">{t('quality.byPartHint')}</p>
    </section>
  );
}

function Figures({ period }: { period: Period }) {
  const { t } = useTranslation();
  const rates = useLoad(() => qualityRates(period), [period.from, period.to]);
  const origins = useLoad(() => qualityOrigins(period), [period.from, period.to]);
  return (
    <>
      <section aria-label={t('quality.rates')}>
        <h2>{t('quality.rates')}</h2>
        <Async state={rates}>
          {(r) => (
            <dl className="facts">
              <dt>{t('quality.early')}</dt>
              <dd>{t('quality.earlyValue', { n: r.earlyFailures, of: r.cohortUnits, per1000: r.earlyFailuresPer1000 ?? '—', days: r.earlyDays })}</dd>
              <dt>{t('quality.ftf')}</dt>
              <dd>{t('quality.ftfValue', { n: r.firstTimeFixes, of: r.fixes, rate: pct(r.firstTimeFixRate), days: r.repeatDays })}</dd>
              <dt>{t('quality.repeat')}</dt>
              <dd>{t('quality.repeatValue', { n: r.repeatRepairs, of: r.repairs, rate: pct(r.repeatRepairRate), days: r.repeatDays })}</dd>
            </dl>
          )}
        </Async>
      </section>
      <section aria-label={t('quality.origins')}>
        <h2>{t('quality.origins')}</h2>
        <Async state={origins}>
          {(o) => (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('quality.category')}</th>
                    <th scope="col">{t('quality.product')}</th>
                    <th scope="col">{t('quality.installation')}</th>
                    <th scope="col">{t('quality.other')}</th>
                    <th scope="col">{t('quality.unknown')}</th>
                    <th scope="col">{t('quality.installationShare')}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.label ?? r.key}</th>
                      <td>{r.product}</td>
                      <td>{r.installation}</td>
                      <td>{r.other}</td>
                      <td>{r.unknown}</td>
                      <td>{pct(r.installationShare)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
        <p className="hint">{t('quality.originsHint')}</p>
      </section>
    </>
  );
}

function DrillDown({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const { t } = useTranslation();
  const state = useLoad(() => qualityOrders({ ...drill.period, dimension: drill.dimension, key: drill.key, modelId: drill.modelId }), [JSON.stringify(drill)]);
  return (
    <section aria-label={drill.title} className="card">
      <h2>{drill.title}</h2>
      <button type="button" onClick={onClose}>
        {t('quality.close')}
      </button>
      <Async state={state}>
        {(r) => (
          <div className="table-wrap">
            <p>{t('quality.ordersTotal', { n: r.total })}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('quality.order')}</th>
                  <th scope="col">{t('quality.opened')}</th>
                  <th scope="col">{t('quality.model')}</th>
                  <th scope="col">{t('quality.cause')}</th>
                  <th scope="col">{t('quality.region')}</th>
                  <th scope="col">{t('quality.photos')}</th>
                </tr>
              </thead>
              <tbody>
                {r.items.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/app/orders/${o.id}`}>{o.number}</Link>
                    </td>
                    <td>{dateTime(o.createdAt)}</td>
                    <td>{o.modelCode}</td>
                    <td>{o.causeCode ?? '—'}</td>
                    <td>{o.region ?? '—'}</td>
                    <td>
                      {o.photoIds.map((p) => (
                        <a key={p} href={`/photos/${p}`} target="_blank" rel="noreferrer">
                          <img src={`/photos/${p}`} alt={t('quality.photo')} width={48} height={48} />
                        </a>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
    </section>
  );
}
