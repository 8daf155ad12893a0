import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, Field, FormError, errorsUnder, useFormErrors } from '../../shared/ui';
import { date, named } from '../../shared/format';
import { importCalendarDays, type BusinessCalendar, type CalendarDay, type DaysImport } from './api';

/** Holidays and make-up working days: the list, one more by hand, a year of China's arrangement, or one taken off. */
export function SpecialDays({ calendar, reload }: { calendar: BusinessCalendar; reload: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [day, setDay] = useState<CalendarDay>({ date: '', kind: 'holiday', nameZh: '', nameEn: '' });
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const days = calendar.days ?? [];

  async function importDays(body: Omit<DaysImport, 'version'>) {
    setBusy(true);
    errors.setError(null);
    try {
      await importCalendarDays(calendar.id, { version: calendar.version, ...body });
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
