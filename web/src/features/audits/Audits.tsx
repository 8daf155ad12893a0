import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { dateTime, monthName, pick, localName } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { auditScores, auditSettings, listAudits, saveAuditSettings, type Settings } from './api';

/** Audits: scores per provider (or technician) and month with stars, the audits themselves, and the weight they carry in dispatch. */
export function AuditsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [level, setLevel] = useState<'provider' | 'technician'>('provider');
  const [offset, setOffset] = useState(0);
  const scores = useLoad(() => auditScores({ level }), [level]);
  const audits = useLoad(() => listAudits({ offset }), [offset]);
  return (
    <article aria-labelledby="audits-title">
      <header className="page-head">
        <h1 id="audits-title">{t('audits.title')}</h1>
        {can('audits.perform') && (
          <Link className="button" to="/app/audits/new">
            {t('audits.perform')}
          </Link>
        )}
      </header>
      <p className="muted">{t('audits.intro')}</p>
      <section aria-labelledby="audit-scores-title">
        <h2 id="audit-scores-title">{t('audits.scores')}</h2>
        <Field label={t('audits.level')}>
          {(p) => (
            <select {...p} value={level} onChange={(e) => setLevel(e.target.value as 'provider' | 'technician')}>
              <option value="provider">{t('audits.byProvider')}</option>
              <option value="technician">{t('audits.byTechnician')}</option>
            </select>
          )}
        </Field>
        <Async state={scores}>
          {(s) =>
            s.rows.length === 0 ? (
              <Empty>{t('audits.noScores')}</Empty>
            ) : (
              <div className="table-wrap">
                <table data-testid="audit-scores">
                  <thead>
                    <tr>
                      <th scope="col">{level === 'provider' ? t('audits.provider') : t('audits.technician')}</th>
                      <th scope="col">{t('audits.month')}</th>
                      <th scope="col">{t('audits.count')}</th>
                      <th scope="col">{t('audits.average')}</th>
                      <th scope="col">{t('audits.starsHead')}</th>
                      <th scope="col">{t('audits.failedCount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.rows.map((r) => (
                      <tr key={`${r.key}-${r.month}`}>
                        <th scope="row">{localName(r.name ?? r.key, r.nameEn)}</th>
                        <td>{monthName(r.month)}</td>
                        <td>{r.audits}</td>
                        <td>{r.averageScore ?? '—'}</td>
                        <td>{'★'.repeat(r.stars) || '—'}</td>
                        <td>{r.failed}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      </section>
      <section aria-labelledby="audit-list-title">
        <h2 id="audit-list-title">{t('audits.list')}</h2>
        <Async state={audits}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>{t('audits.none')}</Empty>
            ) : (
              <>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('audits.auditedAt')}</th>
                        <th scope="col">{t('audits.kind')}</th>
                        <th scope="col">{t('audits.template')}</th>
                        <th scope="col">{t('audits.provider')}</th>
                        <th scope="col">{t('audits.technician')}</th>
                        <th scope="col">{t('audits.score')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((a) => (
                        <tr key={a.id}>
                          <td>{dateTime(a.auditedAt)}</td>
                          <td>{t(`auditKind.${a.kind}`)}</td>
                          <td>{pick({ zh: a.template.nameZh, en: a.template.nameEn })} · v{a.template.version}</td>
                          <td>{localName(a.providerName ?? '—', a.providerNameEn)}</td>
                          <td>{localName(a.technicianName ?? '—', a.technicianNameEn)}</td>
                          <td>
                            {a.score ?? '—'} {a.passed ? '' : `(${t('audits.failed')})`} {'★'.repeat(a.stars)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager total={page.total} limit={page.limit} offset={page.offset} onOffset={setOffset} />
              </>
            )
          }
        </Async>
      </section>
      {can('audits.manage') && <SettingsForm />}
    </article>
  );
}

function SettingsForm() {
  const state = useLoad(() => auditSettings(), []);
  return <Async state={state}>{(s) => <SettingsFields key={s.version} settings={s} onDone={state.reload} />}</Async>;
}

function SettingsFields({ settings, onDone }: { settings: Settings; onDone: () => void }) {
  const { t } = useTranslation();
  const [weight, setWeight] = useState(String(settings.dispatchWeight));
  const [days, setDays] = useState(String(settings.standingDays));
  const { busy, submit, fieldError, formError } = useSubmit(() => saveAuditSettings(settings.version, Number(weight), Number(days)), onDone);
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label={t('audits.settings')}>
      <h2>{t('audits.settings')}</h2>
      <Field label={t('audits.dispatchWeight')} hint={t('audits.dispatchWeightHint')} error={fieldError('dispatchWeight')} required>
        {(p) => <input {...p} inputMode="decimal" value={weight} onChange={(e) => setWeight(e.target.value)} />}
      </Field>
      <Field label={t('audits.standingDays')} error={fieldError('standingDays')} required>
        {(p) => <input {...p} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('audits.save')}
      </button>
    </form>
  );
}
