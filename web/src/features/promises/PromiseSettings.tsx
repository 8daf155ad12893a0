import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, useLoad } from '../../shared/ui';
import { businessTime, named } from '../../shared/format';
import { PromiseTabs } from './PromiseTabs';
import { listCalendars, listPolicies, type Milestone } from './api';

const milestones: Milestone[] = ['first_response', 'on_site', 'resolution'];

/** Calendars and policies, for managers. */
export function PromiseSettingsPage() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [calendars, policies] = await Promise.all([listCalendars(), listPolicies()]);
    return { calendars: calendars.items, policies: policies.items };
  }, []);
  return (
    <section aria-labelledby="promise-settings-title">
      <h1 id="promise-settings-title">{t('promiseSettings.title')}</h1>
      <PromiseTabs />
      <Async state={state}>
        {({ calendars, policies }) => (
          <>
            <ListCard
              id="calendars-title"
              title={t('promiseSettings.calendars')}
              newTo="/app/promises/calendars/new"
              newLabel={t('promiseSettings.newCalendar')}
              emptyText={calendars.length === 0 ? t('promiseSettings.noCalendars') : undefined}
              headers={[t('promiseSettings.code'), t('promiseSettings.name'), t('promiseSettings.timeZone'), t('promiseSettings.appliesTo')]}
            >
              {calendars.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/app/promises/calendars/${c.id}`}>{c.code}</Link>
                  </td>
                  <td>{named(c)}</td>
                  <td>{c.timeZone}</td>
                  <td>{[c.isDefault ? t('promiseSettings.default') : '', c.region ?? '', c.providerId ? t('promiseSettings.aProvider') : ''].filter(Boolean).join(' · ') || '—'}</td>
                </tr>
              ))}
            </ListCard>
            <ListCard
              id="policies-title"
              title={t('promiseSettings.policies')}
              newTo="/app/promises/policies/new"
              newLabel={t('promiseSettings.newPolicy')}
              emptyText={policies.length === 0 ? t('promiseSettings.noPolicies') : undefined}
              headers={[t('promiseSettings.code'), t('promiseSettings.name'), t('promiseSettings.matches'), t('promiseSettings.targets')]}
            >
              {policies.map((p) => (
                <tr key={p.id} className={p.active ? '' : 'muted'}>
                  <td>
                    <Link to={`/app/promises/policies/${p.id}`}>{p.code}</Link>
                    {!p.active && ` · ${t('promiseSettings.inactive')}`}
                  </td>
                  <td>{named(p)}</td>
                  <td>{[p.orderKind && t(`kind.${p.orderKind}`), p.priority && t(`priority.${p.priority}`), p.customerTier, p.region].filter(Boolean).join(' · ') || t('promiseSettings.anyOrder')}</td>
                  <td>
                    {milestones
                      .filter((m) => p.targets[m])
                      .map((m) => `${t(`promise.milestone.${m}`)} ${businessTime(p.targets[m]!.customerMinutes, t)}`)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </ListCard>
          </>
        )}
      </Async>
    </section>
  );
}

/** A titled card with a "new" link and a table of what exists, or a line saying there is none. */
function ListCard({ id, title, newTo, newLabel, emptyText, headers, children }: { id: string; title: string; newTo: string; newLabel: string; emptyText?: string; headers: string[]; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <div className="page-head">
        <h2 id={id}>{title}</h2>
        <Link className="button" to={newTo}>
          {newLabel}
        </Link>
      </div>
      {emptyText ? (
        <Empty>{emptyText}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
