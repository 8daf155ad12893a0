import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, useLoad } from '../../shared/ui';
import { money, localName } from '../../shared/format';
import { returnStatistics, type ReturnStatistics } from './api';

type Group = ReturnStatistics['byDecision'][number];

/** Managers: return cases by responsibility, decision and provider, and the refunds paid. */
export function ReturnStatisticsPage() {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year + 1}-01-01`);
  const state = useLoad(() => returnStatistics(from, to), [from, to]);
  const table = (title: string, groups: Group[], label: (key: string | null, g: Group) => string) => (
    <section aria-label={title}>
      <h2>{title}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('returns.key')}</th>
              <th scope="col">{t('returns.count')}</th>
              <th scope="col">{t('returns.refunded')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={`${g.key}-${g.refunded.currency}`}>
                <td>{label(g.key, g)}</td>
                <td>{g.lines}</td>
                <td>{money(g.refunded.amountFen, g.refunded.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
  return (
    <article aria-labelledby="return-stats-title">
      <header className="page-head">
        <h1 id="return-stats-title">{t('returns.statsTitle')}</h1>
      </header>
      <Field label={t('returns.from')}>{(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
      <Field label={t('returns.to')}>{(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
      <Async state={state}>
        {(s) => (
          <>
            <p>
              {t('returns.refunded')}: {s.refunded.map((m) => money(m.amountFen, m.currency)).join(', ') || money(0)}
            </p>
            {table(t('returns.byResponsibility'), s.byResponsibility, (k) => (k ? t(`responsibility.${k}`) : t('returns.unknown')))}
            {table(t('returns.byDecision'), s.byDecision, (k) => (k ? t(`returnDecision.${k}`) : t('returns.unknown')))}
            {table(t('returns.byProvider'), s.byProvider, (_k, g) => localName((g as ReturnStatistics['byProvider'][number]).name ?? t('returns.unknown'), (g as ReturnStatistics['byProvider'][number]).nameEn))}
          </>
        )}
      </Async>
    </article>
  );
}
