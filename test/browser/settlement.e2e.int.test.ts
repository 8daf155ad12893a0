import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, shoot, signIn, staffFetch, startStage, type Stage, openPage, openFromBar } from './browser.js';
import { systemCaller } from '../harness.js';
import { crewOf, lastMonth, monthAfter, movableClock, pastRepair, washers, type Unit } from './past-work.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// A provider's month in the console, as settlement.month.int.test.ts does it through the API: last
// month each demo provider admin's provider (provider in Chinese, provider2 in English) did three
// more repairs: one whose replaced drain pump never went back to the factory (late old part), one
// the customer was delighted with (reward), one the customer says nobody came to (held for fraud
// review). The manager generates the draft and sends it; the provider's admin reads every line
// explained (the late old part's deduction, the reward) and the held order with why it waits,
// disputes the deduction; the manager answers with a correction; the provider agrees; the manager
// who prepared it may not approve it: a second person (the administrator) does; paid. The held
// order is then released, and the next month's statement names it as rolled over.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;
const clock = movableClock();
const { period, at } = lastMonth();

type Made = { id: string; number: string };
type Month = { providerId: string; late: Made; delighted: Made; held: Made };
const months: Record<'provider' | 'provider2', Month> = {} as never;
const ruleNames = { reward: { zh: '演示：满意奖励', en: 'Demo: delighted reward' }, late: { zh: '演示：旧件逾期扣款', en: 'Demo: old part late' } };

/** Last month of the provider: a late old part, a delighted customer and an order held for fraud review, each on a washer of another customer. */
async function repairsOf(providerId: string, units: Unit[], pumpId: string): Promise<Month> {
  const crew = await crewOf(stage, providerId);
  const base = { providerId, technicianId: crew.technicianId };
  return {
    providerId,
    // Its drain pump is due back 15 days later, before the month ends, and never shipped.
    late: await pastRepair(stage, clock, { ...base, unit: units[0], at: at(3, 10), pump: { partId: pumpId, storeId: crew.storeId }, followUp: 'neutral' }),
    delighted: await pastRepair(stage, clock, { ...base, unit: units[1], at: at(4, 10), followUp: 'delighted' }),
    held: await pastRepair(stage, clock, { ...base, unit: units[2], at: at(5, 10), followUp: 'nobody_came' }),
  };
}

beforeAll(async () => {
  if (run !== describe) return;
  stage = await startStage({ clock });
  // The providers the demo's provider admins belong to.
  const { pumpId, units } = await washers(stage, `${period}-01`, 6);
  for (const [i, user] of (['provider', 'provider2'] as const).entries()) {
    const me = await (await staffFetch(stage.baseUrl, user))<{ user: { providerId: string } }>('/auth/me');
    months[user] = await repairsOf(me.user.providerId, units.slice(i * 3, i * 3 + 3), pumpId);
  }
  // The rules the API journey uses: a reward per delighted order, a penalty per order whose old part is late or missing.
  const s = stage.services.settlement;
  await s.createRule(systemCaller, { code: 'demo_delighted', nameZh: ruleNames.reward.zh, nameEn: ruleNames.reward.en, kind: 'reward', measure: 'follow_up_delighted_share', thresholdMin: 0, basis: 'per_order', amountFen: 1000, activeFrom: '2020-01-01' } as never);
  await s.createRule(systemCaller, { code: 'demo_old_parts', nameZh: ruleNames.late.zh, nameEn: ruleNames.late.en, kind: 'penalty', measure: 'old_parts_late_or_missing', thresholdMin: 1, basis: 'per_order', amountFen: 5000, activeFrom: '2020-01-01' } as never);
}, 900_000);
afterAll(async () => stage?.close());

const open = (lang: 'zh' | 'en') => openPage(stage, lang);

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
/** What a message filled into its template's blanks, in order (undefined ones when the words around them differ). */
function filledIn(template: string, text: string): (string | undefined)[] {
  const words = template.split(/\{\{\w+\}\}/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.match(new RegExp(`^${words.join('(.+?)')}$`))?.slice(1) ?? [];
}

run('settlement with providers in a real browser', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    const user = i === 0 ? 'provider' : 'provider2';
    it(`generate, send; the late old part, the reward and the held order explained; dispute, answer, agree, approve, pay; the held order rolls over (${lang})`, async () => {
      const month = months[user];
      const desk = await open(lang);
      await signIn(desk.page, lang, 'manager');
      // A rule that makes a line every month (a count from 0, fixed), added from the rules page.
      if (i === 0) {
        await openFromBar(desk.page, t.settlement.navRules);
        await desk.page.getByRole('heading', { level: 1, name: t.settlement.rulesTitle }).waitFor();
        await desk.page.getByLabel(`${t.settlement.ruleCode} *`).fill('kept_reward');
        await desk.page.getByLabel(`${t.settlement.nameZh} *`).fill('月度基础奖励');
        await desk.page.getByLabel(`${t.settlement.nameEn} *`).fill('Monthly base reward');
        await desk.page.getByLabel(t.settlement.measure).selectOption('follow_up_dissatisfied');
        await desk.page.getByLabel(t.settlement.thresholdMin).fill('0');
        await desk.page.getByLabel(t.settlement.basis).selectOption('fixed');
        await desk.page.getByLabel(`${t.settlement.amountYuan} *`).fill('88');
        await desk.page.getByLabel(`${t.settlement.activeFrom} *`).fill('2020-01-01');
        await desk.page.getByRole('button', { name: t.settlement.addRule }).click();
        await desk.page.getByRole('cell', { name: 'kept_reward' }).waitFor();
        expect(await accessibilityProblems(desk.page)).toEqual([]);
        await shoot(desk.page, `settlement-rules-${lang}`);
      }
      await openFromBar(desk.page, t.settlement.navStatements);
      await desk.page.getByRole('heading', { level: 1, name: t.settlement.title }).waitFor();
      const select = desk.page.getByLabel(`${t.settlement.provider} *`);
      await expect.poll(async () => (await select.locator('option').count()) > 1).toBe(true);
      await desk.page.getByLabel(`${t.settlement.period} *`).fill(period);
      // Every provider's draft at once: told how many were made and held; the statement paid in
      // the first language's journey is skipped in the second's. Then this provider's again, opened.
      await desk.page.getByRole('button', { name: t.settlement.generateAll }).click();
      const told = desk.page.getByRole('status').filter({ hasText: period });
      await told.waitFor();
      const [toldPeriod, generated, , heldCount, skipped] = filledIn(t.settlement.generatedAll, (await told.textContent())!);
      expect(toldPeriod).toBe(period);
      expect(Number(generated)).toBeGreaterThanOrEqual(2 - i);
      expect(Number(heldCount)).toBeGreaterThanOrEqual(2 - i);
      expect(Number(skipped)).toBe(i);
      await desk.page.locator('tbody tr', { hasText: period }).first().waitFor();
      expect(await accessibilityProblems(desk.page)).toEqual([]);
      await select.selectOption(month.providerId);
      await desk.page.getByRole('button', { name: t.settlement.generate }).click();
      await desk.page.waitForURL(/\/app\/settlement\/[0-9a-f-]{36}$/);
      const url = desk.page.url();
      const status = desk.page.getByTestId('statement-status');
      await expect.poll(() => status.textContent()).toBe(t.statementStatus.draft);
      await desk.page.getByRole('button', { name: t.settlement.step.send }).click();
      await expect.poll(() => status.textContent()).toBe(t.statementStatus.sent);

      // The provider's admin: the statement, every line explained.
      const provider = await open(lang);
      await signIn(provider.page, lang, user);
      await openFromBar(provider.page, t.settlement.navStatements);
      await provider.page.getByRole('heading', { level: 1, name: t.settlement.title }).waitFor();
      await provider.page.goto(new URL(url).pathname);
      // The late old part: a deduction naming the rule, what it measured and the order behind it.
      const lateRow = provider.page.locator('tr', { hasText: ruleNames.late[lang] });
      await lateRow.waitFor();
      const lateText = (await lateRow.textContent())!;
      expect(lateText).toContain(lang === 'zh' ? '旧件逾期或未返单数' : 'Old parts late or missing (orders)');
      expect(lateText).toContain(month.late.number);
      expect(lateText).toContain('-');
      // The reward: the delighted customer's order among those behind it.
      const rewardRow = provider.page.locator('tr', { hasText: ruleNames.reward[lang] });
      expect(await rewardRow.textContent()).toContain(lang === 'zh' ? '回访非常满意比例' : 'Follow-up delighted (share)');
      expect(await rewardRow.textContent()).toContain(month.delighted.number);
      expect(await rewardRow.textContent()).not.toContain(month.held.number);
      // The order the customer says nobody came to: held back, why, and that it rolls over; not on any line.
      const held = provider.page.getByRole('region', { name: t.settlement.heldTitle }).getByTestId('held-order').filter({ hasText: month.held.number });
      await held.waitFor();
      expect(await held.textContent()).toContain(lang === 'zh' ? '欺诈审核中' : 'Held for fraud review');
      expect(await held.textContent()).toContain(t.settlement.stillHeld);
      expect(await provider.page.locator('tbody tr[data-line]', { hasText: month.held.number }).count()).toBe(0);
      expect(await accessibilityProblems(provider.page)).toEqual([]);
      await shoot(provider.page, `settlement-provider-statement-${lang}`);
      // The provider disputes the deduction: the part was shipped.
      const lineNo = Number(await lateRow.getAttribute('data-line'));
      await lateRow.getByRole('button', { name: fill(t.settlement.disputeLine, { n: lineNo }) }).click();
      const dialog = provider.page.getByRole('dialog');
      await dialog.getByLabel(`${t.settlement.reason} *`).selectOption('rule_misapplied');
      await dialog.getByLabel(`${t.settlement.note} *`).fill(lang === 'zh' ? '旧件已寄出' : 'We shipped the old part');
      expect(await accessibilityProblems(provider.page)).toEqual([]);
      await dialog.getByRole('button', { name: t.settlement.sendDispute }).click();
      await dialog.waitFor({ state: 'detached' });
      const providerStatus = provider.page.getByTestId('statement-status');
      await expect.poll(() => providerStatus.textContent()).toBe(t.statementStatus.disputed);
      await shoot(provider.page, `settlement-provider-disputed-${lang}`);

      // Headquarters answers with a correction for next month.
      await desk.page.reload();
      await desk.page.getByRole('button', { name: fill(t.settlement.answerLine, { n: lineNo }) }).click();
      const answer = desk.page.getByRole('dialog');
      await answer.getByLabel(`${t.settlement.answer} *`).fill(lang === 'zh' ? '旧件逾期寄出，下月退还 12 元' : 'Shipped late: 12 yuan back next month');
      await answer.getByLabel(t.settlement.correction).fill('12');
      await answer.getByRole('button', { name: t.settlement.sendAnswer }).click();
      await answer.waitFor({ state: 'detached' });
      await expect.poll(() => status.textContent()).toBe(t.statementStatus.answered);

      // The provider agrees.
      await provider.page.reload();
      await provider.page.getByRole('button', { name: t.settlement.step.agree }).click();
      await expect.poll(() => providerStatus.textContent()).toBe(t.statementStatus.agreed);

      // Approval by a second person: the manager prepared and sent it, so the manager is refused
      // (in the page's language) and the administrator approves (who also holds the second role
      // a large amount needs).
      await desk.page.reload();
      await desk.page.getByRole('button', { name: t.settlement.step.approve }).click();
      await desk.page.getByText(lang === 'zh' ? '须由另一人审批' : 'a second person approves it').waitFor();
      const approver = await open(lang);
      await signIn(approver.page, lang, 'admin');
      await approver.page.goto(new URL(url).pathname);
      await approver.page.getByRole('button', { name: t.settlement.step.approve }).click();
      const approverStatus = approver.page.getByTestId('statement-status');
      await expect.poll(() => approverStatus.textContent()).toBe(t.statementStatus.approved);
      await desk.page.reload();
      await desk.page.getByLabel(`${t.settlement.reference} *`).fill(`BANK-${period}`);
      await desk.page.getByRole('button', { name: t.settlement.step.pay }).click();
      await expect.poll(() => status.textContent()).toBe(t.statementStatus.paid);
      expect(await accessibilityProblems(desk.page)).toEqual([]);
      await shoot(desk.page, `settlement-paid-${lang}`);
      await approver.context.close();
      await provider.context.close();
      await desk.context.close();

      // The review releases the held order; once this month has ended, its statement settles it as rolled over.
      const review = await stage.services.fraud.get(systemCaller, month.held.id);
      await stage.services.fraud.release(systemCaller, month.held.id, { version: review.version, reason: '客户确认师傅已上门 / the customer confirms the visit' } as never);
      const thisMonth = monthAfter(period);
      // The server's clock on the 2nd of next month, 10:00 Shanghai, while this month's statement is made and read.
      clock.moveTo(new Date(`${monthAfter(thisMonth)}-02T10:00:00+08:00`));
      try {
        const made = await stage.services.settlement.generate(systemCaller, { providerId: month.providerId, period: thisMonth });
        const reader = await open(lang);
        await signIn(reader.page, lang, user);
        await reader.page.goto(`/app/settlement/${made.id}`);
        const rolled = reader.page.getByRole('region', { name: t.settlement.rolledTitle }).getByTestId('rolled-order').filter({ hasText: month.held.number });
        await rolled.waitFor();
        expect(await rolled.textContent()).toContain(fill(t.settlement.heldIn, { period }));
        expect(await rolled.textContent()).toContain(lang === 'zh' ? '欺诈审核中' : 'Held for fraud review');
        // The paid statement says where it went.
        await reader.page.goto(new URL(url).pathname);
        const went = reader.page.getByRole('region', { name: t.settlement.heldTitle }).getByTestId('held-order').filter({ hasText: month.held.number });
        await went.getByRole('link', { name: fill(t.settlement.settledIn, { period: thisMonth }) }).waitFor();
        expect(await accessibilityProblems(reader.page)).toEqual([]);
        await shoot(reader.page, `settlement-rolled-over-${lang}`);
        await reader.context.close();
      } finally {
        clock.reset();
      }
    }, 400_000);
  }
});
