import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../shared/session';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { date, dateTime, fromLocalInput, named } from '../../shared/format';
import { listCategories } from '../catalog/api';
import { listCertifications } from '../training/api';
import {
  addTechnician,
  changeTechnician,
  getProvider,
  getTechnician,
  listAbsences,
  listProviders,
  listTechnicians,
  recordAbsence,
  type NewAbsence,
  type Shift,
  type Technician,
} from './api';

const weekdays = [1, 2, 3, 4, 5, 6, 7];
const statuses: Technician['status'][] = ['active', 'suspended', 'left'];

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
                        <Link to={`/app/network/providers/${p.id}`}>{p.name}</Link> <span className="muted">{p.code}</span>
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
              {p.name} <span className="muted">{p.code}</span>
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
                          <Link to={`/app/network/technicians/${x.id}`}>{x.name}</Link>
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
  const blank = { name: '', phone: '', skills: [] as string[], homeAddress: '', maxJobsPerDay: 8, shifts: officeWeek };
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
function SkillsField({ value, error, onChange }: { value: string[]; error?: string; onChange: (skills: string[]) => void }) {
  const { t } = useTranslation();
  const categories = useLoad(() => listCategories().then((r) => r.items), []);
  return (
    <fieldset className="choices">
      <legend>{t('network.skills')}</legend>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {categories.data?.map((c) => (
        <label key={c.id} className="choice">
          <input type="checkbox" checked={value.includes(c.code)} onChange={(e) => onChange(e.target.checked ? [...value, c.code] : value.filter((s) => s !== c.code))} /> {named(c)} ({c.code})
        </label>
      ))}
    </fieldset>
  );
}

/** One technician: status, skills, weekly shifts and daily limit; absences; certifications. */
export function TechnicianPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const technician = useLoad(() => getTechnician(id), [id]);
  return (
    <section aria-labelledby="technician-title">
      <Async state={technician}>
        {(x) => (
          <>
            <h1 id="technician-title">{x.name}</h1>
            <p>
              <Link to={`/app/network/providers/${x.providerId}`}>{t('network.backToProvider')}</Link> · {x.phone}
              {x.homeAddress ? ` · ${x.homeAddress}` : ''}
            </p>
            <div className="grid2">
              <TechnicianForm technician={x} editable={can('network.write')} onSaved={technician.reload} />
              <div>
                <Absences technicianId={x.id} editable={can('network.write')} />
                <Certifications technicianId={x.id} />
              </div>
            </div>
          </>
        )}
      </Async>
    </section>
  );
}

function TechnicianForm({ technician, editable, onSaved }: { technician: Technician; editable: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ status: technician.status, phone: technician.phone, skills: technician.skills, maxJobsPerDay: technician.maxJobsPerDay, shifts: technician.shifts });
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors();
  const shiftOf = (weekday: number) => draft.shifts.find((s) => s.weekday === weekday);
  const setShift = (weekday: number, shift: Shift | null) =>
    setDraft({ ...draft, shifts: [...draft.shifts.filter((s) => s.weekday !== weekday), ...(shift ? [shift] : [])].sort((a, b) => a.weekday - b.weekday) });
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    setSaved(false);
    try {
      await changeTechnician(technician.id, { ...draft, version: technician.version });
      setSaved(true);
      onSaved();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="technician-form-title">
      <h2 id="technician-form-title">{t('network.workingDetails')}</h2>
      <fieldset disabled={!editable} className="plain-fieldset">
        <Field label={t('network.status')} error={errors.fieldError('status')}>
          {(p) => (
            <select {...p} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as Technician['status'] })}>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`network.statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('network.phone')} error={errors.fieldError('phone')} required>
          {(p) => <input {...p} type="tel" value={draft.phone} onChange={(e) => setDraft({ ...draft, phone: e.target.value })} />}
        </Field>
        <SkillsField value={draft.skills} error={errors.fieldError('skills')} onChange={(skills) => setDraft({ ...draft, skills })} />
        <Field label={t('network.maxJobs')} error={errors.fieldError('maxJobsPerDay')}>
          {(p) => <input {...p} type="number" min={1} max={50} value={draft.maxJobsPerDay} onChange={(e) => setDraft({ ...draft, maxJobsPerDay: Number(e.target.value) })} />}
        </Field>
        <fieldset className="choices">
          <legend>{t('network.shifts')}</legend>
          {errors.fieldError('shifts') && (
            <p className="field-error" role="alert">
              {errors.fieldError('shifts')}
            </p>
          )}
          <table className="compact">
            <tbody>
              {weekdays.map((d) => {
                const s = shiftOf(d);
                const day = t(`network.weekdays.${d}`);
                return (
                  <tr key={d}>
                    <th scope="row">
                      <label className="choice">
                        <input type="checkbox" checked={!!s} onChange={(e) => setShift(d, e.target.checked ? { weekday: d, start: '09:00', end: '18:00' } : null)} /> {day}
                      </label>
                    </th>
                    <td>{s && <input type="time" aria-label={t('network.shiftStart', { day })} value={s.start} onChange={(e) => setShift(d, { ...s, start: e.target.value })} />}</td>
                    <td>{s && <input type="time" aria-label={t('network.shiftEnd', { day })} value={s.end} onChange={(e) => setShift(d, { ...s, end: e.target.value })} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </fieldset>
      </fieldset>
      <FormError message={errors.formError()} />
      {saved && (
        <p className="answer" role="status">
          {t('network.saved')}
        </p>
      )}
      {editable && (
        <button type="submit" className="primary">
          {t('network.save')}
        </button>
      )}
    </form>
  );
}

function Absences({ technicianId, editable }: { technicianId: string; editable: boolean }) {
  const { t } = useTranslation();
  const absences = useLoad(() => listAbsences(technicianId).then((r) => r.items), [technicianId]);
  const [draft, setDraft] = useState({ from: '', to: '', reason: '' });
  const errors = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    try {
      // Sent as typed, an empty time too: the server names the missing field.
      await recordAbsence(technicianId, { from: fromLocalInput(draft.from), to: fromLocalInput(draft.to), reason: draft.reason } as NewAbsence);
      setDraft({ from: '', to: '', reason: '' });
      absences.reload();
    } catch (err) {
      errors.setError(err);
    }
  }
  return (
    <section className="card" aria-labelledby="absences-title">
      <h2 id="absences-title">{t('network.absences')}</h2>
      <Async state={absences}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{t('network.noAbsences')}</Empty>
          ) : (
            <ul className="plain">
              {items.map((a) => (
                <li key={a.id}>
                  {dateTime(a.from)} – {dateTime(a.to)} · {a.reason} <span className="muted">({a.createdBy})</span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {editable && (
        <form onSubmit={submit} noValidate aria-label={t('network.addAbsence')}>
          <Field label={t('network.from')} error={errors.fieldError('from')} required>
            {(p) => <input {...p} type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
          </Field>
          <Field label={t('network.to')} error={errors.fieldError('to')} required>
            {(p) => <input {...p} type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
          </Field>
          <Field label={t('network.reason')} error={errors.fieldError('reason')} required>
            {(p) => <input {...p} value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} />}
          </Field>
          <FormError message={errors.formError()} />
          <button type="submit">{t('network.addAbsence')}</button>
        </form>
      )}
    </section>
  );
}

function Certifications({ technicianId }: { technicianId: string }) {
  const { t } = useTranslation();
  const certifications = useLoad(() => listCertifications({ technicianId, limit: 50 }).then((r) => r.items), [technicianId]);
  return (
    <section className="card" aria-labelledby="certifications-title">
      <h2 id="certifications-title">{t('network.certifications')}</h2>
      <Async state={certifications}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{t('network.noCertifications')}</Empty>
          ) : (
            <ul className="plain">
              {items.map((c) => (
                <li key={c.id}>
                  <strong>{c.code}</strong> · {c.valid ? t('network.validUntil', { date: date(c.expiresAt.slice(0, 10)) }) : <span className="badge mark-broken">{c.revokedAt ? t('network.revoked') : t('network.expired')}</span>}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <p>
        <Link to="/app/training">{t('network.toTraining')}</Link>
      </p>
    </section>
  );
}
