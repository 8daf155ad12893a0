// Calendars: working hours and special days, compiled for the clocks and kept while unchanged.
import type { Db, Queryable } from '../../db/database.js';
import type { Clock as TimeSource } from '../../shared/clock.js';
import { invalid, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Enqueue } from '../../jobs/queue.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';
import type { AuditFn } from '../../kernel/audit.js';
import { calendarProblems, compileCalendar, type Calendar, type CalendarDay } from './calendar.rules.js';
import { cnNationalDays } from './cn-national.js';
import * as repo from './promises.repo.js';
import { explainUnique, promiseErrors } from './promises.errors.js';
import type { CalendarInput, CalendarPatch, CalendarView, DaysImport } from './promises.contract.js';

export const RECALENDAR_JOB = 'promises.recalendar';

export type CalendarsDeps = {
  db: Db;
  clock: TimeSource;
  audit: AuditFn;
  enqueue: Enqueue;
  /** Called with the result of every change: the rules intake remembers are read again. */
  forgetRules: <T>(value: T) => T;
};

function calendarView(row: repo.CalendarRow, days?: repo.CalendarDayRow[]): CalendarView {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    timeZone: row.timeZone,
    week: row.week,
    isDefault: row.isDefault,
    providerId: row.providerId,
    region: row.region,
    version: row.version,
    ...(days ? { days: days.map((d) => ({ date: d.date, kind: d.kind, nameZh: d.nameZh, nameEn: d.nameEn, blocks: d.blocks })) } : {}),
  };
}

/** "2026-10-01,holiday,国庆节,National Day" per line; blank lines and lines starting with # are skipped. */
function parseCsvDays(text: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const [date = '', kind = '', nameZh, nameEn] = trimmed.split(',').map((s) => s.trim());
    if (kind !== 'holiday' && kind !== 'workday') throw invalid(`csv.${i + 1}`, `line ${i + 1}: the second field must be holiday or workday`);
    days.push({ date, kind, nameZh: nameZh || null, nameEn: nameEn || null });
  });
  return days;
}

export function createCalendars(deps: CalendarsDeps) {
  const { db, clock, forgetRules } = deps;

  // Compiled calendars by id, kept while the calendar's version is unchanged (every edit, days
  // included, bumps it), so a step reads one row instead of a year of days. Each copy checks the
  // version on every use: a calendar changed through another server copy is reloaded.
  const compiled = new Map<string, { version: number; calendar: Calendar }>();

  async function calendarOf(q: Queryable, calendarId: string): Promise<Calendar> {
    const row = await repo.calendarById(q, calendarId);
    if (!row) throw notFound('calendar', calendarId);
    return compiledOf(q, row);
  }

  async function compiledOf(q: Queryable, row: repo.CalendarRow): Promise<Calendar> {
    const hit = compiled.get(row.id);
    if (hit && hit.version === row.version) return hit.calendar;
    const days = await repo.daysOf(q, row.id);
    const calendar = compileCalendar({ timeZone: row.timeZone, week: row.week, days });
    compiled.set(row.id, { version: row.version, calendar });
    return calendar;
  }

  function checkRules(rules: { timeZone: string; week: CalendarInput['week']; days: CalendarDay[] }) {
    const problems = calendarProblems(rules);
    if (problems.length) throw promiseErrors.badCalendar(problems);
  }

  async function calendarOrThrow(q: Queryable, id: string) {
    const row = await repo.calendarById(q, id);
    if (!row) throw notFound('calendar', id);
    return row;
  }

  return {
    calendarOf,
    compiledOf,
    calendarOrThrow,
    /** What the promises service offers of calendars. */
    api: {

      async listCalendars(caller: Caller): Promise<CalendarView[]> {
        requirePermission(caller.principal, 'promises.read');
        return (await repo.listCalendars(db)).map((r) => calendarView(r));
      },

      async getCalendar(caller: Caller, id: string, range: { from?: string; to?: string }): Promise<CalendarView> {
        requirePermission(caller.principal, 'promises.read');
        const row = await calendarOrThrow(db, id);
        return calendarView(row, await repo.daysOf(db, id, range.from, range.to));
      },

      async createCalendar(caller: Caller, input: CalendarInput): Promise<CalendarView> {
        requirePermission(caller.principal, 'promises.manage');
        const days = [...(input.cnNationalYears ? cnNationalDays(input.cnNationalYears) : []), ...input.days];
        const byDate = new Map(days.map((d) => [d.date, d]));
        checkRules({ timeZone: input.timeZone, week: input.week, days: input.days });
        const now = clock.now();
        return db
          .transaction(async (tx) => {
            const id = newId();
            if (input.isDefault) await repo.unsetDefaultCalendar(tx, id);
            const row = await repo.insertCalendar(tx, {
              id,
              code: input.code,
              nameZh: input.nameZh,
              nameEn: input.nameEn,
              timeZone: input.timeZone,
              week: input.week,
              isDefault: input.isDefault,
              providerId: input.providerId ?? null,
              region: input.region ?? null,
              createdAt: now,
              updatedAt: now,
            });
            await repo.upsertDays(tx, id, [...byDate.values()]);
            await deps.audit(tx, { caller, action: 'calendar_created', subjectKind: 'calendar', subjectId: id, details: { code: input.code, days: byDate.size } });
            return calendarView(row);
          })
          .then(forgetRules, (err) => explainUnique(err, 'calendar', input.code));
      },

      async updateCalendar(caller: Caller, id: string, patch: CalendarPatch): Promise<CalendarView> {
        requirePermission(caller.principal, 'promises.manage');
        return db
          .transaction(async (tx) => {
            const row = await calendarOrThrow(tx, id);
            if (row.version !== patch.version) throw promiseErrors.staleVersion('calendar', row.version);
            const { version, ...changes } = patch;
            checkRules({ timeZone: changes.timeZone ?? row.timeZone, week: changes.week ?? row.week, days: [] });
            if (changes.isDefault) await repo.unsetDefaultCalendar(tx, id);
            const updated = await repo.updateCalendarAtVersion(tx, id, version, { ...changes, updatedAt: clock.now() });
            if (!updated) throw promiseErrors.staleVersion('calendar', row.version + 1);
            if (changes.week || changes.timeZone) await deps.enqueue(tx, RECALENDAR_JOB, { calendarId: id });
            await deps.audit(tx, { caller, action: 'calendar_changed', subjectKind: 'calendar', subjectId: id, details: { before: calendarView(row), after: changes } });
            return calendarView(updated);
          })
          .then(forgetRules, (err) => explainUnique(err, 'calendar', ''));
      },

      /** Adds or replaces special days (a list, CSV lines, or China's national arrangement) and removes dates. */
      async importDays(caller: Caller, id: string, input: DaysImport): Promise<CalendarView & { imported: number; removed: number }> {
        requirePermission(caller.principal, 'promises.manage');
        const days = input.source === 'cn_national' ? cnNationalDays(input.years) : input.source === 'csv' ? parseCsvDays(input.csv as string) : (input.days as CalendarDay[]);
        return db.transaction(async (tx) => {
          const row = await calendarOrThrow(tx, id);
          if (row.version !== input.version) throw promiseErrors.staleVersion('calendar', row.version);
          checkRules({ timeZone: row.timeZone, week: row.week, days });
          await repo.deleteDays(tx, id, input.removeDates);
          await repo.upsertDays(tx, id, days);
          const updated = await repo.updateCalendarAtVersion(tx, id, row.version, { updatedAt: clock.now() });
          await deps.enqueue(tx, RECALENDAR_JOB, { calendarId: id });
          await deps.audit(tx, { caller, action: 'calendar_days_imported', subjectKind: 'calendar', subjectId: id, details: { source: input.source, days: days.length, removed: input.removeDates } });
          return { ...calendarView(updated as repo.CalendarRow), imported: days.length, removed: input.removeDates.length };
        }).then(forgetRules);
      },
    },
  };
}

export type Calendars = ReturnType<typeof createCalendars>;
