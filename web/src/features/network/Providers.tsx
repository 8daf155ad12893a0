import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../shared/session';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { date, nameOf } from '../../shared/format';
import { addTechnician, getProvider, listProviders, listTechnicians, type Shift } from './api';
import { SkillsField } from './SkillsField';

/** Headquarters and dispatchers see every provider; a provider's own staff see theirs. */
export function NetworkPage() {
  const { t } = useTranslation();
  const providers = useLoad(() => listProviders().then((r) => r.items), []);
  return (
    <section aria-labelledby="network-title">
      <h1 id="network-title">{t('network.title')}</h1>
      <Async state={providers}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{t('network.noProviders')}</Empty>
          ) : (
            <div className="card table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('network.provider')}</th>
                    <th scope="col">{t('network.kind')}</th>
                    <th scope="col">{t('network.contact')}</th>
                    <th scope="col">{t('network.capacity')}</th>
                    <th scope="col">{t('network.contract')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link to={`/app/network/providers/${p.id}`}>{nameOf(p)}</Link> <span className="muted">{p.code}</span>
                        {!p.active && <span className="badge"> {t('network.inactive')}</span>}
                      </td>
                      <td>{t(`network.kinds.${p.kind}`)}</td>
                      <td>
                        {p.contactName} · {p.contactPhone}
                      </td>
                      <td>{p.capacity}</td>
                      <td>{p.contractTo ? t('network.until', { date: date(p.contractTo) }) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}

/** One provider: its contract and its technicians; whoever may change the network adds technicians here. */
export function ProviderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const provider = useLoad(() => getProvider(id), [id]);
  const technicians = useLoad(() => listTechnicians({ providerId: id, limit: 200 }), [id]);
  return (
    <section aria-labelledby="provider-title">
      <Async state={provider}>
        {(p) => (
          <>
            <h1 id="provider-title">
              {nameOf(p)} <span className="muted">{p.code}</span>
            </h1>
            <p>
              {t(`network.kinds.${p.kind}`)} · {p.contactName} · {p.contactPhone} · {t('network.capacity')} {p.capacity} · {p.timeZone}
              {p.contractFrom && p.contractTo ? ` · ${date(p.contractFrom)} – ${date(p.contractTo)}` : ''}
            </p>
            <p className="muted">{t('network.area', { regions: p.serviceArea.regions.map((r) => [r.province, r.city].filter(Boolean).join(' ')).join('、') || '—' })}</p>
          </>
        )}
      </Async>
      <div className="grid2">
        <Async state={technicians}>
          {(page) => (
            <div className="card table-wrap">
              <h2>{t('network.technicians', { n: page.total })}</h2>
              {page.items.length === 0 ? (
                <Empty>{t('network.noTechnicians')}</Empty>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('network.name')}</th>
                      <th scope="col">{t('network.status')}</th>
                      <th scope="col">{t('network.skills')}</th>
                      <th scope="col">{t('network.maxJobs')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((x) => (
                      <tr key={x.id}>
                        <td>
                          <Link to={`/app/network/technicians/${x.id}`}>{nameOf(x)}</Link>
                        </td>
                        <td>
                          <span className={`badge status-${x.status}`}>{t(`network.statuses.${x.status}`)}</span>
                        </td>
                        <td>{x.skills.join(', ') || '—'}</td>
                        <td>{x.maxJobsPerDay}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          )}
        </Async>
        {can('network.write') && <NewTechnicianForm providerId={id} onMade={technicians.reload} />}
      </div>
    </section>
  );
}

const officeWeek: Shift[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' }));

function NewTechnicianForm({ providerId, onMade }: { providerId: string; onMade: () => void }) {
  const { t } = useTranslation();
  const blank = { name: '', nameEn: null as string | null, phone: '', skills: [] as string[], homeAddress: '', maxJobsPerDay: 8, shifts: officeWeek };
  const [tech, setTech] = useState(blank);
  const [made, setMade] = useState<string | null>(null);
  const errors = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      const created = await addTechnician({ ...tech, providerId, homeAddress: tech.homeAddress || null });
      setTech(blank);
      setMade(created.name);
      onMade();
    } catch (err) {
      setMade(null);
      errors.setError(err);
    }
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="new-technician-title">
      <h2 id="new-technician-title">{t('network.newTechnician')}</h2>
      <Field label={t('network.name')} error={errors.fieldError('name')} required>
        {(p) => <input {...p} value={tech.name} onChange={(e) => setTech({ ...tech, name: e.target.value })} />}
      </Field>
      <Field label={t('network.nameEn')} hint={t('network.nameEnHint')} error={errors.fieldError('nameEn')}>
        {(p) => <input {...p} lang="en" value={tech.nameEn ?? ''} onChange={(e) => setTech({ ...tech, nameEn: e.target.value || null })} />}
      </Field>
      <Field label={t('network.phone')} error={errors.fieldError('phone')} required>
        {(p) => <input {...p} type="tel" value={tech.phone} onChange={(e) => setTech({ ...tech, phone: e.target.value })} />}
      </Field>
      <Field label={t('network.homeAddress')} error={errors.fieldError('homeAddress')}>
        {(p) => <input {...p} value={tech.homeAddress} onChange={(e) => setTech({ ...tech, homeAddress: e.target.value })} />}
      </Field>
      <SkillsField value={tech.skills} error={errors.fieldError('skills')} onChange={(skills) => setTech({ ...tech, skills })} />
      <Field label={t('network.maxJobs')} error={errors.fieldError('maxJobsPerDay')}>
        {(p) => <input {...p} type="number" min={1} max={50} value={tech.maxJobsPerDay} onChange={(e) => setTech({ ...tech, maxJobsPerDay: Number(e.target.value) })} />}
      </Field>
      <p className="muted">{t('network.officeWeek')}</p>
      <FormError message={errors.formError()} />
      {made && (
        <p className="answer" role="status">
          {t('network.added', { name: made })}
        </p>
      )}
      <button type="submit" className="primary">
        {t('network.add')}
      </button>
    </form>
  );
}

/** Skills are the catalogue's category codes the technician works on. */
