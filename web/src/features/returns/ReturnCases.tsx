import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { dateTime, money } from '../../shared/format';
import { listCases, openCase } from './api';

const statuses = ['opened', 'appraising', 'appraised', 'decided', 'approved', 'executed', 'closed', 'rejected'] as const;
const decisions = ['refund', 'exchange', 'repair'] as const;

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
      {params.get('orderId') && <OpenCaseForm orderId={params.get('orderId')!} unitId={params.get('unitId') ?? ''} />}
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

function OpenCaseForm({ orderId, unitId: initialUnit }: { orderId: string; unitId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { setError, fieldError, formError } = useFormErrors();
  const [unitId, setUnitId] = useState(initialUnit);
  const [faultCode, setFaultCode] = useState('');
  const [requested, setRequested] = useState<(typeof decisions)[number]>('refund');
  const [noReason, setNoReason] = useState(false);
  const [override, setOverride] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const made = await openCase({ orderId, lines: [{ unitId, faultCode: faultCode || 'NONE', kind: noReason ? 'other' : 'performance', customerRequestsNoReasonReturn: noReason, requested, override: override ? { reason: override } : undefined }] });
      navigate(`/app/returns/${made.id}`);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form onSubmit={submit} aria-labelledby="open-case-title" className="card">
      <h2 id="open-case-title">{t('returns.openTitle')}</h2>
      <Field label={t('returns.unitId')} error={fieldError('lines.0.unitId')} required>
        {(p) => <input {...p} value={unitId} onChange={(e) => setUnitId(e.target.value)} />}
      </Field>
      <Field label={t('returns.faultCode')} error={fieldError('lines.0.faultCode')}>
        {(p) => <input {...p} value={faultCode} onChange={(e) => setFaultCode(e.target.value)} />}
      </Field>
      <Field label={t('returns.requested')} error={fieldError('lines.0.requested')}>
        {(p) => (
          <select {...p} value={requested} onChange={(e) => setRequested(e.target.value as typeof requested)}>
            {decisions.map((d) => (
              <option key={d} value={d}>
                {t(`returnDecision.${d}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label>
        <input type="checkbox" checked={noReason} onChange={(e) => setNoReason(e.target.checked)} /> {t('returns.noReason')}
      </label>
      <Field label={t('returns.overrideReason')}>{(p) => <input {...p} value={override} onChange={(e) => setOverride(e.target.value)} />}</Field>
      <FormError message={formError()} />
      <button type="submit" className="primary">
        {t('returns.openButton')}
      </button>
    </form>
  );
}
