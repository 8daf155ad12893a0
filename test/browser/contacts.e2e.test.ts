import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, shoot, signIn, staffFetch, startStage, type Stage, openPage } from './browser.js';
import { systemCaller } from '../harness.js';
import { enqueueMessage } from '../../src/modules/notifications/index.js';
import { systemClock } from '../../src/shared/clock.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// The contact timeline on the customer page (customer 360): an agent logs a call about a demo
// order and adds a note, sees the order's SMS and visit on the same timeline and searches it; the
// customer sends a suggestion from the portal and reads the answer headquarters gave.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

const open = (lang: 'zh' | 'en') => openPage(stage, lang);

type Found = { customerId: string; orderId: string; orderNumber: string };
/**
 * Demo orders, each of another customer, with a visit on the customer's timeline; the demo writes its
 * history without an outbox, so each gets the SMS booking a visit sends, through the outbox as the booking writes it.
 */
async function ordersWithSmsAndVisit(count: number): Promise<Found[]> {
  const page = await stage.services.workOrders.list(systemCaller, { status: ['work_done', 'confirmed', 'followed_up', 'closed'], limit: 200, offset: 0, sort: '-createdAt' } as never);
  const found: Found[] = [];
  for (const o of page.items as { id: string; number: string; customerId: string; contactPhone?: string }[]) {
    if (found.length === count) break;
    if (found.some((f) => f.customerId === o.customerId)) continue;
    const tl = await stage.services.contacts.timeline(systemCaller, { customerId: o.customerId, kinds: ['visit'], limit: 100 });
    if (!tl.items.some((e) => e.orderId === o.id)) continue;
    await enqueueMessage(stage.services.database.db, systemClock, {
      channel: 'sms',
      recipient: '13800138000',
      customerId: o.customerId,
      template: 'visit_booked',
      bodyZh: `您的工单 ${o.number} 已预约上门`,
      bodyEn: `Your order ${o.number}: the visit is booked`,
      subject: { kind: 'work_order', id: o.id },
    });
    found.push({ customerId: o.customerId, orderId: o.id, orderNumber: o.number });
  }
  if (found.length < count) throw new Error('not enough demo orders with a visit');
  return found;
}

run('the contact timeline in a real browser', () => {
  let orders: Found[];
  beforeAll(async () => {
    orders = await ordersWithSmsAndVisit(2);
  });

  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`an agent logs a call and a note beside the order's SMS and visit, searches them; the customer's suggestion is answered (${lang})`, async () => {
      const { customerId, orderId, orderNumber } = orders[i];
      const callWords = lang === 'zh' ? `客户来电询问保修-${i}` : `asked about the warranty ${i}`;
      const noteWords = lang === 'zh' ? `偏好下午联系-${i}` : `prefers afternoons ${i}`;
      const desk = await open(lang);
      await signIn(desk.page, lang, 'agent');
      await desk.page.goto(`/app/customers/${customerId}`);
      const panel = desk.page.getByRole('region', { name: t.contacts.title });
      await panel.getByRole('list', { name: t.contacts.title }).waitFor();

      await panel.getByRole('button', { name: t.contacts.logCall }).click();
      const call = panel.getByRole('form', { name: t.contacts.logCall });
      await call.getByLabel(t.contacts.order).selectOption(orderId);
      await call.getByLabel(`${t.contacts.phone} *`).fill('13800138000');
      await call.getByLabel(`${t.contacts.minutes} *`).fill('3');
      await call.getByLabel(t.contacts.notes).fill(callWords);
      await call.getByRole('button', { name: t.contacts.saveCall }).click();
      await expect.poll(() => panel.locator('li[data-kind="call"]').first().textContent()).toContain(callWords);

      await panel.getByRole('button', { name: t.contacts.addNote }).click();
      const note = panel.getByRole('form', { name: t.contacts.addNote });
      await note.getByLabel(`${t.contacts.noteText} *`).fill(noteWords);
      await note.getByRole('button', { name: t.contacts.saveNote }).click();
      await expect.poll(() => panel.locator('li[data-kind="note"]').first().textContent()).toContain(noteWords);

      // The order's SMS and visit on the same timeline, linked to the order.
      await expect.poll(() => panel.locator('li[data-kind="message"]').filter({ hasText: orderNumber }).count()).toBeGreaterThan(0);
      expect(await accessibilityProblems(desk.page)).toEqual([]);
      await shoot(desk.page, `contacts-timeline-${lang}`);

      // Searching finds the call alone; a kind filter keeps only visits.
      const search = panel.getByRole('search', { name: t.contacts.search });
      await search.getByLabel(t.contacts.words).fill(callWords);
      await search.getByRole('button', { name: t.contacts.apply }).click();
      await expect.poll(() => panel.locator('li[data-kind]').count()).toBe(1);
      expect(await panel.locator('li[data-kind="call"]').textContent()).toContain(callWords);
      await search.getByLabel(t.contacts.words).fill('');
      await search.getByLabel(new RegExp(t.contactKind.visit)).check();
      await search.getByRole('button', { name: t.contacts.apply }).click();
      await expect.poll(async () => (await panel.locator('li[data-kind]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-kind')))])).join()).toBe('visit');
      // The visits of the same order, linked to it.
      expect(await panel.locator('li[data-kind="visit"]').filter({ has: desk.page.getByRole('link', { name: orderNumber }) }).count()).toBeGreaterThan(0);
      await desk.context.close();

      // The customer, signed in with a code sent by SMS, sends a suggestion and later reads the answer.
      const admin = await staffFetch(stage.baseUrl, 'admin');
      const phone = (await stage.services.customers.revealPhones(systemCaller, customerId)).items[0].phone;
      const portal = await open(lang);
      await portal.page.goto('/my/sign-in');
      await portal.page.getByLabel(`${t.portal.phone} *`).fill(phone);
      await portal.page.getByRole('button', { name: t.portal.sendCode }).click();
      await portal.page.getByLabel(`${t.portal.code} *`).waitFor();
      type Outbox = { items: { template: string; bodyEn: string; subject: { id: string } | null }[] };
      const sms = (await admin<Outbox>('/outbox?limit=50&reveal=true')).items.find((m) => m.template === 'portal_code' && m.subject?.id === customerId)!;
      await portal.page.getByLabel(`${t.portal.code} *`).fill(/\b(\d{6})\b/.exec(sms.bodyEn)![1]);
      await portal.page.getByRole('button', { name: t.portal.signInSubmit }).click();
      await portal.page.waitForURL(/\/my$/);
      const mine = portal.page.getByRole('region', { name: t.contacts.mySuggestions });
      await mine.getByRole('button', { name: t.contacts.sendSuggestion }).click();
      const idea = lang === 'zh' ? '希望能在线查看师傅位置' : 'Show where the technician is on a map';
      await mine.getByLabel(`${t.contacts.yourIdea} *`).fill(idea);
      await mine.getByRole('button', { name: t.contacts.send }).click();
      await expect.poll(() => mine.textContent()).toContain(idea);
      const sent = (await stage.services.contacts.listSuggestions(systemCaller, { customerId, limit: 10, offset: 0 })).items[0] as { id: string; version: number };
      const answer = lang === 'zh' ? '感谢建议，下个版本上线' : 'Thank you: it comes in the next release';
      await stage.services.contacts.answerSuggestion(systemCaller, sent.id, { version: sent.version, outcome: 'adopted', answer });
      await portal.page.reload();
      await expect.poll(() => portal.page.getByRole('region', { name: t.contacts.mySuggestions }).textContent()).toContain(answer);
      expect(await portal.page.getByRole('region', { name: t.contacts.mySuggestions }).textContent()).toContain(t.contactAction.adopted);
      expect(await accessibilityProblems(portal.page)).toEqual([]);
      await shoot(portal.page, `contacts-suggestion-${lang}`);
      await portal.context.close();
    });
  }
});
