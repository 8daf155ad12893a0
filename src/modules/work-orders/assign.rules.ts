// Whether a technician may be given an order. Pure: the service gathers the facts (the technician,
// the order's product category, their absences on the day), this decides and says why not.
// The assign step refuses exactly these, and the assign dialog's list marks them, so the two never disagree.
import { DateTime } from 'luxon';

export type AssignRefusalCode = 'technician_inactive' | 'technician_lacks_skill' | 'technician_absent';
/** `overridable`: a dispatcher may still assign, giving a reason (recorded); otherwise never. */
export type AssignRefusal = { code: string; en: string; zh: string; overridable: boolean };

export type AssignFacts = {
  name: string;
  status: string;
  skills: string[];
  /** The order's product category (its code is the skill); null when the order has no unit. */
  categoryCode: string | null;
  /** The local date the technician is assigned for, in the provider's zone. */
  date: string;
  timeZone: string;
  /** Their absences touching that date. */
  absences: { from: number; to: number }[];
};

const statusWords: Record<string, { en: string; zh: string }> = { suspended: { en: 'suspended', zh: '已停用' }, left: { en: 'no longer with the provider', zh: '已离职' } };

const when = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone });

/**
 * Every reason this technician cannot take the order on `date`, hardest first: one who is not
 * active never takes an order; one lacking the category's skill, or absent that day, only by a
 * dispatcher's override (they know the technician can, or the visit is for another day).
 */
export function assignRefusals(f: AssignFacts): AssignRefusal[] {
  const out: AssignRefusal[] = [];
  if (f.status !== 'active') {
    const w = statusWords[f.status] ?? { en: f.status, zh: f.status };
    out.push({ code: 'technician_inactive', overridable: false, en: `${f.name} is ${w.en}`, zh: `${f.name}${w.zh}` });
  }
  if (f.categoryCode && !f.skills.includes(f.categoryCode)) {
    out.push({ code: 'technician_lacks_skill', overridable: true, en: `${f.name} lacks the ${f.categoryCode} skill`, zh: `${f.name}不具备 ${f.categoryCode} 技能` });
  }
  const dayStart = DateTime.fromISO(f.date, { zone: f.timeZone });
  const dayEnd = dayStart.plus({ days: 1 });
  const away = f.absences.find((a) => a.from < dayEnd.toMillis() && a.to > dayStart.toMillis());
  if (away) {
    const d = dayStart.setLocale('en-GB').toFormat('ccc d LLL');
    const dz = `${dayStart.toFormat('M月d日')}`;
    const span = `${when(Math.max(away.from, dayStart.toMillis()), f.timeZone).toFormat('HH:mm')}–${away.to >= dayEnd.toMillis() ? '24:00' : when(away.to, f.timeZone).toFormat('HH:mm')}`;
    out.push({ code: 'technician_absent', overridable: true, en: `${f.name} is absent on ${d} (${span})`, zh: `${f.name}${dz}请假（${span}）` });
  }
  return out;
}
