import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Async, Field, FormError, errorsUnder, useFormErrors, useLoad } from '../../shared/ui';
import { named } from '../../shared/format';
import type { Role } from '../../shared/types';
import { listCategories, type Category } from '../catalog/api';
import { listTiers, type CustomerTier } from '../customers/api';
import type { OrderKind, Priority } from '../work-orders/api';
import { addPolicy, changePolicy, getPolicy, listCalendars, type BusinessCalendar, type Milestone, type NewPolicy, type PromisePolicy } from './api';

// A promise policy: which orders it matches, its targets per milestone, and who is warned.

const kinds: OrderKind[] = ['installation', 'repair', 'maintenance', 'inspection', 'return_exchange', 'complaint', 'consultation'];
const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];
const alertRoles: Role[] = ['dispatcher', 'manager', 'agent', 'follow_up', 'provider_admin', 'admin'];
const milestones: Milestone[] = ['first_response', 'on_site', 'resolution'];

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

/**
 * The request body: hours become business minutes, percentages shares, empty selectors "any". It is
 * sent as typed (a target left empty goes without minutes): the server names what is wrong.
 */
function policyBody(f: PolicyForm): Omit<NewPolicy, 'code'> {
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
  } as Omit<NewPolicy, 'code'>;
}

export function PolicyPage() {
  const { id = 'new' } = useParams();
  const state = useLoad(async () => {
    const [policy, calendars, categories, tiers] = await Promise.all([
      id === 'new' ? null : getPolicy(id),
      listCalendars().then((r) => r.items),
      listCategories().then((r) => r.items),
      listTiers().then((r) => r.items),
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
      if (policy) await changePolicy(policy.id, { ...policyBody(form), version: policy.version });
      else await addPolicy({ ...policyBody(form), code: form.code });
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
