import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { pulseFigures, suggestionCounts } from './index.js';

// The staff's voice through the API: a pulse survey answered once per person (two at once: one
// counts), nothing linking an answer to its person; results hidden below the minimum group size;
// eNPS by hand; the suggestion box with an anonymous suggestion that names nobody anywhere, a
// named one answered and implemented; the scorecard's plain functions give the same figures.
const clock = manualClock(new Date('2026-06-10T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let surveyId: string;
const hq: Record<string, string>[] = [];
const field: Record<string, string>[] = [];

const rows = async (q: ReturnType<typeof sql>) => {
  const r = await t.database.db.execute(q);
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, unknown>[];
};

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'voice-manager')).headers;
  // Headquarters: five agents (a group of the minimum size); the provider: two technicians (below it).
  for (let i = 0; i < 5; i++) hq.push((await tokenFor(t.services, 'agent', `voice-agent-${i}`)).headers);
  for (let i = 0; i < 2; i++) field.push((await tokenFor(t.services, 'technician', `voice-tech-${i}`, { providerId: w.provider.id, technicianId: w.technicians[i].id })).headers);
  const s = await t.post('/pulse-surveys', { titleZh: '六月脉搏', titleEn: 'June pulse', month: '2026-06', questions: [{ code: 'workload', textZh: '工作量合理', textEn: 'My workload is fair' }, { code: 'tools', textZh: '工具够用', textEn: 'I have the tools I need' }], minGroupSize: 5 }, manager);
  expect(s.status).toBe(201);
  surveyId = s.body.id;
});
afterAll(() => t.close());

describe(`staff voice on ${engine}`, () => {
  it('takes one answer per person, checked against the questions', async () => {
    const bad = await t.post(`/pulse-surveys/${surveyId}/responses`, { enps: 9, scores: { workload: 4 } }, hq[0]);
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'scores.tools']);
    const [a, b] = await Promise.all([
      t.post(`/pulse-surveys/${surveyId}/responses`, { enps: 10, scores: { workload: 4, tools: 5 } }, hq[0]),
      t.post(`/pulse-surveys/${surveyId}/responses`, { enps: 10, scores: { workload: 4, tools: 5 } }, hq[0]),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const answers: [number, number, number][] = [[9, 3, 4], [7, 3, 3], [6, 2, 2], [3, 1, 2]];
    for (const [i, [e, wl, tl]] of answers.entries()) expect((await t.post(`/pulse-surveys/${surveyId}/responses`, { enps: e, scores: { workload: wl, tools: tl } }, hq[i + 1])).status).toBe(200);
    for (const h of field) expect((await t.post(`/pulse-surveys/${surveyId}/responses`, { enps: 10, scores: { workload: 5, tools: 5 } }, h)).status).toBe(200);
    expect((await t.get('/pulse-surveys', hq[0])).body.items.find((s: { id: string }) => s.id === surveyId).answered).toBe(true);
  });

  it('keeps nothing that leads from an answer to a person', async () => {
    const cols = (await rows(sql`select column_name from information_schema.columns where table_name = 'pulse_responses' and table_schema = current_schema() order by column_name`)).map((r) => r.column_name);
    expect(cols).toEqual(['enps', 'id', 'provider_id', 'role', 'scores', 'survey_id']);
  });

  it('hides groups below the minimum size (and what would give them away), and works eNPS out by hand', async () => {
    const all = (await t.get(`/pulse-surveys/${surveyId}/results`, manager)).body;
    // Seven answers: eNPS 10, 9, 7, 6, 3, 10, 10 → 4 promoters, 1 passive, 2 detractors → (4 − 2) / 7 = 29.
    expect([all.total.responses, all.total.enps, all.total.hidden]).toEqual([7, 29, false]);
    // Workload 4, 3, 3, 2, 1, 5, 5 and tools 5, 4, 3, 2, 2, 5, 5: 49 over 14 answers.
    expect(all.total.pulseScore).toBe(3.5);
    expect(all.total.questions).toEqual([{ code: 'workload', score: 3.29 }, { code: 'tools', score: 3.71 }]);
    const byProvider = (await t.get(`/pulse-surveys/${surveyId}/results?by=provider`, manager)).body;
    // Headquarters (5) would be shown, but then the total less it gives the provider's two away: both hidden.
    expect(byProvider.groups.map((g: { group: string; hidden: boolean; responses: number | null; enps: number | null }) => [g.group, g.hidden, g.responses, g.enps])).toEqual([
      [w.provider.id, true, null, null],
      ['hq', true, null, null],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect((await t.get(`/pulse-surveys/${surveyId}/results`, hq[1])).status).toBe(403);
    const figures = await pulseFigures(t.database.db, '2026-06', 'all');
    expect([figures!.total.responses, figures!.total.enps, figures!.total.pulseScore]).toEqual([7, 29, 3.5]);
  });

  it('shows nothing of a survey answered by fewer than the minimum', async () => {
    const s = await t.post('/pulse-surveys', { titleZh: '小调查', titleEn: 'Small', month: '2026-05', questions: [{ code: 'q', textZh: '问', textEn: 'Q' }], minGroupSize: 3 }, manager);
    for (const h of hq.slice(0, 2)) await t.post(`/pulse-surveys/${s.body.id}/responses`, { enps: 9, scores: { q: 5 } }, h);
    const r = (await t.get(`/pulse-surveys/${s.body.id}/results?by=role`, manager)).body;
    expect([r.total.hidden, r.total.responses, r.total.enps, r.groups.map((g: { hidden: boolean }) => g.hidden)]).toEqual([true, null, null, [true]]);
    const closed = await t.post(`/pulse-surveys/${s.body.id}/close`, { version: s.body.version }, manager);
    expect(closed.body.status).toBe('closed');
    expect((await t.post(`/pulse-surveys/${s.body.id}/responses`, { enps: 9, scores: { q: 5 } }, hq[3])).status).toBe(409);
  });

  it('keeps an anonymous suggestion without a person anywhere, and answers a named one to implemented', async () => {
    const anon = await t.post('/suggestions', { text: '希望配发更轻的工具包 / lighter tool bags', category: 'tools', anonymous: true }, field[0]);
    expect([anon.status, anon.body.authorName, anon.body.anonymous]).toEqual([201, null, true]);
    const stored = (await rows(sql`select author_user_id, author_name, provider_id from suggestions where id = ${anon.body.id}`))[0];
    expect(stored).toEqual({ author_user_id: null, author_name: null, provider_id: null });
    const logged = await rows(sql`select actor_name, subject_id from audit_log where action in ('voice.suggest', 'POST /suggestions') order by id`);
    expect(logged).toEqual([{ actor_name: 'system:staff-voice.anonymous', subject_id: null }]);
    const history = (await t.get(`/suggestions/${anon.body.id}`, manager)).body.history;
    expect(history.map((h: { actor: string; at: string }) => [h.actor, h.at])).toEqual([['anonymous', '2026-06-09T16:00:00.000Z']]);

    const named = await t.post('/suggestions', { text: '回访话术加一句清理现场 / ask about the site', category: 'process' }, hq[2]);
    expect([named.body.authorName, named.body.mine]).toEqual(['voice-agent-2', true]);
    expect((await t.get('/suggestions?mine=true', hq[2])).body.items.map((s: { id: string }) => s.id)).toEqual([named.body.id]);
    const early = await t.post(`/suggestions/${named.body.id}/answer`, { version: named.body.version, status: 'implemented', answer: '直接实施' }, manager);
    expect(early.status).toBe(409);
    const accepted = await t.post(`/suggestions/${named.body.id}/answer`, { version: named.body.version, status: 'accepted', answer: '采纳 / adopted' }, manager);
    expect(accepted.body.status).toBe('accepted');
    expect((await t.post(`/suggestions/${named.body.id}/answer`, { version: named.body.version, status: 'implemented', answer: 'x' }, manager)).status).toBe(409);
    const done = await t.post(`/suggestions/${named.body.id}/answer`, { version: accepted.body.version, status: 'implemented', answer: '已加入话术 / in the script' }, manager);
    expect([done.body.status, done.body.implemented, done.body.history.map((h: { toStatus: string }) => h.toStatus)]).toEqual(['implemented', true, ['new', 'accepted', 'implemented']]);
    expect((await t.post(`/suggestions/${named.body.id}/answer`, { version: done.body.version, status: 'accepted', answer: 'x' }, hq[2])).status).toBe(403);
    expect(await suggestionCounts(t.database.db, { fromMonth: '2026-01', toMonth: '2026-12' })).toEqual([{ month: '2026-06', made: 2, implemented: 1 }]);
  });

  it('is for staff: the system may not answer a pulse as nobody', async () => {
    await expect(t.services.staffVoice.answer(systemCaller, surveyId, { enps: 1, scores: { workload: 1, tools: 1 } })).rejects.toThrow(/staff/);
  });
});
