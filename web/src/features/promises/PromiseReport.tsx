import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OutcomeChart } from '../../shared/charts';
import { Async, Empty, Field, useLoad } from '../../shared/ui';
import { count, dateTime, monthName, monthStart } from '../../shared/format';
import { PromiseTabs } from './PromiseTabs';
import { listAlerts, promiseReport, type Milestone } from './api';

const milestones: Milestone[] = ['first_response', 'on_site', 'resolution'];

/** Promises kept, beaten and broken by provider and by month, their margins, and the alerts sent. */
export function PromiseReportPage() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(monthStart(5));
  const [to, setTo] = useState(monthStart(-1));
  const [milestone, setMilestone] = useState<Milestone | ''>('');
  const report = useLoad(async () => {
    const ask = (by: string) => promiseReport({ by, from, to, milestone }).then((r) => r.rows);
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

/** Warnings and escalations delivered, newest first, each linking to its order. */
function AlertsInbox() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'' | 'warning' | 'breach'>('');
  const state = useLoad(() => listAlerts({ kind, limit: 20 }), [kind]);
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
                  <Link to={`/app/orders/${a.orderId}`}>{a.orderNumber ?? a.orderId}</Link> ·{' '}
                  {/* Written here from the alert's fields, so the deadline is in the reader's zone and language. */}
                  {t(`promiseReport.alertText.${a.kind}`, { milestone: t(`promise.milestone.${a.milestone}`), when: dateTime(a.dueAt), role: t(`role.${a.role}`, { defaultValue: a.role }) })}{' '}
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
