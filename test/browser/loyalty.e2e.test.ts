import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, signInCustomer, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// Loyalty in a real browser, on the demo's data: a manager changes the gold tier's rule (a bad
// amount named first), sees the referrals (one rewarded, one reversed), opens a customer's page
// (tier with its history and reasons, value score, the top-10 % mark when they have it) and moves
// a sales lead on; a customer on a phone sees their maintenance contract (visits left, renewal)
// and gets their referral link in the portal — without a staff name; a customer whose contract ends
// within the renewal window renews it in the portal (pay later) and the staff see the renewal. Both languages.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

/** The customer signed in to the portal on a phone, in the language; a page error fails the test. */
async function customerOnPhone(lang: 'zh' | 'en', customerId: string) {
  const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await signInCustomer(stage, page, lang, customerId);
  return { context, page };
}

run('loyalty, leads and the portal\u2019s contracts in a real browser', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];

    it(`a manager edits a tier rule, sees referrals, a customer's tier and value, and moves a lead (${lang})`, async () => {
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'manager');
      await openFromBar(page, t.loyalty.nav, true);
      await page.getByRole('heading', { level: 1, name: t.loyalty.pageTitle }).waitFor();

      // The gold rule: a spend that is not money is named at its field, then a good one is saved.
      const goldName = lang === 'zh' ? '金卡' : 'Gold';
      await page.getByRole('button', { name: t.loyalty.editTier.replace('{{tier}}', goldName) }).click();
      const form = page.locator('form.tier-rule');
      await form.getByLabel(`${t.loyalty.minSpend} *`).fill('1.234');
      await form.getByRole('button', { name: t.loyalty.save }).click();
      await form.locator('.field-error').first().waitFor();
      const spend = 16_000 + i * 1000;
      await form.getByLabel(`${t.loyalty.minSpend} *`).fill(String(spend));
      await form.getByLabel(`${t.loyalty.minReferrals} *`).fill('2');
      await form.getByRole('button', { name: t.loyalty.save }).click();
      await page.getByRole('status').filter({ hasText: goldName }).waitFor();
      const goldRow = page.locator('tr[data-tier="gold"]');
      await expect.poll(() => goldRow.textContent()).toContain(spend.toLocaleString('en-US'));
      const rule = (await stage.services.loyalty.tierRules(systemCaller)).items.find((r) => r.tier === 'gold')!;
      expect(rule).toMatchObject({ minSpendFen: spend * 100, minReferrals: 2 });

      // Referrals: the demo's rewarded one and its reversed one, with the referrer's code.
      const referrals = page.getByRole('table', { name: t.loyalty.referrals });
      await expect.poll(() => referrals.locator('tr.referral-rewarded').count()).toBeGreaterThan(0);
      await expect.poll(() => referrals.locator('tr.referral-reversed').textContent()).toContain(t.loyalty.referralStatus.reversed);
      await expect.poll(() => referrals.locator('tr.referral-reversed code').textContent()).toMatch(/^[A-Z2-9]{8}$/);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `loyalty-rules-${lang}`);

      // The referrer's page: their tier with its history and reasons, and their value score.
      const referrerId = (await stage.services.loyalty.referrals(systemCaller, { limit: 1, offset: 0 } as never)).items[0].referrerId;
      const own = await stage.services.loyalty.customerLoyalty(systemCaller, referrerId);
      await page.goto(`/app/customers/${referrerId}`);
      const panel = page.locator('section.loyalty');
      await expect.poll(() => panel.locator('.loyalty-tier').textContent()).toContain(lang === 'zh' ? '白金' : 'Platinum');
      await expect.poll(() => panel.locator('ul.tier-history li').count()).toBeGreaterThanOrEqual(2);
      expect(await panel.locator('ul.tier-history').textContent()).toContain(lang === 'zh' ? '受邀' : 'Invited');
      const value = await panel.locator('.loyalty-value').textContent();
      expect(value).toContain(t.loyalty.valueScore.split(' {{')[0]);
      expect(value!.includes(t.loyalty.top)).toBe(Boolean(own.value?.top));
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `loyalty-customer-${lang}`);

      // A new lead is contacted: the list shows its new status and the change with its note.
      await openFromBar(page, t.leads.nav, true);
      await page.getByRole('heading', { level: 1, name: t.leads.title }).waitFor();
      await page.getByLabel(t.leads.filter, { exact: true }).selectOption('new');
      const lead = page.locator('li.lead-new').first();
      await lead.waitFor();
      const leadId = (await lead.getAttribute('aria-labelledby'))!.replace(/^lead-/, '');
      await lead.getByLabel(t.leads.newStatus, { exact: true }).selectOption('contacted');
      const note = `${lang} ${Date.now()}`;
      await lead.getByLabel(t.leads.note, { exact: true }).fill(note);
      await lead.getByRole('button', { name: t.leads.move }).click();
      await page.getByLabel(t.leads.filter, { exact: true }).selectOption('contacted');
      const moved = page.locator(`li[aria-labelledby="lead-${leadId}"]`);
      await expect.poll(() => moved.locator('.lead-status').textContent()).toBe(t.leads.status.contacted);
      expect(await moved.locator('ol.lead-history').textContent()).toContain(note);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `leads-${lang}`);
      await context.close();
    }, 180_000);

    it(`a customer on a phone sees their contract and gets their referral link (${lang})`, async () => {
      // A demo owner who bought a maintenance contract today (four visits, one every three months).
      const unit = (await stage.services.units.list(systemCaller, { limit: 1, offset: 500 + i * 37 } as never)).items[0];
      await stage.services.contracts.sell(systemCaller, unit.id, { kind: 'maintenance', termMonths: 12, price: { amountFen: 48_000, currency: 'CNY' }, coversLabour: true, coversParts: false, partCodes: null, visitsIncluded: 4, visitEveryMonths: 3 } as never);
      const { context, page } = await customerOnPhone(lang, unit.ownerId);
      const contracts = page.locator('section.my-contracts');
      const row = contracts.locator('li.my-contract').filter({ hasText: t.contracts.kindName.maintenance });
      await expect.poll(() => row.count()).toBeGreaterThan(0);
      const text = (await row.first().textContent())!;
      expect(text).toContain(t.contracts.myVisitsLeft);
      expect(text).toContain(t.contracts.visitsLeft.replace('{{left}}', '4').replace('{{total}}', '4'));
      expect(text).toContain(t.contracts.myRenewal);

      const referral = page.locator('section.my-referral');
      await referral.getByRole('button', { name: t.loyalty.makeMyCode }).click();
      const link = referral.locator('input.referral-link');
      await expect.poll(() => link.inputValue()).toMatch(/\/portal\/register\?ref=[A-Z2-9]{8}$/);
      expect(await referral.locator('code.referral-code').textContent()).toMatch(/^[A-Z2-9]{8}$/);

      // A customer's view: no staff names or ids anywhere on the page; nothing wider than the phone.
      const body = (await page.locator('main').textContent())!;
      expect(body).not.toMatch(/system:|user:/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `portal-contracts-referral-${lang}`);
      await context.close();
    }, 180_000);

    it(`a customer renews a contract ending within the renewal window in the portal; staff see it to be paid later (${lang})`, async () => {
      // An extended warranty sold a year ago less ten days (Shanghai's today), so it ends in about ten days.
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const start = new Date(`${today}T00:00:00Z`);
      start.setUTCFullYear(start.getUTCFullYear() - 1);
      start.setUTCDate(start.getUTCDate() + 10);
      const startsOn = start.toISOString().slice(0, 10);
      // A demo unit bought before that day (the older units sit anywhere in the list), a different owner per language.
      const old: { id: string; ownerId: string }[] = [];
      for (let offset = 0; old.length < 2 * (i + 1); offset += 100) {
        const page = (await stage.services.units.list(systemCaller, { limit: 100, offset } as never)).items;
        expect(page.length).toBeGreaterThan(0);
        for (const u of page) if (u.purchaseDate <= startsOn && !old.some((o) => o.ownerId === u.ownerId)) old.push(u);
      }
      const unit = old[2 * i + 1];
      const sold = await stage.services.contracts.sell(systemCaller, unit.id, { kind: 'extended_warranty', termMonths: 12, startsOn, price: { amountFen: 29_800, currency: 'CNY' }, coversLabour: true, coversParts: true, partCodes: null, visitsIncluded: 0, visitEveryMonths: 0 } as never);
      expect(sold.renewal).toMatchObject({ open: true, priceFen: 29_800 });
      const price = '298.00';

      const { context, page } = await customerOnPhone(lang, unit.ownerId);
      const contracts = page.locator('section.my-contracts');
      const row = contracts.locator('li.my-contract').filter({ has: page.locator('.renew-offer') });
      await expect.poll(() => row.count()).toBe(1);
      const offer = row.locator('.renew-offer');
      expect(await offer.textContent()).toContain(price);
      // The button waits for the customer's agreement to the terms and price.
      const button = offer.getByRole('button', { name: t.contracts.renewButton });
      expect(await button.isDisabled()).toBe(true);
      await offer.getByLabel(t.contracts.renewTerms).check();
      await button.click();
      const status = contracts.locator('p.renewed[role="status"]');
      await status.waitFor();
      const renewal = (await stage.services.contracts.listForUnit(systemCaller, unit.id)).items.find((c) => c.renewedFrom === sold.id)!;
      expect(renewal).toMatchObject({ payment: 'pay_later', priceFen: 29_800, startsOn: sold.renewal!.startsOn, endsOn: sold.renewal!.endsOn });
      const statusText = (await status.textContent())!;
      expect(statusText).toContain(price);
      expect(statusText).toContain(t.contracts.renewed.split('{{')[0].trim());
      // The list now holds the renewal, its price to be paid later; the old contract offers nothing more.
      await expect.poll(() => contracts.locator('li.my-contract').filter({ hasText: t.contracts.payLater }).count()).toBe(1);
      const renewed = contracts.locator('li.my-contract').filter({ hasText: t.contracts.payLater });
      expect(await renewed.textContent()).toContain(t.contracts.myPriceDue);
      expect(await contracts.locator('.renew-offer').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `portal-contract-renewed-${lang}`);
      await context.close();

      // The staff side: the unit card shows the renewal, not paid yet, and the old contract renewed until its end.
      const staff = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai' });
      const console_ = await staff.newPage();
      console_.on('pageerror', (e) => {
        throw e;
      });
      await signIn(console_, lang, 'manager');
      await console_.goto(`/app/customers/${unit.ownerId}`);
      const item = console_.locator('li.contract.renewal').filter({ hasText: t.contracts.unpaid });
      await expect.poll(() => item.count()).toBe(1);
      expect(await item.textContent()).toContain(t.contracts.renewalOf);
      const card = console_.locator('section.contracts').filter({ has: item });
      expect(await card.textContent()).toContain(t.contracts.renewedTo.split('{{')[0].trim());
      expect(await accessibilityProblems(console_)).toEqual([]);
      await shoot(console_, `contracts-renewal-staff-${lang}`);
      await staff.close();
    }, 180_000);
  }
});
