import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, useLoad } from '../../shared/ui';
import { money, localName } from '../../shared/format';
import { disputeStatistics, type DisputeStatistics } from './api';

type Row = DisputeStatistics['byReason'][number] | DisputeStatistics['byProvider'][number];

/** Managers: disputes by provider and by reason, how many were upheld, what was disputed and credited. */
export function DisputeStatisticsPage() {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year + 1}-01-01`);
  const state = useLoad(() => disputeStatistics(from, to), [from, to]);
  const table = (title: string, rows: Row[], label: (r: Row) => string) => (
    <section aria-label={title}>
      <h2>{title}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">{t('disputes.count')}</th>
              <th scope="col">{t('disputes.decided')}</th>
              <th scope="col">{t('disputes.upheld')}</th>
              <th scope="col">{t('disputes.upheldShare')}</th>
              <th scope="col">{t('disputes.disputedAmount')}</th>
              <th scope="col">{t('disputes.credited')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{label(r)}</td>
                <td>{r.disputes}</td>
                <td>{r.decided}</td>
                <td>{r.upheld}</td>
                <td>{r.upheldShare === null ? t('disputes.unknown') : `${Math.round(r.upheldShare * 100)}%`}</td>
                <td>{money(r.disputedFen, r.currency)}</td>
                <td>{money(r.creditedFen, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
  return (
    <article aria-labelledby="dispute-stats-title">
      <header className="page-head">
        <h1 id="dispute-stats-title">{t('disputes.statsTitle')}</h1>
      </header>
      <Field label={t('disputes.from')}>{(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
      <Field label={t('disputes.to')}>{(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
      <Async state={state}>
        {(s) => (
          <>
            {table(t('disputes.byProvider'), s.byProvider, (r) => ('name' in r && r.name ? localName(r.name, r.nameEn) : t('disputes.unknown')))}
            {table(t('disputes.byReason'), s.byReason, (r) => ('reason' in r ? t(`disputeReason.${r.reason}`) : t('disputes.unknown')))}
          </>
        )}
      </Async>
    </article>
  );
}
