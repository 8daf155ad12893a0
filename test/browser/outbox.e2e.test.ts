import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, shoot, startStage, type Stage } from './browser.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';
import { createNotificationsService, enqueueMessage, type OutgoingMessage } from '../../src/modules/notifications/index.js';
import { DeliveryFailure, logChannel } from '../../src/modules/notifications/notifications.channels.js';
import { createCustomerRequest } from '../../src/modules/customers/customers.contract.js';

// The outbox screen in a real browser: messages with their delivery, filtered; phones and codes
// masked everywhere on the page, the history dialog included.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

const codePhone = '13812345678';
const bookedPhone = '13987654321';
const failingPhone = '13700001111';
const code = '482913';
const acceptance = '730164';
const familyPhone = '13655550000';
const secrets = [codePhone, bookedPhone, failingPhone, familyPhone, code, acceptance];

beforeAll(async () => {
  if (run !== describe) return;
  stage = await startStage();
  const { db } = stage.services.database;
  const clock = stage.services.clock;
  const write = async (m: OutgoingMessage) => {
    await db.transaction((tx) => enqueueMessage(tx, clock, m));
    return (await stage.services.notifications.list({ principal: { kind: 'system', name: 'test' }, address: null }, { limit: 1, offset: 0, reveal: false, recipient: m.recipient, template: m.template })).items[0].id;
  };
  // Two customers sharing one phone: the customer filter tells their messages apart.
  const system = { principal: { kind: 'system' as const, name: 'test' }, address: null };
  const address = { province: '广东省', city: '广州市', district: '天河区', street: '体育西路 9 号', isDefault: true };
  const customer = (name: string) => createCustomerRequest.parse({ name, phones: [{ phone: familyPhone }], addresses: [address], allowDuplicatePhone: true });
  const mother = await stage.services.customers.create(system, customer('欧阳秀英'));
  const son = await stage.services.customers.create(system, customer('欧阳明'));
  await write({ channel: 'sms', recipient: familyPhone, customerId: mother.id, template: 'visit_booked', bodyZh: '【售后服务】您的工单 WO2612-000901 已预约。', bodyEn: '[Aftercare] Your visit for order WO2612-000901 is booked.' });
  await write({ channel: 'sms', recipient: familyPhone, customerId: son.id, template: 'visit_booked', bodyZh: '【售后服务】您的工单 WO2612-000902 已预约。', bodyEn: '[Aftercare] Your visit for order WO2612-000902 is booked.' });
  const sent = await write({ channel: 'sms', recipient: codePhone, template: 'portal_code', bodyZh: `【售后服务】王先生，您的登录验证码为 ${code}，10 分钟内有效。`, bodyEn: `Aftercare: your sign-in code is ${code}. It is valid for 10 minutes.` });
  await write({ channel: 'sms', recipient: codePhone, template: 'acceptance_code', bodyZh: `【售后服务】您的工单 WO2612-000777 已完工，验收码 ${acceptance}，请确认服务完成后告知师傅。`, bodyEn: `[Aftercare] Work on order WO2612-000777 is done. Your acceptance code is ${acceptance}.` });
  await write({ channel: 'sms', recipient: bookedPhone, template: 'visit_booked', bodyZh: `【售后服务】您的工单 WO2612-000778 已预约，如需改约请致电 ${bookedPhone}。`, bodyEn: `[Aftercare] Your visit for order WO2612-000778 is booked. Call ${bookedPhone} to change it.` });
  const failing = await write({ channel: 'sms', recipient: failingPhone, template: 'technician_on_site', bodyZh: '【售后服务】师傅已到达。', bodyEn: '[Aftercare] The technician has arrived.' });
  const quietLog = logChannel(() => {});
  await createNotificationsService({ db, clock, channels: { sms: quietLog, email: quietLog, wechat: quietLog } }).deliver(sent);
  const refusing = { name: 'http', send: async () => { throw new DeliveryFailure(`gateway answered 400: number ${failingPhone} is not in service`, true); } };
  await createNotificationsService({ db, clock, channels: { sms: refusing, email: quietLog, wechat: quietLog } }).deliver(failing);
}, 600_000);
afterAll(async () => stage?.close());

run('the outbox screen in chromium', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`filters messages, shows delivery and history, and never a whole phone number or code (${lang})`, async () => {
      const t = texts[lang];
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 860 }, baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      const exposed = async () => {
        const text = await page.locator('body').innerText();
        return secrets.filter((s) => text.includes(s));
      };
      await page.goto('/sign-in');
      await page.getByLabel(t.signIn.username).fill('manager');
      await page.getByLabel(t.signIn.password).fill('aftercare-demo');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/app\//);
      await page.goto('/app/outbox');
      await page.getByRole('heading', { level: 1, name: t.outbox.title }).waitFor();
      const rows = page.locator('main table tbody tr');
      await rows.first().waitFor();
      expect(await exposed()).toEqual([]);
      expect(await page.locator('main').innerText()).toContain('138****5678');
      expect(await page.locator('main').innerText()).toContain('••••••');
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `outbox-${lang}`);

      // The failed message, with why; its history holds both changes of the one attempt.
      await page.getByLabel(t.outbox.statusLabel).selectOption('failed');
      await page.getByRole('button', { name: t.outbox.search }).click();
      await page.locator('main table tbody tr', { hasText: '137****1111' }).waitFor();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().innerText()).toContain(t.outbox.status.failed);
      expect(await rows.first().innerText()).toContain('not in service');
      await rows.first().getByRole('button', { name: t.outbox.history }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(`${t.outbox.status.sending} → ${t.outbox.status.failed}`).waitFor();
      expect(await exposed()).toEqual([]);
      expect(await accessibilityProblems(page)).toEqual([]);
      await dialog.getByRole('button', { name: t.outbox.close }).click();

      // By kind and by the customer's last four digits: the acceptance code, masked, in the reader's language.
      await page.getByLabel(t.outbox.statusLabel).selectOption('');
      await page.getByLabel(t.outbox.template).selectOption('acceptance_code');
      await page.getByRole('textbox', { name: t.outbox.recipient }).fill('5678');
      await page.getByRole('button', { name: t.outbox.search }).click();
      await page.locator('main table tbody tr', { hasText: 'WO2612-000777' }).waitFor();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().innerText()).toContain(lang === 'zh' ? '验收码 ••••••' : 'acceptance code is ••••••');
      expect(await rows.first().innerText()).toContain(t.outbox.status.queued);
      expect(await exposed()).toEqual([]);

      // The sent sign-in code, by channel and status.
      await page.getByLabel(t.outbox.template).selectOption('');
      await page.getByRole('textbox', { name: t.outbox.recipient }).fill('');
      await page.getByLabel(t.outbox.channelLabel).selectOption('sms');
      await page.getByLabel(t.outbox.statusLabel).selectOption('sent');
      await page.getByRole('button', { name: t.outbox.search }).click();
      await page.locator('main table tbody tr', { hasText: t.outbox.status.sent }).first().waitFor();
      expect(await page.locator('main table tbody').innerText()).not.toContain(t.outbox.status.queued);
      expect(await exposed()).toEqual([]);

      // By customer, found by name and picked: the mother's message, not her son's to the same phone.
      await page.getByLabel(t.outbox.channelLabel).selectOption('');
      await page.getByLabel(t.outbox.statusLabel).selectOption('');
      await page.getByRole('searchbox', { name: t.outbox.customer }).fill('欧阳秀英');
      await page.getByRole('button', { name: t.outbox.findCustomer }).click();
      await page.getByRole('list', { name: t.outbox.customerResults }).getByRole('button', { name: /欧阳秀英/ }).click();
      await page.locator('main table tbody tr', { hasText: 'WO2612-000901' }).waitFor();
      expect(await rows.count()).toBe(1);
      expect(await exposed()).toEqual([]);
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.getByRole('button', { name: t.outbox.clearCustomer }).click();
      await page.locator('main table tbody tr', { hasText: 'WO2612-000902' }).waitFor();
      await context.close();
    });
  }
});
