// What a completion must show and what a check-in or a photo signals. Pure: no I/O, no clock.
export type ReadingRule = { code: string; nameZh: string; nameEn: string; unit: string; min: number | null; max: number | null; required: boolean };

export const evidencePhotoKinds = ['before', 'after', 'serial', 'serial_indoor', 'serial_outdoor', 'installed_unit', 'replaced_part'] as const;
export type EvidencePhotoKind = (typeof evidencePhotoKinds)[number];
export const serialRoles = ['indoor', 'outdoor', 'main'] as const;
export type SerialRole = (typeof serialRoles)[number];

type Words = { zh: string; en: string };

export const photoWords: Record<EvidencePhotoKind, Words> = {
  before: { zh: '施工前现场照片', en: 'photo of the site before' },
  after: { zh: '施工后现场照片', en: 'photo of the site after' },
  serial: { zh: '铭牌照片', en: 'photo of the serial plate' },
  serial_indoor: { zh: '室内机铭牌照片', en: 'photo of the indoor serial plate' },
  serial_outdoor: { zh: '室外机铭牌照片', en: 'photo of the outdoor serial plate' },
  installed_unit: { zh: '安装完成整机照片', en: 'photo of the installed unit' },
  replaced_part: { zh: '更换下的旧件照片', en: 'photo of the replaced part' },
};

export const serialWords: Record<SerialRole, Words> = {
  indoor: { zh: '室内机序列号', en: 'indoor serial' },
  outdoor: { zh: '室外机序列号', en: 'outdoor serial' },
  main: { zh: '整机序列号', en: 'serial number' },
};

/** Kinds whose visit diagnoses a fault; for the others (installation, return/exchange, …) no fault code is asked. */
const diagnosingKinds = new Set(['repair', 'inspection', 'complaint']);

export type Rule = { photos: string[]; serials: string[]; readings: ReadingRule[]; faultCodes: boolean };

/** When no rule names the kind: only what the kind itself implies. */
export function defaultRule(kind: string): Rule {
  return { photos: [], serials: [], readings: [], faultCodes: diagnosingKinds.has(kind) };
}

export type Missing = { path: string; what: 'photo' | 'serial' | 'reading' | 'fault_codes'; zh: string; en: string };

export type CompletionFacts = {
  photoCounts: Record<string, number>;
  /** The unit's known serials by role. */
  known: { role: string; serial: string }[];
  confirmed: string[];
  readings: Record<string, number>;
  replacement: 'part' | 'unit' | null;
  faultCodesGiven: boolean;
};

export type Problem = { path: string; code: 'serial_mismatch' | 'serial_taken' | 'reading_out_of_range' | 'unknown_reading'; zh: string; en: string };

/** A confirmed serial that is none of the unit's (without a recorded replacement), a reading out of its bounds or unknown. */
export function completionProblems(rule: Rule, f: CompletionFacts): Problem[] {
  const problems: Problem[] = [];
  const knownSet = new Set(f.known.map((k) => k.serial));
  // A role the unit has no serial for yet may be filled by a new one; otherwise a stranger needs a replacement.
  const openRoles = rule.serials.filter((r) => !f.known.some((k) => k.role === r)).length;
  let strangers = 0;
  f.confirmed.forEach((serial, i) => {
    if (knownSet.has(serial) || f.replacement) return;
    if (f.known.length > 0 && ++strangers > openRoles) {
      const list = f.known.map((k) => k.serial).join(', ');
      problems.push({
        path: `confirmedSerials.${i}`,
        code: 'serial_mismatch',
        en: `${serial} is not a serial of this unit (${list}); record a part or unit replacement if one was replaced`,
        zh: `${serial} 与该设备登记的序列号（${list}）不符；如更换了配件或整机，请登记更换`,
      });
    }
  });
  for (const [code, value] of Object.entries(f.readings)) {
    const r = rule.readings.find((x) => x.code === code);
    if (!r) {
      problems.push({ path: `readings.${code}`, code: 'unknown_reading', en: `${code} is not a reading this job records`, zh: `${code} 不是本工单要求的读数` });
    } else if ((r.min !== null && value < r.min) || (r.max !== null && value > r.max)) {
      const bounds = `${r.min ?? '…'}–${r.max ?? '…'} ${r.unit}`;
      problems.push({ path: `readings.${code}`, code: 'reading_out_of_range', en: `${r.nameEn} ${value} ${r.unit} is outside ${bounds}`, zh: `${r.nameZh} ${value} ${r.unit} 超出范围 ${bounds}` });
    }
  }
  return problems;
}

export type SerialChange = { role: SerialRole; fromSerial: string | null; toSerial: string };

/**
 * What a completion changes in the unit's serials: each confirmed serial the unit does not know
 * stands for a role whose known serial was not confirmed — the rule's roles in the rule's order
 * (as `missingEvidence` counts them), or, when the rule names none, the unit's own roles if there
 * are exactly as many new serials as unconfirmed roles (otherwise which is which is a guess, and
 * nothing is written). A role without a serial is filled; a known one is replaced only when a
 * replacement was recorded: a unit replacement any role, a part replacement the serialised parts
 * (indoor, outdoor) but not the whole unit's plate (`main`).
 */
export function serialChanges(rule: Rule, f: CompletionFacts): SerialChange[] {
  const knownSet = new Set(f.known.map((k) => k.serial));
  const fresh = [...new Set(f.confirmed.filter((s) => !knownSet.has(s)))];
  if (fresh.length === 0) return [];
  const unconfirmed = (roles: string[]) => roles.filter((role) => !f.known.some((k) => k.role === role && f.confirmed.includes(k.serial)));
  let roles: string[];
  if (rule.serials.length > 0) {
    roles = unconfirmed(rule.serials);
  } else {
    roles = unconfirmed([...new Set(f.known.map((k) => k.role))]);
    if (roles.length !== fresh.length) return [];
  }
  const changes: SerialChange[] = [];
  for (const role of roles) {
    const toSerial = fresh.shift();
    if (toSerial === undefined) break;
    if (!(serialRoles as readonly string[]).includes(role)) continue;
    const fromSerial = f.known.find((k) => k.role === role)?.serial ?? null;
    const mayChange = fromSerial === null || f.replacement === 'unit' || (f.replacement === 'part' && role !== 'main');
    if (mayChange) changes.push({ role: role as SerialRole, fromSerial, toSerial });
  }
  return changes;
}

/** A new serial another unit already carries: the plate was misread, or that unit's record is wrong. Either way not written. */
export function takenSerialProblems(f: Pick<CompletionFacts, 'confirmed'>, taken: string[]): Problem[] {
  return taken.map((serial) => ({
    path: `confirmedSerials.${f.confirmed.indexOf(serial)}`,
    code: 'serial_taken' as const,
    en: `${serial} is the serial of another unit; check the plate`,
    zh: `${serial} 已登记在另一台设备上，请核对铭牌`,
  }));
}

/** What the rule asks for that the order does not have yet, in the order a technician would take it. */
export function missingEvidence(rule: Rule, f: CompletionFacts): Missing[] {
  const missing: Missing[] = [];
  for (const kind of rule.photos) {
    if ((f.photoCounts[kind] ?? 0) > 0) continue;
    const w = photoWords[kind as EvidencePhotoKind] ?? { zh: kind, en: kind };
    missing.push({ path: `photos.${kind}`, what: 'photo', ...w });
  }
  const knownSet = new Set(f.known.map((k) => k.serial));
  let spare = f.confirmed.filter((s) => !knownSet.has(s)).length;
  for (const role of rule.serials) {
    const ofRole = f.known.filter((k) => k.role === role);
    if (ofRole.some((k) => f.confirmed.includes(k.serial))) continue;
    // A new serial stands for a role when the unit has none for it, or a replacement was recorded.
    if (spare > 0 && (ofRole.length === 0 || f.replacement)) {
      spare--;
      continue;
    }
    const w = serialWords[role as SerialRole] ?? { zh: role, en: role };
    missing.push({ path: `serials.${role}`, what: 'serial', zh: `确认${w.zh}`, en: `the confirmed ${w.en}` });
  }
  for (const r of rule.readings) {
    if (r.required && f.readings[r.code] === undefined) missing.push({ path: `readings.${r.code}`, what: 'reading', zh: `${r.nameZh}（${r.unit}）`, en: `${r.nameEn} (${r.unit})` });
  }
  if (rule.faultCodes && !f.faultCodesGiven) missing.push({ path: 'symptomCode', what: 'fault_codes', zh: '故障代码（现象 → 原因 → 处理）', en: 'fault codes (symptom → cause → remedy)' });
  return missing;
}

/**
 * Minutes a check-in lies outside the booked window beyond the tolerance: negative when early,
 * positive when late, null when inside (or nothing was booked).
 */
export function minutesOutsideWindow(at: Date, from: Date | null, to: Date | null, toleranceMinutes: number): number | null {
  if (!from || !to) return null;
  const tol = toleranceMinutes * 60_000;
  if (at.getTime() < from.getTime() - tol) return -Math.round((from.getTime() - at.getTime()) / 60_000);
  if (at.getTime() > to.getTime() + tol) return Math.round((at.getTime() - to.getTime()) / 60_000);
  return null;
}

/** A flag in words, for staff in both languages. */
export function flagWords(kind: string, d: Record<string, unknown>): Words {
  switch (kind) {
    case 'check_in_far':
      return { zh: `打卡位置距客户地址 ${d.distanceM} 米（允许 ${d.limitM} 米）`, en: `Checked in ${d.distanceM} m from the address (allowed ${d.limitM} m)` };
    case 'check_in_outside_window': {
      const m = Number(d.minutes);
      return m < 0
        ? { zh: `打卡早于预约时段 ${-m} 分钟`, en: `Checked in ${-m} min before the booked window` }
        : { zh: `打卡晚于预约时段 ${m} 分钟`, en: `Checked in ${m} min after the booked window` };
    }
    case 'photo_reused':
      return { zh: `照片与工单 ${d.otherNumber} 的照片相同`, en: `Photo identical to one on order ${d.otherNumber}` };
    default:
      return { zh: kind, en: kind };
  }
}
