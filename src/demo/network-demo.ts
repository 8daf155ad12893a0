// The demo's service network beyond names: contracts and areas, technicians' skills, homes and
// shifts, courses with exams and question banks, certifications (most valid, some missing, some
// about to expire), and a day with work that the console can plan.
import type { Database } from '../db/database.js';
import { createServices } from '../server/services.js';
import type { Caller } from '../kernel/scopes.js';
import { addDays, isoWeekday, localDate, zonedInstant } from '../shared/zoned.js';
import type { Rng } from './prng.js';
import { categories, cities, type CategoryCode } from './reference-data.js';

const DAY = 86_400_000;

/** Mon–Sat 08:00–12:00 and 13:00–18:00: the lunch hour is a gap the plans keep free. */
export const demoShifts = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, start: '08:00', end: '12:00' },
  { weekday, start: '13:00', end: '18:00' },
]);

export function providerExtras(code: string, categoryIds: string[], today: number) {
  const served = cities.filter((c) => c.provider === code);
  return {
    contractFrom: new Date(today - 1250 * DAY).toISOString().slice(0, 10),
    contractTo: new Date(today + 365 * DAY).toISOString().slice(0, 10),
    categoryIds,
    serviceArea: { regions: served.map((c) => ({ province: c.province, city: c.city })), postalCodes: [], polygons: [] },
    capacity: 400,
    timeZone: 'Asia/Shanghai',
  };
}

/** A technician's home near one of the provider's districts; skills in every category but one in six. */
export function technicianExtras(rng: Rng, providerCode: string) {
  const city = rng.pick(cities.filter((c) => c.provider === providerCode));
  const d = rng.pick(city.districts);
  const skills = categories.map((c) => c.code as string).filter((code) => code === 'AC' || rng.int(0, 5) > 0);
  return {
    skills,
    homeAddress: `${city.city}${d.name}`,
    homeLat: Math.round((d.lat + (rng.int(0, 2000) - 1000) / 50_000) * 1e6) / 1e6,
    homeLng: Math.round((d.lng + (rng.int(0, 2000) - 1000) / 50_000) * 1e6) / 1e6,
    shifts: demoShifts,
    maxJobsPerDay: 8,
  };
}

const questionBank: Record<CategoryCode, { zh: string; en: string; options: [string, string][]; correct: number[] }[]> = {
  AC: [
    { zh: '分体空调室内外机连接管抽真空至少多长时间？', en: 'How long at least should the line set of a split AC be evacuated?', options: [['5 分钟', '5 minutes'], ['15 分钟', '15 minutes'], ['不需要', 'Not needed']], correct: [1] },
    { zh: '室外机安装在高处作业时必须？', en: 'Working at height on an outdoor unit, you must…', options: [['系安全带', 'wear a safety harness'], ['有人扶梯', 'have someone hold the ladder'], ['穿拖鞋', 'wear slippers']], correct: [0, 1] },
    { zh: '排水管应当？', en: 'The drain pipe should…', options: [['保持向下坡度', 'slope downwards'], ['高于室内机', 'run above the indoor unit'], ['打结固定', 'be tied in a knot']], correct: [0] },
    { zh: 'R32 冷媒的特性是？', en: 'R32 refrigerant is…', options: [['微可燃', 'mildly flammable'], ['完全不可燃', 'not flammable at all'], ['有毒', 'toxic']], correct: [0] },
    { zh: '电源线线径不足会导致？', en: 'An undersized power cable causes…', options: [['发热', 'overheating'], ['制冷更快', 'faster cooling'], ['无影响', 'nothing']], correct: [0] },
    { zh: '安装完成后应向客户说明？', en: 'After installing, tell the customer about…', options: [['遥控器使用', 'the remote control'], ['滤网清洗', 'cleaning the filter'], ['保修条款', 'the warranty terms']], correct: [0, 1, 2] },
  ],
  WASHER: [
    { zh: '安装洗衣机前必须拆除？', en: 'Before installing a washer, remove…', options: [['运输螺栓', 'the transit bolts'], ['电源线', 'the power cord'], ['门封', 'the door seal']], correct: [0] },
    { zh: '洗衣机水平调整的目的是？', en: 'Levelling a washer prevents…', options: [['振动和噪音', 'vibration and noise'], ['漏电', 'electric leaks'], ['褪色', 'fading']], correct: [0] },
    { zh: '进水管接好后应？', en: 'After connecting the inlet hose…', options: [['开水检查渗漏', 'open the tap and check for leaks'], ['立即离开', 'leave at once']], correct: [0] },
    { zh: '排水管最高点一般不超过？', en: 'The drain hose should not rise above about…', options: [['1 米', '1 metre'], ['3 米', '3 metres']], correct: [0] },
  ],
  FRIDGE: [
    { zh: '冰箱搬运后通电前建议静置？', en: 'After moving a fridge, before powering on wait…', options: [['2 小时以上', '2 hours or more'], ['不用等', 'no need']], correct: [0] },
    { zh: '冰箱背面与墙的距离应？', en: 'Between the back of a fridge and the wall leave…', options: [['至少 10 厘米', 'at least 10 cm'], ['贴墙', 'no gap']], correct: [0] },
    { zh: '冷藏室结冰常见原因？', en: 'Ice in the fresh-food compartment often comes from…', options: [['门封不严', 'a leaking door seal'], ['温度设得太高', 'too warm a setting']], correct: [0] },
    { zh: '冰箱接地的作用是？', en: 'Earthing a fridge…', options: [['防触电', 'prevents electric shock'], ['省电', 'saves power']], correct: [0] },
  ],
  HEATER: [
    { zh: '燃气热水器必须安装？', en: 'A gas water heater must have…', options: [['排烟管通向室外', 'a flue to the outside'], ['在浴室内', 'be inside the bathroom']], correct: [0] },
    { zh: '电热水器安装后首次使用应？', en: 'On first use of an electric heater…', options: [['先注满水再通电', 'fill it with water before powering'], ['先通电', 'power it first']], correct: [0] },
    { zh: '安全阀的作用是？', en: 'The safety valve…', options: [['泄压', 'relieves pressure'], ['调温', 'sets the temperature']], correct: [0] },
    { zh: '热水器安装墙体要求？', en: 'The wall for a heater must be…', options: [['承重墙', 'load-bearing'], ['石膏板', 'plasterboard']], correct: [0] },
  ],
};

/** Courses and exams through the services (the same rules a manager meets), then certifications. */
export async function loadTrainingDemo(database: Database, rng: Rng, now: Date, technicians: { id: string; providerId: string }[], categoryIds: Record<string, string>) {
  const clock = { now: () => now };
  const s = createServices(database, clock);
  const system: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };
  const courses: Record<string, { id: string }> = {};
  for (const c of categories) {
    const course = await s.training.createCourse(system, {
      code: `${c.code}-BASIC`, categoryId: categoryIds[c.code], certificationCode: c.requiredCertification ?? `${c.code}-SERVICE`,
      titleZh: `${c.nameZh}安装与维修`, titleEn: `${c.nameEn} installation and repair`, materialUrl: null, validityMonths: 24, warnDaysBefore: 30,
    });
    courses[c.code] = course;
    const exam = await s.training.createExam(system, { courseId: course.id, titleZh: `${c.nameZh}上岗考试`, titleEn: `${c.nameEn} exam`, questionsPerPaper: 3, timeLimitMinutes: 20, passPercent: 67, retakeWaitHours: 24, maxAttempts: 3, attemptWindowDays: 30 });
    for (const q of questionBank[c.code]) {
      await s.training.addQuestion(system, exam.id, { textZh: q.zh, textEn: q.en, options: q.options.map(([zh, en]) => ({ zh, en })), correct: q.correct });
    }
  }
  // Each crew: the first is certified (the demo technician), the next two are not yet, the
  // fourth's AC certification runs out within the month, the rest hold theirs.
  let certified = 0;
  const byProvider = new Map<string, string[]>();
  for (const t of technicians) byProvider.set(t.providerId, [...(byProvider.get(t.providerId) ?? []), t.id]);
  for (const ids of byProvider.values()) {
    for (const [k, id] of ids.entries()) {
      if (k === 1 || k === 2) continue;
      const monthsAgo = k === 3 ? 23 : rng.int(1, 20);
      const issuedAt = new Date(now.getTime() - monthsAgo * 30.5 * DAY);
      const t = createServices(database, { now: () => issuedAt });
      await t.training.grantCertification(system, { technicianId: id, courseId: courses.AC.id, reason: '上线前已通过厂家考试 / passed the maker\'s exam before Aftercare' });
      for (const code of ['WASHER', 'FRIDGE', 'HEATER'] as const) await t.training.grantCertification(system, { technicianId: id, courseId: courses[code].id, reason: '上线前已认证 / certified before Aftercare' });
      certified++;
    }
  }
  return { courses: categories.length, exams: categories.length, certified };
}

/**
 * Tomorrow's work for the first provider: unbooked orders wished for tomorrow and two booked
 * visits, all at customers in its city with an air conditioner — a day to plan from the console.
 */
export async function loadPlannableDay(database: Database, now: Date, picks: { customerId: string; unitId: string; technicianId?: string }[], providerId: string) {
  const s = createServices(database, { now: () => now });
  const system: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };
  // The next working day (the demo crews do not work on Sundays).
  let tomorrow = addDays(localDate(now, 'Asia/Shanghai'), 1);
  if (isoWeekday(tomorrow) === 7) tomorrow = addDays(tomorrow, 1);
  const at = (hhmm: string) => zonedInstant(tomorrow, hhmm, 'Asia/Shanghai').toISOString();
  let made = 0;
  for (const [i, p] of picks.entries()) {
    let o = (await s.workOrders.intake(system, { kind: i % 3 === 0 ? 'installation' : 'repair', customerId: p.customerId, unitId: p.unitId, symptom: i % 3 === 0 ? '新机安装 / new unit to install' : '不制冷 / not cooling', accept: true, priority: i % 7 === 0 ? 'high' : 'normal', channel: 'phone', wishedFrom: at('08:00'), wishedTo: at('18:00') })).order;
    o = await s.workOrders.perform(system, o.id, 'dispatch', { version: o.version, providerId, reason: '演示：明日待排 / demo: to plan for tomorrow' });
    if (p.technicianId) {
      o = await s.workOrders.perform(system, o.id, 'assign', { version: o.version, technicianId: p.technicianId });
      await s.workOrders.perform(system, o.id, 'book', { version: o.version, from: at(made % 2 ? '14:00' : '09:00'), to: at(made % 2 ? '16:00' : '11:00') });
    }
    made++;
  }
  return { date: tomorrow, orders: made };
}
