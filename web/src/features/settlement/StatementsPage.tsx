import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Async, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { money, pick, localName, nameOf } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { generateAllStatements, generateStatement, listStatements, providers, type GenerateAll } from './api';

const statuses = ['draft', 'sent', 'disputed', 'answered', 'agreed', 'approved', 'paid'] as const;

/** Statements: a provider's admin sees its own; headquarters all, with the month's draft to generate. */
export function StatementsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const state = useLoad(() => listStatements({ status: status || undefined, offset }), [status, offset]);
  return (
    <article aria-labelledby="settlement-title">
      <header className="page-head">
        <h1 id="settlement-title">{t('settlement.title')}</h1>
      </header>
      <p className="muted">{t('settlement.intro')}</p>
      {can('settlement.manage') && <GenerateForm onAll={state.reload} />}
      <Field label={t('settlement.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }}>
            <option value="">{t('settlement.anyStatus')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`statementStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('settlement.none')}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('settlement.provider')}</th>
                      <th scope="col">{t('settlement.period')}</th>
                      <th scope="col">{t('settlement.status')}</th>
                      <th scope="col">{t('settlement.orders')}</th>
                      <th scope="col">{t('settlement.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((s) => (
                      <tr key={s.id}>
                        <td>
                          <Link to={`/app/settlement/${s.id}`}>{localName(s.providerName ?? s.providerId, s.providerNameEn)}</Link>
                        </td>
                        <td>{s.period}</td>
                        <td>{pick(s.statusName)}{s.needsSecondRole && s.status === 'agreed' && <span className="badge warn"> {t('settlement.secondRole')}</span>}</td>
                        <td>{s.orderCount}{s.heldCount > 0 && ` (${t('settlement.held', { n: s.heldCount })})`}</td>
                        <td>{money(s.totalFen, s.currency)}</td>
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
    </article>
  );
}

function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** One provider's draft of a month (opened when made), or every provider's at once (what was made and held is told, the list shown again). */
function GenerateForm({ onAll }: { onAll: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useLoad(() => providers(), []);
  const [providerId, setProviderId] = useState('');
  const [period, setPeriod] = useState(lastMonth());
  const made = useRef('');
  const [allMade, setAllMade] = useState<GenerateAll | null>(null);
  const one = useSubmit(
    async () => {
      all.setError(null);
      made.current = (await generateStatement(providerId, period)).id;
    },
    () => void navigate(`/app/settlement/${made.current}`),
  );
  const all = useSubmit(async () => {
    one.setError(null);
    setAllMade(null);
    setAllMade(await generateAllStatements(period));
  }, onAll);
  const busy = one.busy || all.busy;
  const fieldError = (path: string) => one.fieldError(path) ?? all.fieldError(path);
  const formError = () => one.formError() ?? all.formError();
  const submit = one.submit;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="inline-form">
      <h2>{t('settlement.generateTitle')}</h2>
      <Field label={t('settlement.provider')} error={fieldError('providerId')} required>
        {(p) => (
          <select {...p} value={providerId} onChange={(e) => setProviderId(e.target.value)}>
            <option value="">{t('settlement.chooseProvider')}</option>
            {(list.data?.items ?? []).map((pr) => (
              <option key={pr.id} value={pr.id}>
                {nameOf(pr)} ({pr.code})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settlement.period')} hint={t('settlement.periodHint')} error={fieldError('period')} required>
        {(p) => <input {...p} value={period} onChange={(e) => setPeriod(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('settlement.generate')}
      </button>{' '}
      <button type="button" disabled={busy} onClick={(e) => void all.submit(e)}>
        {t('settlement.generateAll')}
      </button>
      {allMade && (
        <p role="status" className="muted">
          {t('settlement.generatedAll', { period: allMade.period, generated: allMade.generated, orders: allMade.orders, held: allMade.held, skipped: allMade.skipped.length })}
        </p>
      )}
    </form>
  );
}
