import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let examId: string;
let tech: { id: string; name: string };
let techHeaders: Record<string, string>;

/** Answers a paper right (or wrong) from the bank, by the option order the paper shows. */
async function answer(paper: any, right: boolean) {
  const bank = (await t.get(`/training/exams/${paper.examId}/questions`)).body.items as any[];
  return paper.questions.map((q: any) => {
    const b = bank.find((x) => x.id === q.questionId);
    const shownIndexOf = (bankIndex: number) => q.options.findIndex((o: any) => o.zh === b.options[bankIndex].zh);
    const correct = b.correct.map(shownIndexOf);
    return { questionId: q.questionId, choices: right ? correct : [q.options.findIndex((_: any, i: number) => !correct.includes(i))] };
  });
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  const exam = await t.post('/training/exams', { courseId: w.course.id, titleZh: '空调安装考试', titleEn: 'AC installation exam', questionsPerPaper: 4, timeLimitMinutes: 30, passPercent: 75, retakeWaitHours: 24, maxAttempts: 2, attemptWindowDays: 30 });
  examId = exam.body.id;
  for (let i = 0; i < 8; i++) {
    const q = await t.post(`/training/exams/${examId}/questions`, {
      textZh: `第 ${i} 题`, textEn: `Question ${i}`,
      options: [0, 1, 2, 3].map((k) => ({ zh: `选项 ${i}-${k}`, en: `Option ${i}-${k}` })),
      correct: i % 3 === 0 ? [0, 2] : [1],
    });
    expect(q.status).toBe(201);
  }
  const made = await t.post('/technicians', { providerId: w.provider.id, name: '新师傅', phone: '13900000301', skills: [w.category.code] });
  tech = made.body;
  techHeaders = (await tokenFor(t.services, 'technician', 'exam-taker', { providerId: w.provider.id, technicianId: tech.id })).headers;
});
afterAll(() => t.close());

describe(`training and certification on ${engine}`, () => {
  it('refuses bad questions naming the field', async () => {
    const res = await t.post(`/training/exams/${examId}/questions`, { textZh: '题', textEn: 'Q', options: [{ zh: '甲', en: 'A' }, { zh: '乙', en: 'B' }], correct: [2] });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('correct');
  });

  it('never assigns an uncertified technician, and says why in both languages', async () => {
    let o = (await t.services.workOrders.intake(systemCaller, { kind: 'installation', customerId: w.customer.id, unitId: w.unit.id, symptom: '新机安装', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await t.services.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
    const refused = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: tech.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'certification_missing' });
    expect(refused.body.error.message).toContain('holds no AC-INSTALL certification');
    expect(refused.body.error.message).toContain('没有 AC-INSTALL 认证');
    expect(refused.body.error.details[0]).toMatchObject({ path: 'technicianId', zh: expect.stringContaining('新师傅') });
    // Nothing changed, nothing on the history but what was there.
    expect((await t.get(`/work-orders/${o.id}`)).body).toMatchObject({ status: 'dispatched', technicianId: null, version: o.version });
  });

  it('draws randomised, timed papers; a failed attempt waits; a late paper fails; attempts are capped', async () => {
    const first = await t.post(`/training/exams/${examId}/attempts`, {}, techHeaders);
    expect(first.status).toBe(201);
    expect(first.body.questions).toHaveLength(4);
    expect(first.body.questions[0]).not.toHaveProperty('correct');
    expect(Date.parse(first.body.deadline) - Date.parse(first.body.startedAt)).toBe(30 * 60_000);
    // Still open: no second paper.
    expect((await t.post(`/training/exams/${examId}/attempts`, {}, techHeaders)).body.error.code).toBe('attempt_open');
    const failed = await t.post(`/training/attempts/${first.body.id}/submit`, { answers: await answer(first.body, false) }, techHeaders);
    expect(failed.body).toMatchObject({ attempt: { outcome: 'failed', scorePercent: 0, passPercent: 75 }, certification: null });
    expect((await t.post(`/training/attempts/${first.body.id}/submit`, { answers: [] }, techHeaders)).body.error.code).toBe('attempt_submitted');
    const wait = await t.post(`/training/exams/${examId}/attempts`, {}, techHeaders);
    expect(wait.status).toBe(409);
    expect(wait.body.error).toMatchObject({ code: 'retake_wait' });
    expect(wait.body.error.details.reason.zh).toContain('重考');

    clock.advance(25 * 3_600_000);
    const second = await t.post(`/training/exams/${examId}/attempts`, {}, techHeaders);
    expect(second.status).toBe(201);
    // Papers differ: questions or option order (8 questions, 4 drawn, options shuffled).
    const shape = (p: any) => JSON.stringify(p.questions.map((q: any) => [q.questionId, q.options.map((o: any) => o.zh)]));
    expect(shape(second.body)).not.toBe(shape(first.body));
    clock.advance(32 * 60_000);
    const late = await t.post(`/training/attempts/${second.body.id}/submit`, { answers: await answer(second.body, true) }, techHeaders);
    expect(late.body).toMatchObject({ attempt: { outcome: 'late', scorePercent: 100 }, certification: null });

    clock.advance(25 * 3_600_000);
    const capped = await t.post(`/training/exams/${examId}/attempts`, {}, techHeaders);
    expect(capped.body.error).toMatchObject({ code: 'attempts_exhausted' });
  });

  it('passes into a certification with an expiry, after which assignment is refused again; results are kept', async () => {
    clock.advance(30 * 86_400_000);
    const paper = await t.post(`/training/exams/${examId}/attempts`, {}, techHeaders);
    expect(paper.status).toBe(201);
    const passed = await t.post(`/training/attempts/${paper.body.id}/submit`, { answers: await answer(paper.body, true) }, techHeaders);
    expect(passed.body.attempt).toMatchObject({ outcome: 'passed', scorePercent: 100 });
    const cert = passed.body.certification;
    expect(cert).toMatchObject({ code: 'AC-INSTALL', technicianId: tech.id, valid: true, attemptId: paper.body.id });
    // The course grants 24 months by default.
    expect(cert.expiresAt.slice(0, 10)).toBe(new Date(new Date(cert.issuedAt).setUTCMonth(new Date(cert.issuedAt).getUTCMonth() + 24)).toISOString().slice(0, 10));

    const results = await t.get(`/training/attempts?technicianId=${tech.id}`, techHeaders);
    expect(results.body.items.map((a: any) => a.outcome)).toEqual(['passed', 'late', 'failed']);

    let o = (await t.services.workOrders.intake(systemCaller, { kind: 'installation', customerId: w.customer.id, unitId: w.unit.id, symptom: '安装', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await t.services.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
    const ok = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: tech.id });
    expect(ok.status).toBe(200);
    // A visit booked after the certification runs out is refused: the reason names the expiry.
    const after = new Date(Date.parse(cert.expiresAt) + 86_400_000);
    const booked = await t.post(`/work-orders/${o.id}/book`, { version: ok.body.version, from: after.toISOString(), to: new Date(after.getTime() + 7_200_000).toISOString() }, techHeaders);
    expect(booked.status).toBe(422);
    expect(booked.body.error.code).toBe('certification_expired');

    clock.set(new Date(Date.parse(cert.expiresAt) + 1000));
    let o2 = (await t.services.workOrders.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
    o2 = await t.services.workOrders.perform(systemCaller, o2.id, 'dispatch', { version: o2.version, providerId: w.provider.id });
    const expired = await t.post(`/work-orders/${o2.id}/assign`, { version: o2.version, technicianId: tech.id });
    expect(expired.status).toBe(422);
    expect(expired.body.error.message).toContain(`expired on ${cert.expiresAt.slice(0, 10)}`);
    expect((await t.get(`/certifications?technicianId=${tech.id}`)).body.items[0]).toMatchObject({ id: cert.id, valid: false });
  });

  it('warns the technician and their provider once, ahead of expiry, through the outbox', async () => {
    const fresh = await t.post('/technicians', { providerId: w.provider.id, name: '老师傅', phone: '13900000302' });
    const granted = await t.post('/certifications', { technicianId: fresh.body.id, courseId: w.course.id, reason: '外部考试通过' });
    expect(granted.status).toBe(201);
    const outbox = async () => (await t.get('/outbox?limit=200&reveal=true')).body.items.filter((m: any) => m.subject?.id === granted.body.id);
    expect(await t.services.training.warnExpiring()).toBe(0);
    // 31 days before: not yet; 29 days before: once, to both; again: nothing more.
    clock.set(new Date(Date.parse(granted.body.expiresAt) - 31 * 86_400_000));
    await t.services.training.warnExpiring();
    expect(await outbox()).toHaveLength(0);
    clock.set(new Date(Date.parse(granted.body.expiresAt) - 29 * 86_400_000));
    const [a, b] = await Promise.all([t.services.training.warnExpiring(), t.services.training.warnExpiring()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    const sent = await outbox();
    expect(sent.map((m: any) => [m.recipient, m.template]).sort()).toEqual([['02088886666', 'certification_expiring_provider'], ['13900000302', 'certification_expiring']]);
    expect(sent[0].bodyZh).toContain('AC-INSTALL');
    expect(sent[0].bodyEn).toContain('AC-INSTALL');
    await t.services.training.warnExpiring();
    expect(await outbox()).toHaveLength(2);
    expect((await t.get(`/certifications?technicianId=${fresh.body.id}`)).body.items[0].warnedAt).not.toBeNull();
  });

  it('keeps a provider admin to their own technicians, and hides the answers from technicians', async () => {
    const other = await t.post('/providers', { code: 'TRAIN-OTHER', name: '别家', kind: 'agent', contactName: '别', contactPhone: '02011112222' });
    const otherAdmin = await tokenFor(t.services, 'provider_admin', 'train-other-admin', { providerId: other.body.id });
    expect((await t.get(`/training/attempts?technicianId=${tech.id}`, otherAdmin.headers)).body.items).toEqual([]);
    expect((await t.get(`/certifications?technicianId=${tech.id}`, otherAdmin.headers)).body.items).toEqual([]);
    expect((await t.get(`/training/exams/${examId}/questions`, techHeaders)).status).toBe(403);
    const someone = await t.post(`/training/exams/${examId}/attempts?technicianId=${w.technicians[0].id}`, {}, techHeaders);
    expect(someone.status).toBe(400);
  });
});
