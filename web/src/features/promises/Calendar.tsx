import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Async, Field, FormError, errorsUnder, useFormErrors, useLoad } from '../../shared/ui';
import { addCalendar, changeCalendar, getCalendar, type BusinessCalendar } from './api';
import { SpecialDays } from './SpecialDays';

// A calendar: its name, time zone, region and working week; its special days below (SpecialDays.tsx).

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
  const state = useLoad(() => (id === 'new' ? Promise.resolve(null) : getCalendar(id)), [id]);
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
        await changeCalendar(calendar.id, { ...common, version: calendar.version });
        setSaved(true);
        reload();
      } else {
        const years = form.nationalYears.split(/[\s,，]+/).filter(Boolean).map(Number);
        const created = await addCalendar({ ...common, code: form.code, cnNationalYears: years.length ? years : undefined });
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
