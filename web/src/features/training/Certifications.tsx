import { useTranslation } from 'react-i18next';
import { Async, Empty, useLoad } from '../../shared/ui';
import { date as showDate, nameOf } from '../../shared/format';
import { listTechnicians } from '../network/api';
import { listCertifications, type Certification } from './api';

const DAY = 86_400_000;
/** Certifications running out within this many days are called out. */
const SOON_DAYS = 60;

function CertificationState({ c }: { c: Certification }) {
  const { t } = useTranslation();
  if (c.revokedAt) return <span className="badge mark-broken">{t('training.revoked')}</span>;
  if (!c.valid) return <span className="badge mark-broken">{t('training.expired')}</span>;
  if (Date.parse(c.expiresAt) - Date.now() < SOON_DAYS * DAY) return <span className="badge mark-warning">{t('training.expiresSoon')}</span>;
  return <span className="badge mark-kept">{t('training.valid')}</span>;
}

export function MyCertifications() {
  const { t } = useTranslation();
  const state = useLoad(() => listCertifications({ limit: 100 }), []);
  return (
    <section className="card" aria-labelledby="my-certs">
      <h2 id="my-certs">{t('training.myCertifications')}</h2>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('training.noCertifications')}</Empty>
          ) : (
            <ul className="cards certs">
              {page.items.map((c) => (
                <li key={c.id} className="card">
                  <strong>{c.code}</strong> <CertificationState c={c} />
                  <p className="muted">{t('training.validUntil', { date: showDate(c.expiresAt) })}</p>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

/** Every technician the user may see with their certifications; those running out soon first. */
export function TechnicianCertifications() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const soon = new Date(Date.now() + SOON_DAYS * DAY).toISOString();
    const [technicians, certs, expiring] = await Promise.all([
      listTechnicians({ limit: 200 }),
      listCertifications({ limit: 200 }),
      listCertifications({ limit: 200, expiringBefore: soon }),
    ]);
    return { technicians: technicians.items, certs: certs.items, expiring: expiring.items };
  }, []);
  return (
    <Async state={state}>
      {({ technicians, certs, expiring }) => {
        const names = new Map(technicians.map((x) => [x.id, nameOf(x)]));
        return (
          <>
            <section className="card" aria-labelledby="expiring-title">
              <h2 id="expiring-title">{t('training.expiring', { days: SOON_DAYS })}</h2>
              {expiring.length === 0 ? (
                <Empty>{t('training.noneExpiring')}</Empty>
              ) : (
                <ul className="plain">
                  {[...expiring]
                    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))
                    .map((c) => (
                      <li key={c.id}>
                        <strong>{names.get(c.technicianId) ?? c.technicianId}</strong> · {c.code} · {t('training.validUntil', { date: showDate(c.expiresAt) })}
                      </li>
                    ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="tech-certs-title">
              <h2 id="tech-certs-title">{t('training.technicians')}</h2>
              {technicians.length === 0 ? (
                <Empty>{t('training.noTechnicians')}</Empty>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('training.technician')}</th>
                        <th scope="col">{t('training.certifications')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {technicians.map((x) => {
                        const own = certs.filter((c) => c.technicianId === x.id && !c.revokedAt).sort((a, b) => a.code.localeCompare(b.code));
                        return (
                          <tr key={x.id}>
                            <td>{nameOf(x)}</td>
                            <td>
                              {own.length === 0 ? (
                                <span className="badge mark-broken">{t('training.none')}</span>
                              ) : (
                                <ul className="plain compact chips">
                                  {own.map((c) => (
                                    <li key={c.id}>
                                      {c.code} <CertificationState c={c} /> <span className="muted">{t('training.validUntil', { date: showDate(c.expiresAt) })}</span>
                                    </li>
                                  ))}
                                </ul>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        );
      }}
    </Async>
  );
}
