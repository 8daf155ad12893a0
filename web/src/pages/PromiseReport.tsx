import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, query } from '../api';
import { ChartCard } from '../charts';
import { Async, Empty, Field, useLoad } from '../ui';
import { count, dateTime, locale, pick } from '../format';
import { businessTime } from './PromiseClocks';
import { PromiseTabs } from './PromiseSettings';
import type { Milestone, Page, PromiseAlert, PromiseReportRow } from '../types';

type Report = { rows: PromiseReportRow[] };
const outcomeColours = { beaten: '#1e6b34', kept: '#0f5c8a', broken: '#a4161a' } as const;
const milestones: Milestone[] = ['first_response', 'on_site', 'resolution'];

/** The first day of the month `back` months before this one, as YYYY-MM-DD. */
export function monthStart(back: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - back, 1));
  return d.toISOString().slice(0, 10);
}

export function monthName(key: string): string {
  const [y, m] = key.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** Promises kept, beaten and broken by provider and by month, their margins, and the alerts sent. */
export function PromiseReportPage() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(monthStart(5));
  const [to, setTo] = useState(monthStart(-1));
  const [milestone, setMilestone] = useState<Milestone | ''>('');
  const report = useLoad(async () => {
    const ask = (by: string) => get<Report>(`/promises/report${query({ by, from, to, milestone })}`).then((r) => r.rows);
    const [byProvider, byMonth] = await Promise.all([ask('provider'), ask('period')]);
    return { byProvider, byMonth };
  }, [from, to, milestone]);
  return (
    <section aria-labelledby="promise-report-title">
      <h1 id="promise-report-title">{t('promiseReport.title')}</h1>
      <PromiseTabs />
      <div className="filters">
        <Field label={t('promiseReport.from')}>{(p) => <input {...p} type="date" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} />}</Field>
        <Field label={t('promiseReport.to')}>{(p) => <input {...p} type="date" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} />}</Field>
        <Field label={t('promiseReport.milestone')}>
          {(p) => (
            <select {...p} value={milestone} onChange={(e) => setMilestone(e.target.value as Milestone | '')}>
              <option value="">{t('promiseReport.allMilestones')}</option>
              {milestones.map((m) => (
                <option key={m} value={m}>
                  {t(`promise.milestone.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Async state={report}>
        {({ byProvider, byMonth }) => {
          const met = byMonth.reduce((s, r) => s + r.met, 0);
          if (met === 0) return <Empty>{t('promiseReport.none')}</Empty>;
          const sum = (k: 'beaten' | 'kept' | 'broken') => byMonth.reduce((s, r) => s + r[k], 0);
          return (
            <>
              <div className="figures">
                <Figure label={t('promiseReport.met')} value={count(met)} />
                {(['beaten', 'kept', 'broken'] as const).map((k) => (
                  <Figure key={k} label={t(`promise.mark.${k}`)} value={`${Math.round((sum(k) / met) * 100)}%`} />
                ))}
              </div>
              <OutcomeChart key={`p-${i18n.language}`} title={t('promiseReport.byProvider')} rows={byProvider} label={(r) => r.label ?? t('promiseReport.noProvider')} horizontal />
              <OutcomeChart key={`m-${i18n.language}`} title={t('promiseReport.byMonth')} rows={byMonth} label={(r) => (r.key ? monthName(r.key) : '—')} />
            </>
          );
        }}
      </Async>
      <AlertsInbox />
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure card">
      <span className="figure-value">{value}</span>
      <span>{label}</span>
    </div>
  );
}

/** Shares beaten/kept/broken per group as stacked bars; the table has the counts and the margins too. */
export function OutcomeChart({ title, rows, label, horizontal = false }: { title: string; rows: PromiseReportRow[]; label: (r: PromiseReportRow) => string; horizontal?: boolean }) {
  const { t } = useTranslation();
  const labels = rows.map(label);
  const pct = (n: number) => Math.round(n * 1000) / 10;
  const margin = (m: number | null) => (m === null ? '—' : `${m < 0 ? '−' : ''}${businessTime(m, t)}`);
  return (
    <ChartCard
      title={title}
      labels={labels}
      horizontal={horizontal}
      percent
      series={(['beaten', 'kept', 'broken'] as const).map((k) => ({
        name: t(`promise.mark.${k}`),
        color: outcomeColours[k],
        values: rows.map((r) => pct(k === 'beaten' ? r.shareBeaten : k === 'kept' ? r.shareKept : r.shareBroken)),
      }))}
      table={
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <td />
                <th scope="col">{t('promiseReport.met')}</th>
                <th scope="col">{t('promise.mark.beaten')}</th>
                <th scope="col">{t('promise.mark.kept')}</th>
                <th scope="col">{t('promise.mark.broken')}</th>
                <th scope="col">{t('promiseReport.median')}</th>
                <th scope="col">{t('promiseReport.p90')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key ?? `none-${i}`}>
                  <th scope="row">{labels[i]}</th>
                  <td>{count(r.met)}</td>
                  <td>{`${count(r.beaten)} (${pct(r.shareBeaten)}%)`}</td>
                  <td>{`${count(r.kept)} (${pct(r.shareKept)}%)`}</td>
                  <td>{`${count(r.broken)} (${pct(r.shareBroken)}%)`}</td>
                  <td>{margin(r.medianMarginMinutes)}</td>
                  <td>{margin(r.p90MarginMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}

/** Warnings and escalations delivered, newest first, each linking to its order. */
function AlertsInbox() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'' | 'warning' | 'breach'>('');
  const state = useLoad(() => get<Page<PromiseAlert>>(`/promises/alerts${query({ kind, limit: 20 })}`), [kind]);
  return (
    <section className="card" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('promiseReport.alerts')}</h2>
      <Field label={t('promiseReport.alertKind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="">{t('promiseReport.allAlerts')}</option>
            <option value="warning">{t('promise.alert.warning')}</option>
            <option value="breach">{t('promise.alert.breach')}</option>
          </select>
        )}
      </Field>
      <Async state={state}>
        {(page) =>
          page.total === 0 ? (
            <Empty>{t('promiseReport.noAlerts')}</Empty>
          ) : (
            <ul className="plain">
              {page.items.map((a) => (
                <li key={a.id}>
                  <span className={`badge mark-${a.kind === 'breach' ? 'broken' : 'warning'}`}>{t(`promise.alert.${a.kind}`)}</span>{' '}
                  <Link to={`/app/orders/${a.orderId}`}>{a.orderNumber ?? a.orderId}</Link> · {pick({ zh: a.messageZh, en: a.messageEn })}{' '}
                  <span className="muted small">
                    {dateTime(a.deliveredAt)} · {t(`role.${a.role}`, { defaultValue: a.role })}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
