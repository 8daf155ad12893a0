import { expect } from 'vitest';
import type { TestApp } from './harness.js';

/** Takes one work-order step over HTTP; the test fails, naming the step and the answer, unless it is allowed. */
export async function takeStep(t: TestApp, order: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) {
  const res = await t.post(`/work-orders/${order.id}/${action}`, { version: order.version, ...body });
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}
