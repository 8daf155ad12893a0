import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// A technician asks for a part for their order on the phone (the order goes on hold, waiting for
// parts); a manager approves it from the central warehouse and ships it with its serial; the
// technician receives it in their van and the order resumes by itself; on site, they record the
// part used with its serial, and the van's stock and the order's fees show it.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;
const phone = { width: 390, height: 844 };

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 480_000);
afterAll(async () => stage?.close());

/** A repair of a demo air conditioner, with the demo technician, booked for now. */
async function bookedRepair(skip: number) {
  const s = stage.services;
  const users = await s.access.listUsers(systemCaller, { limit: 5, offset: 0, q: 'technician' });
  const tech = await s.network.getTechnician(systemCaller, users.items.find((u) => u.username === 'technician')!.technicianId!);
  const ac = (await s.catalog.listCategories(systemCaller)).find((c) => c.code === 'AC')!;
  let found = 0;
  for (const u of (await s.units.list(systemCaller, { limit: 200, offset: 0 } as never)).items) {
    if (u.categoryId !== ac.id) continue;
    const c = await s.customers.get(systemCaller, u.ownerId);
    if (c.addresses.length === 0 || found++ !== skip + 40) continue;
    let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: c.id, unitId: u.id, symptom: '不制冷 / does not cool', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: tech.providerId, reason: '演示 / demo' });
    o = await s.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: tech.id });
    const from = new Date(Date.now() - 3600_000);
    o = await s.workOrders.perform(systemCaller, o.id, 'book', { version: o.version, from: from.toISOString(), to: new Date(from.getTime() + 3 * 3600_000).toISOString(), overrideReason: '测试：固定时段 / test: a fixed window' });
    return { order: o, tech, address: c.addresses[0] };
  }
  throw new Error('no demo air conditioner');
}

run('parts for an order in a real browser', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`a part requested for an order, approved, shipped and received at the van resumes the order, and is used at completion (${lang})`, async () => {
      const s = stage.services;
      const { order, tech } = await bookedRepair(i);
      const locations = (await s.parts.listLocations(systemCaller, {})).items;
      const central = locations.find((l) => l.code === 'CW-HQ')!;
      const van = locations.find((l) => l.kind === 'van' && l.technicianId === tech.id)!;
      const board = (await s.parts.listParts(systemCaller, { search: 'AC-PCB-IN', limit: 5, offset: 0 })).items[0];
      const serial = `AC-PCB-IN-${String(10 + i).padStart(5, '0')}`;

      // The technician asks for the board on their phone: the order waits for it.
      const techContext = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: phone, baseURL: stage.baseUrl });
      const techPage = await techContext.newPage();
      techPage.on('pageerror', (e) => {
        throw e;
      });
      await signIn(techPage, lang, 'technician');
      await techPage.goto(`/app/orders/${order.id}`);
      const card = techPage.getByRole('region', { name: t.parts.orderTitle });
      const asking = card.locator('form[aria-labelledby="request-part"]');
      // On the phone the form is folded behind its heading.
      await card.locator('summary', { hasText: t.parts.requestPart }).click();
      await asking.getByLabel(`${t.parts.part} *`).selectOption(board.id);
      await asking.getByRole('button', { name: t.parts.request }).click();
      await techPage.getByRole('heading', { level: 1 }).getByText(t.status.on_hold).waitFor();
      await card.getByText(t.requestStatus.requested, { exact: true }).waitFor();
      expect(await accessibilityProblems(techPage)).toEqual([]);
      await shoot(techPage, `parts-requested-${lang}`);
      const [request] = (await s.parts.listRequests(systemCaller, { orderId: order.id, limit: 5, offset: 0 })).items;
      expect(request).toMatchObject({ status: 'requested', toLocationId: van.id, quantity: 1 });

      // The manager approves it from the central warehouse and ships it with a serial.
      const mContext = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl });
      const mPage = await mContext.newPage();
      mPage.on('pageerror', (e) => {
        throw e;
      });
      await signIn(mPage, lang, 'manager');
      await openFromBar(mPage, t.parts.navRequests);
      const row = mPage.locator(`tr[data-request="${request.id}"]`);
      await row.getByLabel(t.parts.source).selectOption(central.id);
      await row.getByRole('button', { name: t.parts.approve }).click();
      await row.getByText(t.requestStatus.approved, { exact: true }).waitFor();
      await row.getByLabel(t.parts.shipSerials).fill(serial);
      await row.getByRole('button', { name: t.parts.ship }).click();
      await row.getByText(t.requestStatus.shipped, { exact: true }).waitFor();
      expect(await accessibilityProblems(mPage)).toEqual([]);
      await shoot(mPage, `parts-queue-${lang}`);
      await mContext.close();

      // The technician receives it in the van: the order resumes by itself.
      await techPage.goto('/app/part-requests');
      const mine = techPage.locator(`tr[data-request="${request.id}"]`);
      await mine.getByRole('button', { name: t.parts.receiveShipment }).click();
      await mine.getByText(t.requestStatus.received, { exact: true }).waitFor();
      const resumed = await s.workOrders.get(systemCaller, order.id);
      expect(resumed).toMatchObject({ status: 'booked', holdReason: null });
      const history = await s.workOrders.history(systemCaller, order.id);
      expect(history.at(-1)).toMatchObject({ action: 'resume', actor: 'system:parts' });

      // On site, the part used is recorded with its serial; the van's stock shows it gone.
      const here = await s.workOrders.get(systemCaller, order.id);
      await s.workOrders.perform(systemCaller, order.id, 'check_in', { version: here.version, lat: 31.2304, lng: 121.4737 });
      await techPage.goto(`/app/orders/${order.id}`);
      await techPage.getByRole('heading', { level: 1 }).getByText(t.status.on_site).waitFor();
      const using = card.locator('form[aria-labelledby="use-part"]');
      await card.locator('summary', { hasText: t.parts.usePart }).click();
      await using.getByLabel(`${t.parts.part} *`).selectOption(board.id);
      await using.getByLabel(t.parts.serial).fill(serial);
      await using.getByLabel(t.parts.oldSerial).fill(`OLD-${serial}`);
      await using.getByRole('button', { name: t.parts.use }).click();
      await card.locator('[data-consumption]').filter({ hasText: serial }).waitFor();
      expect(await accessibilityProblems(techPage)).toEqual([]);
      await shoot(techPage, `parts-used-${lang}`);
      const used = await s.parts.orderParts(systemCaller, order.id);
      expect(used.consumptions).toEqual([expect.objectContaining({ serial, oldSerial: `OLD-${serial}`, locationId: van.id })]);
      const stock = await s.parts.stock(systemCaller, { locationId: van.id, partId: board.id });
      expect(stock.items[0]?.serials ?? []).not.toContain(serial);
      const fees = await s.fees.forOrder(systemCaller, order.id);
      expect(fees.lines.find((l) => l.kind === 'part')).toMatchObject({ amountFen: used.consumptions[0].amount.amountFen, payer: used.consumptions[0].payer });
      await techContext.close();
    }, 180_000);
  }
});
