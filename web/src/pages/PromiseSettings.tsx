import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate, useParams } from 'react-router';
import { ApiError, api, get, post } from '../api';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../ui';
import { date, named } from '../format';
import { useSession } from '../session';
import { businessTime } from './PromiseClocks';
import type { BusinessCalendar, CalendarDay, Category, CustomerTier, Milestone, OrderKind, Priority, PromisePolicy, Role } from '../types';

const kinds: OrderKind[] = ['installation', 'repair', 'maintenance', 'inspection', 'return_exchange', 'complaint', 'consultation'];
const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];
const alertRoles: Role[] = ['dispatcher', 'manager', 'agent', 'follow_up', 'provider_admin', 'admin'];
const milestones: Milestone[] = ['first_response', 'on_site', 'resolution'];

/** The promise pages' own navigation: the report for everyone who may read it, settings for managers. */
export function PromiseTabs() {
  const { t } = useTranslation();
  const { can } = useSession();
  if (!can('promises.manage')) return null;
  return (
    <nav className="tabs" aria-label={t('promiseReport.sections')}>
      <NavLink to="/app/promises" end>
        {t('promiseReport.title')}
      </NavLink>
      <NavLink to="/app/promises/settings">{t('promiseSettings.title')}</NavLink>
    </nav>
  );
}

/** The field messages under a path ("week.2" has those of "week.2.0.start" too). */
function errorsUnder(error: unknown, prefix: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const hits = error.details.filter((d) => d.path === prefix || d.path.startsWith(`${prefix}.`));
  return hits.length ? hits.map((d) => (d.path === prefix ? d.message : `${d.path.slice(prefix.length + 1)}: ${d.message}`)).join('; ') : undefined;
}

/** Calendars and policies, for managers. */
export function PromiseSettingsPage() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [calendars, policies] = await Promise.all([get<{ items: BusinessCalendar[] }>('/calendars'), get<{ items: PromisePolicy[] }>('/promise-policies')]);
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

// ---- Calendars ----

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "09:00-12:00, 13:30-18:00" ⇄ blocks. A piece that is not a range goes as it is: the server names what is wrong with it. */
function blocksText(blocks: { start: string; end: string }[]): string {
  return blocks.map((b) => `${b.start}-${b.end}`).join(', ');
}
function parseBlocks(text: string): { start: string; end: string }[] {
  return text
    .split(/[,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((piece) => {
      const [start, end = ''] = piece.split(/\s*[-–~～]\s*/);
      return { start, end };
    });
}

type CalendarForm = { code: string; nameZh: string; nameEn: string; timeZone: string; region: string; isDefault: boolean; week: string[]; nationalYears: string };

export function CalendarPage() {
  const { id = 'new' } = useParams();
  const state = useLoad(() => (id === 'new' ? Promise.resolve(null) : get<BusinessCalendar>(`/calendars/${id}`)), [id]);
  return <Async state={state}>{(c) => <CalendarEditor key={`${id}-${c?.version ?? 0}`} calendar={c} reload={state.reload} />}</Async>;
}

function CalendarEditor({ calendar, reload }: { calendar: BusinessCalendar | null; reload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [form, setForm] = useState<CalendarForm>(() => ({
    code: calendar?.code ?? '',
    nameZh: calendar?.nameZh ?? '',
    nameEn: calendar?.nameEn ?? '',
    timeZone: calendar?.timeZone ?? 'Asia/Shanghai',
    region: calendar?.region ?? '',
    isDefault: calendar?.isDefault ?? false,
    week: calendar ? calendar.week.map(blocksText) : weekdays.map((d) => (d === 'sat' || d === 'sun' ? '' : '09:00-12:00, 13:30-18:00')),
    nationalYears: calendar ? '' : String(new Date().getFullYear()),
  }));
  const set = <K extends keyof CalendarForm>(k: K, v: CalendarForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    errors.setError(null);
    const common = { nameZh: form.nameZh, nameEn: form.nameEn, timeZone: form.timeZone, region: form.region.trim() || null, isDefault: form.isDefault, week: form.week.map(parseBlocks) };
    try {
      if (calendar) {
        await api('PATCH', `/calendars/${calendar.id}`, { ...common, version: calendar.version });
        setSaved(true);
        reload();
      } else {
        const years = form.nationalYears.split(/[\s,，]+/).filter(Boolean).map(Number);
        const created = await post<BusinessCalendar>('/calendars', { ...common, code: form.code, cnNationalYears: years.length ? years : undefined });
        navigate(`/app/promises/calendars/${created.id}`, { replace: true });
      }
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }

  const text = (k: 'code' | 'nameZh' | 'nameEn' | 'timeZone' | 'region', label: string, required = true, hint?: string) => (
    <Field label={label} error={errors.fieldError(k)} required={required} hint={hint}>
      {(p) => <input {...p} value={form[k]} onChange={(e) => set(k, e.target.value)} list={k === 'timeZone' ? 'time-zones' : undefined} />}
    </Field>
  );

  return (
    <section aria-labelledby="calendar-title">
      <p>
        <Link to="/app/promises/settings">{t('promiseSettings.back')}</Link>
      </p>
      <h1 id="calendar-title">{calendar ? t('promiseSettings.editCalendar', { code: calendar.code }) : t('promiseSettings.newCalendar')}</h1>
      <form className="card" onSubmit={submit} noValidate>
        <div className="filters">
          {!calendar && text('code', t('promiseSettings.code'), true, t('promiseSettings.codeHint'))}
          {text('nameZh', t('promiseSettings.nameZh'))}
          {text('nameEn', t('promiseSettings.nameEn'))}
          {text('timeZone', t('promiseSettings.timeZone'), true, t('promiseSettings.timeZoneHint'))}
          {text('region', t('promiseSettings.region'), false, t('promiseSettings.regionHint'))}
        </div>
        <datalist id="time-zones">
          {Intl.supportedValuesOf('timeZone').map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <label className="check">
          <input type="checkbox" checked={form.isDefault} onChange={(e) => set('isDefault', e.target.checked)} /> {t('promiseSettings.isDefault')}
        </label>
        <fieldset>
          <legend>{t('promiseSettings.week')}</legend>
          <p className="hint">{t('promiseSettings.weekHint')}</p>
          <FormError message={errors.fieldError('week')} />
          <div className="week">
            {weekdays.map((d, i) => (
              <Field key={d} label={t(`promiseSettings.weekday.${d}`)} error={errorsUnder(errors.error, `week.${i}`)}>
                {(p) => <input {...p} value={form.week[i]} placeholder={t('promiseSettings.closed')} onChange={(e) => set('week', form.week.map((w, j) => (j === i ? e.target.value : w)))} />}
              </Field>
            ))}
          </div>
        </fieldset>
        {!calendar && (
          <Field label={t('promiseSettings.nationalYears')} hint={t('promiseSettings.nationalYearsHint')} error={errorsUnder(errors.error, 'cnNationalYears')}>
            {(p) => <input {...p} value={form.nationalYears} inputMode="numeric" onChange={(e) => set('nationalYears', e.target.value)} />}
          </Field>
        )}
        <FormError message={errors.formError()} />
        {saved && (
          <p className="saved" role="status">
            {t('promiseSettings.saved')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {calendar ? t('promiseSettings.save') : t('promiseSettings.createCalendar')}
          </button>
        </div>
      </form>
      {calendar && <SpecialDays calendar={calendar} reload={reload} />}
    </section>
  );
}

/** Holidays and make-up working days: the list, one more by hand, a year of China's arrangement, or one taken off. */
function SpecialDays({ calendar, reload }: { calendar: BusinessCalendar; reload: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [day, setDay] = useState<CalendarDay>({ date: '', kind: 'holiday', nameZh: '', nameEn: '' });
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const days = calendar.days ?? [];

  async function importDays(body: Record<string, unknown>) {
    setBusy(true);
    errors.setError(null);
    try {
      await post(`/calendars/${calendar.id}/days`, { version: calendar.version, ...body });
      reload();
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="days-title">
      <h2 id="days-title">{t('promiseSettings.days', { count: days.length })}</h2>
      <div className="grid2">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void importDays({ source: 'days', days: [{ ...day, nameZh: day.nameZh || null, nameEn: day.nameEn || null }] });
          }}
          noValidate
        >
          <h3>{t('promiseSettings.addDay')}</h3>
          <Field label={t('promiseSettings.date')} error={errors.fieldError('days.0.date') ?? errors.fieldError('days')} required>
            {(p) => <input {...p} type="date" value={day.date} onChange={(e) => setDay({ ...day, date: e.target.value })} />}
          </Field>
          <Field label={t('promiseSettings.dayKind')} error={errors.fieldError('days.0.kind')}>
            {(p) => (
              <select {...p} value={day.kind} onChange={(e) => setDay({ ...day, kind: e.target.value as CalendarDay['kind'] })}>
                <option value="holiday">{t('promiseSettings.holiday')}</option>
                <option value="workday">{t('promiseSettings.workday')}</option>
              </select>
            )}
          </Field>
          <Field label={t('promiseSettings.nameZh')} error={errors.fieldError('days.0.nameZh')}>
            {(p) => <input {...p} value={day.nameZh ?? ''} onChange={(e) => setDay({ ...day, nameZh: e.target.value })} />}
          </Field>
          <Field label={t('promiseSettings.nameEn')} error={errors.fieldError('days.0.nameEn')}>
            {(p) => <input {...p} value={day.nameEn ?? ''} onChange={(e) => setDay({ ...day, nameEn: e.target.value })} />}
          </Field>
          <button type="submit" disabled={busy}>
            {t('promiseSettings.addDay')}
          </button>
        </form>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void importDays({ source: 'cn_national', years: [Number(year)] });
          }}
          noValidate
        >
          <h3>{t('promiseSettings.importNational')}</h3>
          <Field label={t('promiseSettings.year')} error={errorsUnder(errors.error, 'years')} required>
            {(p) => <input {...p} type="number" min={2004} max={2100} value={year} onChange={(e) => setYear(e.target.value)} />}
          </Field>
          <button type="submit" disabled={busy}>
            {t('promiseSettings.importNational')}
          </button>
        </form>
      </div>
      <FormError message={errors.formError()} />
      {days.length === 0 ? (
        <Empty>{t('promiseSettings.noDays')}</Empty>
      ) : (
        <div className="table-wrap days">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('promiseSettings.date')}</th>
                <th scope="col">{t('promiseSettings.dayKind')}</th>
                <th scope="col">{t('promiseSettings.name')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('promiseSettings.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <td>{date(d.date)}</td>
                  <td>{t(d.kind === 'holiday' ? 'promiseSettings.holiday' : 'promiseSettings.workday')}</td>
                  <td>{named({ nameZh: d.nameZh ?? '', nameEn: d.nameEn ?? '' }) || '—'}</td>
                  <td>
                    <button type="button" className="link" disabled={busy} onClick={() => void importDays({ source: 'days', days: [], removeDates: [d.date] })}>
                      {t('promiseSettings.removeDay', { date: date(d.date) })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ---- Policies ----

type TargetForm = { customerHours: string; internalHours: string };
type PolicyForm = {
  code: string; nameZh: string; nameEn: string; active: boolean;
  orderKind: string; priority: string; customerTier: string; region: string; categoryId: string; calendarId: string;
  targets: Record<Milestone, TargetForm>; warnPercent: string; beatenPercent: string; warnRole: string; escalateRole: string;
};

const hours = (minutes: number | null | undefined) => (minutes == null ? '' : String(Math.round((minutes / 60) * 100) / 100));
const minutesOf = (h: string) => (h.trim() === '' ? undefined : Math.round(Number(h) * 60));
const percent = (share: number) => String(Math.round(share * 100));

function policyForm(p: PromisePolicy | null): PolicyForm {
  const target = (m: Milestone): TargetForm => ({ customerHours: hours(p?.targets[m]?.customerMinutes), internalHours: hours(p?.targets[m]?.internalMinutes) });
  return {
    code: p?.code ?? '', nameZh: p?.nameZh ?? '', nameEn: p?.nameEn ?? '', active: p?.active ?? true,
    orderKind: p?.orderKind ?? '', priority: p?.priority ?? '', customerTier: p?.customerTier ?? '', region: p?.region ?? '', categoryId: p?.categoryId ?? '', calendarId: p?.calendarId ?? '',
    targets: { first_response: target('first_response'), on_site: target('on_site'), resolution: target('resolution') },
    warnPercent: percent(p?.warnShare ?? 0.75), beatenPercent: percent(p?.beatenShare ?? 0.25), warnRole: p?.warnRole ?? 'dispatcher', escalateRole: p?.escalateRole ?? 'manager',
  };
}

/** The request body: hours become business minutes, percentages shares, empty selectors "any". */
function policyBody(f: PolicyForm) {
  const targets = Object.fromEntries(
    milestones
      .filter((m) => f.targets[m].customerHours.trim() !== '' || f.targets[m].internalHours.trim() !== '')
      .map((m) => [m, { customerMinutes: minutesOf(f.targets[m].customerHours), internalMinutes: minutesOf(f.targets[m].internalHours) ?? null }]),
  );
  const orNull = (v: string) => v.trim() || null;
  return {
    nameZh: f.nameZh, nameEn: f.nameEn, active: f.active,
    orderKind: orNull(f.orderKind), priority: orNull(f.priority), customerTier: orNull(f.customerTier), region: orNull(f.region), categoryId: orNull(f.categoryId), calendarId: orNull(f.calendarId),
    targets, warnShare: Number(f.warnPercent) / 100, beatenShare: Number(f.beatenPercent) / 100, warnRole: f.warnRole, escalateRole: f.escalateRole,
  };
}

export function PolicyPage() {
  const { id = 'new' } = useParams();
  const state = useLoad(async () => {
    const [policy, calendars, categories, tiers] = await Promise.all([
      id === 'new' ? null : get<PromisePolicy>(`/promise-policies/${id}`),
      get<{ items: BusinessCalendar[] }>('/calendars').then((r) => r.items),
      get<{ items: Category[] }>('/catalog/categories').then((r) => r.items),
      get<{ items: CustomerTier[] }>('/customer-tiers').then((r) => r.items),
    ]);
    return { policy, calendars, categories, tiers };
  }, [id]);
  return <Async state={state}>{(d) => <PolicyEditor key={`${id}-${d.policy?.version ?? 0}`} {...d} />}</Async>;
}

function PolicyEditor({ policy, calendars, categories, tiers }: { policy: PromisePolicy | null; calendars: BusinessCalendar[]; categories: Category[]; tiers: CustomerTier[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<PolicyForm>(() => policyForm(policy));
  const set = <K extends keyof PolicyForm>(k: K, v: PolicyForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setTarget = (m: Milestone, k: keyof TargetForm, v: string) => setForm((f) => ({ ...f, targets: { ...f.targets, [m]: { ...f.targets[m], [k]: v } } }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.setError(null);
    try {
      if (policy) await api('PATCH', `/promise-policies/${policy.id}`, { ...policyBody(form), version: policy.version });
      else await post('/promise-policies', { ...policyBody(form), code: form.code });
      navigate('/app/promises/settings');
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }

  const select = (k: 'orderKind' | 'priority' | 'customerTier' | 'categoryId' | 'calendarId' | 'warnRole' | 'escalateRole', label: string, options: { value: string; label: string }[], anyLabel?: string) => (
    <Field label={label} error={errors.fieldError(k)}>
      {(p) => (
        <select {...p} value={form[k]} onChange={(e) => set(k, e.target.value)}>
          {anyLabel !== undefined && <option value="">{anyLabel}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const text = (k: 'code' | 'nameZh' | 'nameEn' | 'region' | 'warnPercent' | 'beatenPercent', label: string, opts: { required?: boolean; hint?: string; errorPath?: string; number?: boolean } = {}) => (
    <Field label={label} error={errors.fieldError(opts.errorPath ?? k)} required={opts.required} hint={opts.hint}>
      {(p) => <input {...p} type={opts.number ? 'number' : 'text'} min={opts.number ? 1 : undefined} max={opts.number ? 99 : undefined} value={form[k]} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );
  const any = t('promiseSettings.any');
  const roleOptions = alertRoles.map((r) => ({ value: r, label: t(`role.${r}`) }));

  return (
    <section aria-labelledby="policy-title">
      <p>
        <Link to="/app/promises/settings">{t('promiseSettings.back')}</Link>
      </p>
      <h1 id="policy-title">{policy ? t('promiseSettings.editPolicy', { code: policy.code }) : t('promiseSettings.newPolicy')}</h1>
      <form className="card" onSubmit={submit} noValidate>
        <div className="filters">
          {!policy && text('code', t('promiseSettings.code'), { required: true, hint: t('promiseSettings.codeHint') })}
          {text('nameZh', t('promiseSettings.nameZh'), { required: true })}
          {text('nameEn', t('promiseSettings.nameEn'), { required: true })}
        </div>
        <label className="check">
          <input type="checkbox" checked={form.active} onChange={(e) => set('active', e.target.checked)} /> {t('promiseSettings.active')}
        </label>
        <fieldset>
          <legend>{t('promiseSettings.selectors')}</legend>
          <p className="hint">{t('promiseSettings.selectorsHint')}</p>
          <div className="filters">
            {select('orderKind', t('order.kind'), kinds.map((k) => ({ value: k, label: t(`kind.${k}`) })), any)}
            {select('priority', t('order.priority'), priorities.map((k) => ({ value: k, label: t(`priority.${k}`) })), any)}
            {select('customerTier', t('promiseSettings.tier'), tiers.map((x) => ({ value: x.code, label: named(x) })), any)}
            {text('region', t('promiseSettings.region'), { hint: t('promiseSettings.regionHint') })}
            {select('categoryId', t('promiseSettings.category'), categories.map((c) => ({ value: c.id, label: named(c) })), any)}
            {select('calendarId', t('promiseSettings.calendar'), calendars.map((c) => ({ value: c.id, label: `${c.code} · ${named(c)}` })), t('promiseSettings.calendarByOrder'))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('promiseSettings.targets')}</legend>
          <p className="hint">{t('promiseSettings.targetsHint')}</p>
          <FormError message={errors.fieldError('targets')} />
          <div className="targets">
            {milestones.map((m) => (
              <div key={m} className="filters">
                <Field label={t('promiseSettings.customerHours', { milestone: t(`promise.milestone.${m}`) })} error={errorsUnder(errors.error, `targets.${m}.customerMinutes`) ?? errors.fieldError(`targets.${m}`)}>
                  {(p) => <input {...p} type="number" min={0} step="0.25" inputMode="decimal" value={form.targets[m].customerHours} onChange={(e) => setTarget(m, 'customerHours', e.target.value)} />}
                </Field>
                <Field label={t('promiseSettings.internalHours', { milestone: t(`promise.milestone.${m}`) })} error={errorsUnder(errors.error, `targets.${m}.internalMinutes`)}>
                  {(p) => <input {...p} type="number" min={0} step="0.25" inputMode="decimal" value={form.targets[m].internalHours} onChange={(e) => setTarget(m, 'internalHours', e.target.value)} />}
                </Field>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('promiseSettings.alerts')}</legend>
          <div className="filters">
            {text('warnPercent', t('promiseSettings.warnPercent'), { errorPath: 'warnShare', number: true, hint: t('promiseSettings.warnHint') })}
            {text('beatenPercent', t('promiseSettings.beatenPercent'), { errorPath: 'beatenShare', number: true, hint: t('promiseSettings.beatenHint') })}
            {select('warnRole', t('promiseSettings.warnRole'), roleOptions)}
            {select('escalateRole', t('promiseSettings.escalateRole'), roleOptions)}
          </div>
        </fieldset>
        <FormError message={errors.formError()} />
        <div className="actions">
          <Link className="button" to="/app/promises/settings">
            {t('action.cancelDialog')}
          </Link>
          <button type="submit" className="primary" disabled={busy}>
            {policy ? t('promiseSettings.save') : t('promiseSettings.createPolicy')}
          </button>
        </div>
      </form>
    </section>
  );
}
