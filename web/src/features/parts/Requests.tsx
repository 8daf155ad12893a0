import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { dateTime, named } from '../../shared/format';
import { useSession } from '../../shared/session';
import { approvePartRequest, listLocations, listRequests, receivePartRequest, rejectPartRequest, shipPartRequest, type Location, type PartRequest } from './api';
import { useSubmit } from '../../shared/submit';

const statuses = ['requested', 'approved', 'shipped', 'received', 'rejected', 'cancelled'] as const;

/** The requests queue: approve from a source you keep, ship, receive at the destination. */
export function PartRequestsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const state = useLoad(() => listRequests({ status: status || undefined }), [status]);
  const locations = useLoad(() => listLocations(), []);
  const where = (id: string | null) => {
    const l = locations.data?.items.find((x) => x.id === id);
    return l ? `${l.code} · ${named(l)}` : id ? '…' : '—';
  };
  return (
    <article aria-labelledby="requests-title">
      <header className="page-head">
        <h1 id="requests-title">{t('parts.requestsTitle')}</h1>
      </header>
      <p className="muted">{t('parts.requestsIntro')}</p>
      <Field label={t('parts.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('parts.anyStatus')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`requestStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('parts.noRequests')}</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('parts.at')}</th>
                    <th scope="col">{t('parts.part')}</th>
                    <th scope="col">{t('parts.quantity')}</th>
                    <th scope="col">{t('parts.to')}</th>
                    <th scope="col">{t('parts.from')}</th>
                    <th scope="col">{t('parts.order')}</th>
                    <th scope="col">{t('parts.status')}</th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((r) => (
                    <tr key={r.id} data-request={r.id}>
                      <td>{dateTime(r.createdAt)}</td>
                      <td>
                        {r.partNumber} · {named({ nameZh: r.partNameZh, nameEn: r.partNameEn })}
                      </td>
                      <td>{r.quantity}</td>
                      <td>{where(r.toLocationId)}</td>
                      <td>{where(r.fromLocationId)}</td>
                      <td>{r.orderId ? <Link to={`/app/orders/${r.orderId}`}>{t('parts.order')}</Link> : '—'}</td>
                      <td>{t(`requestStatus.${r.status}`)}</td>
                      <td>
                        <Step request={r} locations={locations.data?.items ?? []} onDone={state.reload} />
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

/** The next step of a request, as the caller may take it. */
function Step({ request, locations, onDone }: { request: PartRequest; locations: Location[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [source, setSource] = useState('');
  const [serials, setSerials] = useState('');
  const [why, setWhy] = useState('');
  const approve = useSubmit(() => approvePartRequest(request.id, { version: request.version, fromLocationId: source }), onDone);
  const ship = useSubmit(() => shipPartRequest(request.id, request.version, serials.split(/[,，\s]+/).filter(Boolean)), onDone);
  const receive = useSubmit(() => receivePartRequest(request.id, request.version), onDone);
  const reject = useSubmit(() => rejectPartRequest(request.id, request.version, why), onDone);
  if (!can('parts.stock')) return null;
  if (request.status === 'requested')
    return (
      <form onSubmit={(e) => void approve.submit(e)} noValidate>
        <Field label={t('parts.source')} error={approve.fieldError('fromLocationId')}>
          {(p) => (
            <select {...p} value={source} onChange={(e) => setSource(e.target.value)}>
              <option value="">{t('parts.choose')}</option>
              {locations
                .filter((l) => l.id !== request.toLocationId)
                .map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.code} · {named(l)}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <FormError message={approve.formError() ?? reject.formError()} />
        <button type="submit" className="primary" disabled={approve.busy}>
          {t('parts.approve')}
        </button>
        <Field label={t('parts.rejectReason')} error={reject.fieldError('note')}>
          {(p) => <input {...p} value={why} onChange={(e) => setWhy(e.target.value)} />}
        </Field>
        <button type="button" disabled={reject.busy} onClick={(e) => void reject.submit(e)}>
          {t('parts.reject')}
        </button>
      </form>
    );
  if (request.status === 'approved')
    return (
      <form onSubmit={(e) => void ship.submit(e)} noValidate>
        <Field label={t('parts.shipSerials')} error={ship.fieldError('serials')}>
          {(p) => <input {...p} value={serials} onChange={(e) => setSerials(e.target.value)} />}
        </Field>
        <FormError message={ship.formError()} />
        <button type="submit" className="primary" disabled={ship.busy}>
          {t('parts.ship')}
        </button>
      </form>
    );
  if (request.status === 'shipped')
    return (
      <form onSubmit={(e) => void receive.submit(e)} noValidate>
        <FormError message={receive.formError()} />
        <button type="submit" className="primary" disabled={receive.busy}>
          {t('parts.receiveShipment')}
        </button>
      </form>
    );
  return null;
}
