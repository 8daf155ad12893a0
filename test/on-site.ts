// What the parts and settlement tests share: an order of the seeded (in-warranty) unit taken on
// site by technician 0, and a status check that says what came back when it is not the one expected.
import { manualClock, seedWorld, systemCaller, type TestApp } from './harness.js';

/** The body of an answer with the status expected; otherwise the answer, to read in the failure. */
export async function ok(res: { status: number; body: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An order of the seeded unit, dispatched to provider A, booked on `day` (02:00–`until`) and checked in at 02:10 by technician 0. */
export async function onSiteOrder(t: TestApp, w: Awaited<ReturnType<typeof seedWorld>>, clock: ReturnType<typeof manualClock>, day: string, opts: { symptom?: string; until?: string } = {}) {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: opts.symptom ?? '不制冷 / does not cool', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `${day}T02:00:00Z`, to: `${day}T${opts.until ?? '03:59'}:00Z` });
  clock.set(new Date(`${day}T02:10:00Z`));
  return s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
}
