// The demo's quality facts: cause codes classified by whose they are (the demo's fault tree marks
// installation causes in their English name), and the alerts the demo's orders raise (demo.ts puts a
// burst of repairs of its best-selling model in last month, so the dashboard shows that alert).
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { createQualityService } from '../modules/quality/index.js';
import { previousMonth } from '../modules/quality/quality.rules.js';
import { auditWith } from '../kernel/audit.js';
import type { Clock } from '../shared/clock.js';

export async function loadQualityDemo(database: Database, now: Date): Promise<Record<string, number>> {
  const db = database.db;
  const month = previousMonth(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10));
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into quality_cause_origins (cause_code, origin, updated_by, updated_at)
      select code, case when name_en like '%(installation)%' then 'installation' else 'product' end, 'demo', ${now} from fault_codes where level = 'cause'
      on conflict do nothing`);
  });
  const clock: Clock = { now: () => now };
  const quality = createQualityService({ db, clock, audit: auditWith(clock) });
  const alerts = await quality.raiseAlerts(month);
  return { quality_alerts: alerts };
}
