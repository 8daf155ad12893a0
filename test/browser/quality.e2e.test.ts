import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, staffFetch, startStage, type Stage } from './browser.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';
import { systemCaller } from '../harness.js';
import { crewOf, lastMonth, movableClock, pastRepair, washers } from './past-work.js';

// A manager opens the quality dashboard: the Pareto of causes is drawn, a cause drills down to its
// orders (and on to one of them); the demo's model whose faults jumped last month shows one alert,
// whose orders open too. Faults by part (per 1,000 units of the models using it) drill down to
// the repairs that replaced it; last month six more washer repairs replaced the drain pump, and the
// daily check raises that part's alert, whose orders open too.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;
const clock = movableClock();
const { period, at } = lastMonth();
/** The burst of drain pumps: the part's name as the console shows it, and the repairs that replaced one. */
const pumps = { name: '', numbers: [] as string[] };

beforeAll(async () => {
  if (run !== describe) return;
  stage = await startStage({ clock });
  // Six washer repairs last month replaced the drain pump, two from each provider store.
  const { pumpId, units } = await washers(stage, `${period}-01`, 6);
  const stores = (await stage.services.parts.listLocations(systemCaller, { kind: 'provider_store' })).items.slice(0, 3);
  for (const [i, unit] of units.entries()) {
    const providerId = stores[i % 3].providerId!;
    const crew = await crewOf(stage, providerId);
    const made = await pastRepair(stage, clock, { unit, providerId, technicianId: crew.technicianId, at: at(10 + i, 10), pump: { partId: pumpId, storeId: crew.storeId } });
    pumps.numbers.push(made.number);
  }
  const part = await stage.services.parts.getPart(systemCaller, pumpId);
  pumps.name = `${part.number} ${part.nameZh} / ${part.nameEn}`;
  // The daily check, for last month.
  await stage.services.quality.raiseAlerts(period);
}, 900_000);
afterAll(async () => stage?.close());

run('the quality dashboard in a real browser', () => {
  /** The demo's burst: the alert with the most faults (the demo's organic growth may raise others). */
  let burst: { modelName: string; month: string; faults: number };
  beforeAll(async () => {
    const get = await staffFetch(stage.baseUrl, 'manager');
    const d = await get<{ alerts: { modelName: string; month: string; faults: number }[] }>('/quality/dashboard');
    burst = [...d.alerts].sort((a, b) => b.faults - a.faults)[0];
    expect(burst.faults).toBeGreaterThanOrEqual(40);
  });

  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`shows the Pareto, drills down to orders, and one alert for the model that jumped (${lang})`, async () => {
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'manager');
      await openFromBar(page, t.quality.nav);
      await page.getByRole('heading', { level: 1, name: t.quality.title }).waitFor();
      // The Pareto chart is drawn (ECharts, SVG) with its bars.
      const chart = page.locator('figure.chart').filter({ has: page.getByRole('heading', { name: t.quality.pareto }) });
      await chart.locator('.chart-box svg').waitFor();
      // A bar per cause (besides the axes' lines).
      await expect.poll(() => chart.locator('.chart-box svg path').count()).toBeGreaterThan(5);
      // The model whose faults jumped last month shows one alert.
      const alerts = page.getByTestId('quality-alert').filter({ hasText: burst.modelName });
      await alerts.first().waitFor();
      expect(await alerts.count()).toBe(1);
      expect(await alerts.first().textContent()).toContain(burst.month);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `quality-dashboard-${lang}`);

      // The largest cause's orders.
      const pareto = page.getByRole('region', { name: t.quality.paretoTable });
      await pareto.getByRole('button', { name: t.quality.orders }).first().click();
      const firstCause = (await pareto.locator('tbody tr th').first().textContent())!.trim().split(' ')[0];
      const drill = page.getByRole('region', { name: t.quality.causeOrders.replace('{{cause}}', firstCause) });
      await drill.locator('tbody tr a').first().waitFor();
      expect(await drill.locator('tbody tr').count()).toBeGreaterThan(0);
      await drill.getByRole('button', { name: t.quality.close }).click();

      // Faults by part: the demo's repairs that used a part (its old part owed back) show under it, and drill down to them.
      const byPart = page.getByRole('region', { name: t.quality.byPart });
      const partRows = byPart.getByTestId('quality-part-row').filter({ hasNotText: t.quality.noPart });
      await partRows.first().waitFor();
      const partName = (await partRows.first().locator('th').textContent())!.trim();
      await partRows.first().getByRole('button', { name: t.quality.orders }).click();
      const partDrill = page.getByRole('region', { name: t.quality.partOrders.replace('{{part}}', partName) });
      await partDrill.locator('tbody tr a').first().waitFor();
      expect(await partDrill.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `quality-by-part-${lang}`);
      await partDrill.getByRole('button', { name: t.quality.close }).click();

      // The drain pump's alert: last month's repairs that replaced it.
      const partAlert = page.getByTestId('quality-alert').filter({ hasText: pumps.name });
      expect(await partAlert.count()).toBe(1);
      expect(await partAlert.textContent()).toContain(period);
      await partAlert.getByRole('button', { name: t.quality.orders }).click();
      const pumpDrill = page.getByRole('region', { name: t.quality.partAlertOrders.replace('{{month}}', period) });
      await pumpDrill.locator('tbody tr a').first().waitFor();
      const listed = await pumpDrill.locator('tbody tr a').allTextContents();
      expect(listed).toEqual(expect.arrayContaining(pumps.numbers));
      await shoot(page, `quality-part-alert-${lang}`);
      await pumpDrill.getByRole('button', { name: t.quality.close }).click();

      // The alert's orders: the burst, every one a repair of that model in that month.
      await alerts.first().getByRole('button', { name: t.quality.orders }).click();
      const month = (await alerts.first().textContent())!.match(/\d{4}-\d{2}/)![0];
      const alertDrill = page.getByRole('region', { name: t.quality.alertOrders.replace('{{month}}', month) });
      await alertDrill.locator('tbody tr a').first().waitFor();
      expect(await alertDrill.locator('tbody tr').count()).toBeGreaterThanOrEqual(40);
      await shoot(page, `quality-alert-orders-${lang}`);
      const number = (await alertDrill.locator('tbody tr a').first().textContent())!;
      await alertDrill.locator('tbody tr a').first().click();
      await page.waitForURL(/\/app\/orders\//);
      await page.getByText(number).first().waitFor();
      await context.close();
    }, 300_000);
  }
});
