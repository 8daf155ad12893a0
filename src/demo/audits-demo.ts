// The demo's service-standard audits and the staff's voice, all in LAST month (China time) — the
// month the scorecard page opens on, so its audit, eNPS, pulse and suggestion figures show data,
// while this month stays unaudited for the journeys that audit a visit: supervisors audited two
// visits of each provider on the home-visit standard (one walked in without shoe covers: its corrective
// action is submitted and waits for headquarters), a mystery shopper called on a provider,
// headquarters scored the company on the GB/T 27922-style self-assessment; the technicians and
// everyone else answered a pulse survey (by provider, each provider's people and headquarters' are
// groups at or above the minimum size; by role, the roles of one or two people are hidden); staff dropped suggestions, named and anonymous, and
// managers answered them. Everything goes through the services with the clock at the time it
// happened, so scores, stars, history and audit rows are as the console would have left them.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { Caller } from '../kernel/scopes.js';
import { defaultRolePermissions, type Principal, type Role } from '../kernel/permissions.js';
import { createServices } from '../server/services.js';
import { createRng } from './prng.js';

const DAY = 86_400_000;
type Row = Record<string, unknown>;
const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: Row[] }).rows) as Row[];

/** The first instant of last month, China time, and its YYYY-MM. */
function lastMonthOf(now: Date): { start: Date; month: string } {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const start = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1) - 8 * 3_600_000);
  return { start, month: new Date(start.getTime() + 8 * 3_600_000).toISOString().slice(0, 7) };
}

export async function loadAuditsDemo(database: Database, options: { seed: number; now: Date }): Promise<Record<string, number>> {
  const rng = createRng(options.seed + 2222);
  const { start, month } = lastMonthOf(options.now);
  // The services read this clock: each step is done at the moment it happened last month.
  let at = start;
  const services = createServices(database, { now: () => at });
  const system: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };
  const db = database.db;

  // ── Audits ──────────────────────────────────────────────────────────────────────────────
  const templates = (await services.audits.templates(system)).items;
  const homeVisit = templates.find((t) => t.code === 'HOME-VISIT')!;
  const selfAssessment = templates.find((t) => t.code === 'GBT27922')!;
  const itemsOf = (t: (typeof templates)[number]) => t.content.sections.flatMap((s) => s.items);
  // Two visits of each provider finished last month, by a technician, the earliest first.
  const visits = rowsOf(
    await db.execute(sql`select id, provider_id from (
        select w.id, w.provider_id, w.done_at, row_number() over (partition by w.provider_id order by w.done_at, w.number) as n from work_orders w
        where w.done_at >= ${start} and w.done_at < ${new Date(start.getTime() + 28 * DAY)} and w.technician_id is not null and w.provider_id is not null and w.status <> 'cancelled') x
      where n <= 2 order by done_at`),
  ).map((r) => ({ orderId: r.id as string, providerId: r.provider_id as string }));
  let audits = 0;
  let actions = 0;
  for (const [i, v] of visits.entries()) {
    at = new Date(start.getTime() + (3 + i * 3) * DAY + 3 * 3_600_000);
    // The third visit's technician wore no shoe covers; the others passed, some without a photo to judge.
    const findings = itemsOf(homeVisit).map((item) =>
      item.evidence === 'measured' ? { itemCode: item.code, value: 9 + rng.int(0, 6) } : { itemCode: item.code, result: item.evidence === 'photo' ? ('na' as const) : i === 2 && item.code === 'shoe_covers' ? ('fail' as const) : ('pass' as const) },
    );
    const made = await services.audits.perform(system, { templateId: homeVisit.id, kind: 'on_site', orderId: v.orderId, findings, note: i === 2 ? '进门未穿鞋套 / walked in without shoe covers' : undefined });
    audits++;
    for (const a of made.actions) {
      actions++;
      at = new Date(at.getTime() + 2 * DAY);
      await services.audits.submit(system, a.id, { version: a.version, correction: '已与师傅复盘，服务包内补足鞋套 / reviewed with the technician; shoe covers restocked in every kit' });
    }
  }
  const providerIds = [...new Set(visits.map((v) => v.providerId))];
  if (providerIds.length) {
    at = new Date(start.getTime() + 20 * DAY + 6 * 3_600_000);
    await services.audits.perform(system, { templateId: homeVisit.id, kind: 'mystery_shopper', providerId: providerIds[providerIds.length - 1], findings: itemsOf(homeVisit).map((item) => (item.evidence === 'measured' ? { itemCode: item.code, value: 13 } : { itemCode: item.code, result: item.evidence === 'photo' ? ('na' as const) : ('pass' as const) })) });
    audits++;
  }
  at = new Date(start.getTime() + 25 * DAY + 2 * 3_600_000);
  // The company's self-assessment: returns handled under 三包 not judged this time.
  await services.audits.perform(system, { templateId: selfAssessment.id, kind: 'self_assessment', findings: itemsOf(selfAssessment).map((item) => ({ itemCode: item.code, result: item.code === 'returns' ? ('na' as const) : ('pass' as const) })) });
  audits++;

  // ── Pulse survey ────────────────────────────────────────────────────────────────────────
  const staff = rowsOf(await db.execute(sql`select id, username, role, provider_id, technician_id from users where active order by username`)).map(
    (r): Caller => ({
      principal: { kind: 'staff', userId: r.id as string, username: r.username as string, role: r.role as Role, providerId: (r.provider_id as string | null) ?? null, technicianId: (r.technician_id as string | null) ?? null, permissions: new Set(defaultRolePermissions[r.role as Role]), via: 'session', tokenId: null } satisfies Principal,
      address: null,
    }),
  );
  at = new Date(start.getTime() + 1 * DAY + 2 * 3_600_000);
  const survey = await services.staffVoice.createSurvey(system, {
    titleZh: `${month} 员工脉搏调查`,
    titleEn: `Staff pulse, ${month}`,
    month,
    minGroupSize: 5,
    questions: [
      { code: 'workload', textZh: '我的工作量合理', textEn: 'My workload is reasonable' },
      { code: 'tools', textZh: '我有完成工作所需的工具和备件', textEn: 'I have the tools and parts to do my job' },
      { code: 'training', textZh: '我得到了足够的培训', textEn: 'I get enough training' },
    ],
  });
  for (const caller of staff) {
    const score = () => rng.int(2, 5);
    await services.staffVoice.answer(caller, survey.id, { enps: rng.int(4, 10), scores: { workload: score(), tools: score(), training: score() } });
  }
  at = new Date(start.getTime() + 15 * DAY);
  await services.staffVoice.closeSurvey(system, survey.id, { version: survey.version });

  // ── Suggestions ─────────────────────────────────────────────────────────────────────────
  const technicians = staff.filter((c) => c.principal.kind === 'staff' && c.principal.role === 'technician');
  const desk = staff.find((c) => c.principal.kind === 'staff' && c.principal.role === 'agent') ?? technicians[1];
  const drops = [
    { by: technicians[0], text: '每辆服务车配一套真空泵，抽真空不用再回网点借', category: 'tools', anonymous: false, answers: [{ status: 'accepted', answer: '同意，先在广州试点 / Agreed: a pilot in Guangzhou first' }, { status: 'implemented', answer: '已为 12 辆车配发真空泵 / vacuum pumps issued to 12 vans' }] },
    { by: technicians[2], text: '派单时附上客户上次的维修记录，上门前能先准备配件', category: 'process', anonymous: true, answers: [{ status: 'under_review', answer: '与派单系统一起评估 / being looked at with dispatch' }] },
    { by: desk, text: 'Put the 三包 rules on one page for the hotline, in both languages', category: 'service', anonymous: false, answers: [{ status: 'rejected', answer: '知识库已有此页，已在培训中说明 / the knowledge base has it; covered in training' }] },
    { by: technicians[3], text: '夏季高峰期增加午休轮换', category: 'workplace', anonymous: true, answers: [] },
  ] as const;
  let suggestions = 0;
  for (const [i, d] of drops.entries()) {
    if (!d.by) continue;
    at = new Date(start.getTime() + (4 + i * 4) * DAY + 5 * 3_600_000);
    const s = await services.staffVoice.suggest(d.by, { text: d.text, category: d.category, anonymous: d.anonymous });
    suggestions++;
    let version = s.version;
    for (const a of d.answers) {
      at = new Date(at.getTime() + 3 * DAY);
      version = (await services.staffVoice.answerSuggestion(system, s.id, { version, status: a.status, answer: a.answer })).version;
    }
  }
  return { service_audits: audits, corrective_actions: actions, pulse_surveys: 1, pulse_responses: staff.length, suggestions };
}
