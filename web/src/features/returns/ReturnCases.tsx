import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Async, Empty, Field, useLoad } from '../../shared/ui';
import { dateTime, money } from '../../shared/format';
import { listCases } from './api';
import { OpenCaseForm } from './OpenCase';

const statuses = ['opened', 'appraising', 'appraised', 'decided', 'approved', 'executed', 'closed', 'rejected'] as const;

/** The desk: return cases by status; with ?orderId=&unitId= (from a return order) a case can be opened. */
export function ReturnCasesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const state = useLoad(() => listCases(status || undefined), [status]);
  return (
    <article aria-labelledby="returns-title">
      <header className="page-head">
        <h1 id="returns-title">{t('returns.title')}</h1>
      </header>
      <p className="muted">{t('returns.intro')}</p>
      {params.get('orderId') && <OpenCaseForm orderId={params.get('orderId')!} customerId={params.get('customerId')} unitId={params.get('unitId') ?? ''} faultCode={params.get('faultCode') ?? ''} />}
      <Field label={t('returns.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}>
            <option value="">{t('returns.anyStatus')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`returnStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('returns.none')}</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('returns.opened')}</th>
                    <th scope="col">{t('returns.status')}</th>
                    <th scope="col">{t('returns.lines')}</th>
                    <th scope="col">{t('returns.decision')}</th>
                    <th scope="col">{t('returns.refund')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('returns.open')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => (
                    <tr key={c.id}>
                      <td>{dateTime(c.createdAt)}</td>
                      <td>{t(`returnStatus.${c.status}`)}</td>
                      <td>{c.lines.length}</td>
                      <td>{c.lines.map((l) => (l.decision ? t(`returnDecision.${l.decision}`) : '—')).join(', ')}</td>
                      <td>{money(c.refundTotal.amountFen, c.refundTotal.currency)}</td>
                      <td>
                        <Link to={`/app/returns/${c.id}`}>{t('returns.open')}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </article>
  );
}
