import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../shared/session';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { date, dateTime, fromLocalInput, nameOf } from '../../shared/format';
import { listCertifications } from '../training/api';
import { TechnicianLogin } from '../access';
import { changeTechnician, getTechnician, listAbsences, recordAbsence, type NewAbsence, type Shift, type Technician } from './api';
import { SkillsField } from './SkillsField';
import { CalendarFeedLink } from '../calendar-feeds';

// One technician: details and shifts, absences, certifications.

const weekdays = [1, 2, 3, 4, 5, 6, 7];
const statuses: Technician['status'][] = ['active', 'suspended', 'left'];

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
            <h1 id="technician-title">{nameOf(x)}</h1>
            <p>
              <Link to={`/app/network/providers/${x.providerId}`}>{t('network.backToProvider')}</Link> · {x.phone}
              {x.homeAddress ? ` · ${x.homeAddress}` : ''}
            </p>
            <div className="grid2">
              <TechnicianForm technician={x} editable={can('network.write')} onSaved={technician.reload} />
              <div>
                <Absences technicianId={x.id} editable={can('network.write')} />
                <Certifications technicianId={x.id} />
                {can('network.write') && <TechnicianLogin technicianId={x.id} />}
                {can('network.write') && <CalendarFeedLink technicianId={x.id} />}
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
