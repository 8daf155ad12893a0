// Standing guard (issue 14): kill -9 under load loses nothing acknowledged. The real server takes
// intakes and plan-applies from 16 clients, is killed with SIGKILL mid-load and restarted on the
// same database; every acknowledged intake must be stored exactly once, no plan half applied, and
// a job queued before the kill must run after the restart. One short round on the engine under
// test; bench/durability/run.ts runs longer rounds on both.
import { describe, expect, it } from 'vitest';
import { engine } from './harness.js';
import { durabilityRound } from '../bench/durability/durability.js';

describe(`kill -9 under load on ${engine}`, () => {
  it('keeps every acknowledged intake once, applies plans whole or not at all, and resumes the queue', async () => {
    const r = await durabilityRound({ engine, loadSeconds: 3, clients: 16, pgUrl: process.env.TEST_DATABASE_URL });
    console.log(`durability ${engine}: ${JSON.stringify(r)}`);
    expect(r.acknowledged).toBeGreaterThan(0);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.appliesLost).toBe(0);
    expect(r.halfApplied).toBe(0);
    expect(r.servedAfterRestart).toBe(true);
    expect(r.queueNote).toBe('marker job ran after the restart');
  }, 300_000);
});
