import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { accessibilityProblems, browserAvailable, shoot, signIn, startStage, type Stage, openPage, openFromBar } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// A complaint about a demo order of a provider's technician climbs two rungs of the ladder because
// its clock runs out twice (the breach job triggered with the clock run out), and a manager
// resolves it with compensation in the workbench; the accused provider's admin, signed in, finds
// nothing of it: not in the list, and its page is "not found".
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

const open = (lang: 'zh' | 'en') => openPage(stage, lang);

/** Demo orders of a provider with a technician assigned, of different customers. */
async function accusedOrders(count: number) {
  const page = await stage.services.workOrders.list(systemCaller, { status: ['assigned', 'booked', 'work_done', 'confirmed', 'closed'], limit: 200, offset: 0, sort: '-createdAt' } as never);
  const found = page.items.filter((o: { providerId: string | null; technicianId: string | null }) => o.providerId && o.technicianId).slice(0, count) as { id: string; providerId: string }[];
  if (found.length < count) throw new Error('not enough demo orders with a technician');
  return found;
}

/** The clock of the complaint's present rung has run out: the breach job's sweep takes it one rung up. */
async function breach(id: string) {
  await stage.services.database.db.execute(sql`update complaints set due_at = now() - interval '1 minute' where id = ${id}`);
  expect(await stage.services.complaints.sweep()).toBeGreaterThanOrEqual(1);
}

run('the complaint workbench in a real browser', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`a complaint escalated twice by breach and resolved with compensation, unseen by the accused (${lang})`, async () => {
      const [order] = (await accusedOrders(2)).slice(i, i + 1);
      const words = lang === 'zh' ? `师傅态度恶劣-秘密${i}` : `Rude technician secret-${i}`;
      const filed = (await stage.services.complaints.file(systemCaller, { source: 'regulator_12315', category: 'service_attitude', severity: 'normal', orderIds: [order.id], text: words })) as { id: string; number: string };
      await breach(filed.id);
      await breach(filed.id);

      // The manager's workbench: the complaint on the manager's rung, its ladder and history.
      const desk = await open(lang);
      await signIn(desk.page, lang, 'manager');
      await openFromBar(desk.page, t.complaints.nav);
      await desk.page.getByRole('heading', { level: 1, name: t.complaints.title }).waitFor();
      await desk.page.getByRole('link', { name: filed.number }).click();
      await desk.page.getByRole('heading', { level: 1, name: t.complaints.titleOf.replace('{{number}}', filed.number) }).waitFor();
      await expect.poll(() => desk.page.getByTestId('complaint-level').textContent()).toBe(t.complaintLevel.manager);
      const history = desk.page.getByRole('region', { name: t.complaints.history });
      await expect.poll(async () => (await history.textContent())?.split(t.complaintCause.breach).length).toBe(3);
      expect(await desk.page.getByRole('region', { name: t.complaints.summary }).textContent()).toContain(words);
      expect(await accessibilityProblems(desk.page)).toEqual([]);
      await shoot(desk.page, `complaints-escalated-${lang}`);

      // Compensation: sent without an amount first, the field is named; then a 30 yuan voucher (a refund paid
      // back through fees is proven by the API test: the demo order may have nothing paid to give back).
      const compensation = desk.page.getByRole('form', { name: t.complaints.addCompensation });
      await compensation.getByLabel(`${t.complaints.compensationKind} *`).selectOption('credit');
      await compensation.getByLabel(`${t.complaints.note} *`).fill(lang === 'zh' ? '退还上门费' : 'Call-out fee refunded');
      await compensation.getByRole('button', { name: t.complaints.addCompensation }).click();
      await compensation.locator('.field-error').first().waitFor();
      await compensation.getByLabel(t.complaints.amount).fill('30');
      await compensation.getByLabel(`${t.complaints.note} *`).fill(lang === 'zh' ? '退还上门费' : 'Call-out fee refunded');
      await compensation.getByRole('button', { name: t.complaints.addCompensation }).click();
      const log = desk.page.getByRole('region', { name: t.complaints.log });
      await expect.poll(() => log.textContent()).toContain('30.00');

      const resolve = desk.page.getByRole('form', { name: t.complaints.resolve });
      await resolve.getByLabel(`${t.complaints.rootCause} *`).selectOption('attitude');
      await resolve.getByLabel(`${t.complaints.resolution} *`).fill(lang === 'zh' ? '已致歉并退还上门费' : 'Apologised and refunded the call-out fee');
      await resolve.getByRole('button', { name: t.complaints.resolve }).click();
      const summary = desk.page.getByRole('region', { name: t.complaints.summary });
      await expect.poll(() => summary.textContent()).toContain(t.complaintStatus.resolved);
      const answer = desk.page.getByRole('form', { name: t.complaints.recordAnswer });
      await answer.getByLabel(`${t.complaints.answer} *`).selectOption('accepted');
      await answer.getByRole('button', { name: t.complaints.recordAnswer }).click();
      await expect.poll(() => summary.textContent()).toContain(t.complaintStatus.closed);
      await shoot(desk.page, `complaints-resolved-${lang}`);
      await desk.context.close();

      // The accused provider's admin: nothing of it in the list, its page not found.
      const username = `cp-accused-${lang}`;
      await stage.services.access.createUser(systemCaller, { username, displayName: username, password: 'aftercare-demo', role: 'provider_admin', providerId: order.providerId, technicianId: null });
      const accused = await open(lang);
      await signIn(accused.page, lang, username);
      await openFromBar(accused.page, t.complaints.nav);
      await accused.page.getByRole('heading', { level: 1, name: t.complaints.title }).waitFor();
      await accused.page.getByText(t.complaints.none).or(accused.page.locator('table')).first().waitFor();
      expect(await accused.page.getByRole('link', { name: filed.number }).count()).toBe(0);
      await accused.page.goto(`/app/complaints/${filed.id}`);
      await accused.page.getByRole('heading', { name: t.notFound.title }).waitFor();
      expect(await accused.page.content()).not.toContain(words);
      await shoot(accused.page, `complaints-accused-${lang}`);
      await accused.context.close();
    });
  }
});
