import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../../shared/charts';
import { Async, Dialog, Field, Pager, useLoad } from '../../shared/ui';
import { useSession } from '../../shared/session';
import { breakdown, certification, comments, drill, exportUrl, scorecard, type CardMeasure, type Level, type Scope } from './api';
import { dateTime, localName, named } from '../../shared/format';

const lastMonth = () => {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 7);
};

/** A figure in its unit, as the server's export writes it; null is "no data", never zero. */
function useFigure() {
  const { t } = useTranslation();
  return (v: number | null | undefined, unit: CardMeasure['unit']) => {
    if (v === null || v === undefined) return t('scorecard.noData');
    if (unit === 'fen') return `¥${(v / 100).toFixed(2)}`;
    if (unit === 'percent') return `${v.toFixed(1)}%`;
    if (unit === 'per1000') return `${v.toFixed(2)}‰`;
    if (unit === 'hours') return `${v.toFixed(1)} h`;
    if (unit === 'score' || unit === 'ratio') return v.toFixed(2);
    return String(Math.round(v * 10) / 10);
  };
}

/**
 * The balanced scorecard: four perspectives, each measure with its light, trend and (at the provider
 * level) the network median; a figure opens the orders or people behind it. Headquarters picks the
 * level; a provider admin sees their provider, a technician their own figures.
 */
export function ScorecardPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const role = me?.user?.role;
  const fixed: Level | null = role === 'technician' ? 'technician' : role === 'provider_admin' ? 'provider' : null;
  const [month, setMonth] = useState(lastMonth());
  const [level, setLevel] = useState<Level>(fixed ?? 'company');
  const [key, setKey] = useState('');
  const [asked, setAsked] = useState<Scope>({ month, level, key: undefined });
  const [chosen, setChosen] = useState<CardMeasure | null>(null);
  const [drilled, setDrilled] = useState<CardMeasure | null>(null);
  const state = useLoad(() => scorecard(asked), [asked.month, asked.level, asked.key]);
  const fmt = useFigure();
  const name = (m: { nameZh: string; nameEn: string }) => (i18n.language.startsWith('zh') ? m.nameZh : m.nameEn);
  const title = role === 'technician' ? t('scorecard.ownTitle') : role === 'provider_admin' ? t('scorecard.providerTitle') : t('scorecard.title');
  return (
    <article aria-labelledby="scorecard-title">
      <header className="page-head">
        <h1 id="scorecard-title">{title}</h1>
      </header>
      <p>{t('scorecard.intro')}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ month, level, key: level === 'company' || fixed ? undefined : key.trim() || undefined });
        }}
      >
        <Field label={t('scorecard.month')}>{(p) => <input {...p} type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />}</Field>
        {!fixed && (
          <>
            <Field label={t('scorecard.level')}>
              {(p) => (
                <select {...p} value={level} onChange={(e) => setLevel(e.target.value as Level)}>
                  {(['company', 'region', 'provider', 'technician'] as const).map((l) => (
                    <option key={l} value={l}>
                      {t(`scorecard.levels.${l}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {level !== 'company' && <Field label={t('scorecard.key')}>{(p) => <input {...p} value={key} onChange={(e) => setKey(e.target.value)} />}</Field>}
          </>
        )}
        <button type="submit">{t('scorecard.show')}</button>
      </form>
      <Async state={state}>
        {(card) => (
          <>
            <p>
              {card.month}
              {card.keyName ? ` · ${localName(card.keyName, card.keyNameEn)}` : ''} · {t('scorecard.export')}: <a href={exportUrl(asked, 'csv', i18n.language)} download>{t('scorecard.csv')}</a> ·{' '}
              <a href={exportUrl(asked, 'xlsx', i18n.language)} download>{t('scorecard.xlsx')}</a> ·{' '}
              <a href={exportUrl(asked, 'html', i18n.language)} target="_blank" rel="noreferrer">
                {t('scorecard.print')}
              </a>
            </p>
            <div className="scorecard-grid">
              {card.perspectives.map((p) => (
                <section key={p.perspective} className="card" aria-labelledby={`persp-${p.perspective}`} data-testid={`perspective-${p.perspective}`}>
                  <h2 id={`persp-${p.perspective}`}>{name(p)}</h2>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('scorecard.measure')}</th>
                        <th scope="col">{t('scorecard.value')}</th>
                        <th scope="col">{t('scorecard.light')}</th>
                        <th scope="col">{t('scorecard.target')}</th>
                        {card.level === 'provider' && <th scope="col">{t('scorecard.median')}</th>}
                        <th scope="col">{t('scorecard.trend')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.measures.map((m) => (
                        <tr key={m.code} data-testid={`measure-${m.code}`} data-light={m.light}>
                          <th scope="row" title={i18n.language.startsWith('zh') ? m.definitionZh : m.definitionEn}>
                            {name(m)}
                          </th>
                          <td>
                            {m.value === null ? (
                              <span>{m.sourceReady ? t('scorecard.noData') : `${t('scorecard.noData')} (${t('scorecard.notYet')})`}</span>
                            ) : (
                              <button type="button" className="link" onClick={() => setDrilled(m)}>
                                {fmt(m.value, m.unit)}
                              </button>
                            )}
                          </td>
                          <td>
                            <span className={`light light-${m.light}`}>{t(`scorecard.lights.${m.light}`)}</span>
                          </td>
                          <td>{m.target === null ? '—' : fmt(m.target, m.unit)}</td>
                          {card.level === 'provider' && <td>{fmt(m.networkMedian, m.unit)}</td>}
                          <td>
                            <button type="button" className="link" onClick={() => setChosen(m)}>
                              {m.better === null ? '—' : m.better ? `▲ ${t('scorecard.better')}` : `▼ ${t('scorecard.worse')}`}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              ))}
            </div>
            <Coverage scope={asked} />
            {card.level === 'technician' && card.key && <CustomerComments scope={{ ...asked, key: role === 'technician' ? undefined : card.key }} own={role === 'technician'} />}
            {chosen && <Trend m={chosen} month={card.month} canBreakdown={!fixed} name={name(chosen)} />}
            {drilled && <DrillDialog scope={asked} m={drilled} name={name(drilled)} onClose={() => setDrilled(null)} />}
          </>
        )}
      </Async>
    </article>
  );
}

/** One measure's twelve months as a chart (with its table for screen readers), and for headquarters the providers side by side. */
function Trend({ m, month, canBreakdown, name }: { m: CardMeasure; month: string; canBreakdown: boolean; name: string }) {
  const { t } = useTranslation();
  const fmt = useFigure();
  const table = (
    <table>
      <tbody>
        {m.trend.map((x) => (
          <tr key={x.month}>
            <th scope="row">{x.month}</th>
            <td>{fmt(x.value, m.unit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const scale = (v: number | null) => (v === null ? 0 : m.unit === 'fen' ? v / 100 : Math.round(v * 100) / 100);
  return (
    <>
      <ChartCard title={t('scorecard.trendTitle', { measure: name })} labels={m.trend.map((x) => x.month)} series={[{ name, values: m.trend.map((x) => scale(x.value)), color: '#0f5c8a' }]} table={table} />
      {canBreakdown && <Providers code={m.code} month={month} unit={m.unit} name={name} />}
    </>
  );
}

function Providers({ code, month, unit, name }: { code: string; month: string; unit: CardMeasure['unit']; name: string }) {
  const { t } = useTranslation();
  const fmt = useFigure();
  const state = useLoad(() => breakdown(month, code, 'provider'), [code, month]);
  return (
    <Async state={state}>
      {(b) => (
        <section className="card" aria-label={t('scorecard.breakdown')}>
          <h2>{t('scorecard.breakdownTitle', { measure: name, level: t('scorecard.levels.provider') })}</h2>
          <table>
            <tbody>
              {b.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{localName(r.name ?? r.key, r.nameEn)}</th>
                  <td>{fmt(r.value, unit)}</td>
                  <td>
                    <span className={`light light-${r.light}`}>{t(`scorecard.lights.${r.light}`)}</span>
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('scorecard.median')}</th>
                <td>{fmt(b.median, unit)}</td>
                <td />
              </tr>
            </tbody>
          </table>
        </section>
      )}
    </Async>
  );
}

/** The orders (or people) behind a figure: the facts it is computed from, largest first. */
function DrillDialog({ scope, m, name, onClose }: { scope: Scope; m: CardMeasure; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const state = useLoad(() => drill(scope, m.code, offset), [m.code, offset]);
  return (
    <Dialog title={t('scorecard.drill')} onClose={onClose}>
      <Async state={state}>
        {(d) => (
          <>
            <p>{t('scorecard.drillTitle', { measure: name, month: d.month, n: d.total })}</p>
            <table data-testid="scorecard-drill">
              <thead>
                <tr>
                  <th scope="col">{t('scorecard.subject')}</th>
                  <th scope="col">{t('scorecard.provider')}</th>
                  <th scope="col">{t('scorecard.technician')}</th>
                  <th scope="col">{t('scorecard.region')}</th>
                  <th scope="col">{t('scorecard.value')}</th>
                  <th scope="col">{t('scorecard.weight')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((x, i) => (
                  <tr key={`${x.subjectId}-${i}`}>
                    <th scope="row">{x.subjectKind === 'order' ? <a href={`/app/orders/${x.subjectId}`}>{x.label ?? x.subjectId}</a> : (x.label ?? x.subjectId)}</th>
                    <td>{localName(x.providerName ?? '—', x.providerNameEn)}</td>
                    <td>{localName(x.technicianName ?? '—', x.technicianNameEn)}</td>
                    <td>{x.region ?? '—'}</td>
                    <td>{Math.round(x.value * 100) / 100}</td>
                    <td>{Math.round(x.weight * 100) / 100}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager total={d.total} limit={50} offset={offset} onOffset={setOffset} />
          </>
        )}
      </Async>
    </Dialog>
  );
}

/** Certification coverage per product category in the same scope as the card (the measure's pairs by category). */
function Coverage({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const state = useLoad(() => certification(scope), [scope.month, scope.level, scope.key]);
  return (
    <Async state={state}>
      {(c) => (
        <section className="card" aria-labelledby="coverage-title" data-testid="certification-by-category">
          <h2 id="coverage-title">{t('scorecard.coverageTitle')}</h2>
          <p>{t('scorecard.coverageIntro')}</p>
          {c.items.length === 0 ? (
            <p>{t('scorecard.noCategories')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('scorecard.category')}</th>
                  <th scope="col">{t('scorecard.certification')}</th>
                  <th scope="col">{t('scorecard.certifiedOf')}</th>
                  <th scope="col">{t('scorecard.coverage')}</th>
                </tr>
              </thead>
              <tbody>
                {c.items.map((x) => (
                  <tr key={x.categoryId} data-testid={`coverage-${x.code}`}>
                    <th scope="row">{named(x)}</th>
                    <td>{x.certification}</td>
                    <td>
                      {x.certified} / {x.technicians}
                    </td>
                    <td>{`${x.coverage.toFixed(1)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </Async>
  );
}

/** What customers said of a technician's orders this month (follow-up and survey comments): the order's number, never the customer. */
function CustomerComments({ scope, own }: { scope: Scope; own: boolean }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const state = useLoad(() => comments(scope, offset), [scope.month, scope.key, offset]);
  return (
    <Async state={state}>
      {(c) => (
        <section className="card" aria-labelledby="comments-title" data-testid="customer-comments">
          <h2 id="comments-title">{t('scorecard.commentsTitle')}</h2>
          <p>{own ? t('scorecard.commentsIntro') : t('scorecard.commentsIntroOther')}</p>
          {c.items.length === 0 ? (
            <p>{t('scorecard.noComments')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('scorecard.order')}</th>
                  <th scope="col">{t('scorecard.source')}</th>
                  <th scope="col">{t('scorecard.when')}</th>
                  <th scope="col">{t('scorecard.satisfactionCol')}</th>
                  <th scope="col">{t('scorecard.scores')}</th>
                  <th scope="col">{t('scorecard.npsCol')}</th>
                  <th scope="col">{t('scorecard.said')}</th>
                </tr>
              </thead>
              <tbody>
                {c.items.map((x) => (
                  <tr key={`${x.orderId}-${x.source}`}>
                    <th scope="row">
                      <a href={`/app/orders/${x.orderId}`}>{x.orderNumber}</a>
                    </th>
                    <td>{t(`scorecard.sources.${x.source}`)}</td>
                    <td>{dateTime(x.at)}</td>
                    <td>{x.satisfaction === null ? '—' : t(`scorecard.satisfaction.${x.satisfaction}`, { defaultValue: x.satisfaction })}</td>
                    <td>{x.attitude === null ? '—' : `${x.attitude} / ${x.skill ?? '—'}`}</td>
                    <td>{x.nps ?? '—'}</td>
                    <td>
                      {x.comment}
                      {x.npsReason && (
                        <>
                          {x.comment && <br />}
                          {t('scorecard.scoreReason')}: {x.npsReason}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager total={c.total} limit={20} offset={offset} onOffset={setOffset} />
        </section>
      )}
    </Async>
  );
}
