// One source's drill-down statement EXPLAINed (ANALYZE, BUFFERS) for one provider or technician of the bench's database.
// usage: tsx bench/scorecard/explain-one.ts DB SOURCE provider|technician N   (SOURCE e.g. visits_per_technician_day; N the seed's number)
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/database.js';
import * as repo from '../../src/modules/scorecard/scorecard.repo.js';

const [db, source, level, n] = process.argv.slice(2);
const database = await openDatabase({ engine: 'postgres', url: `postgres://postgres@127.0.0.1:5432/${db}`, poolSize: 1 });
const key = `00000000-0000-4000-${level === 'provider' ? 'c200' : 'c300'}-${Number(n).toString(16).padStart(12, '0')}`;
const statement = repo.drillSql({ month: '2025-12', source: source as repo.SourceName, filter: { level: level as 'provider', key }, limit: 50, offset: 0 })!;
const r = await database.db.execute(sql`explain (analyze, buffers) ${statement}`);
console.log((r as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((x) => x['QUERY PLAN']).join('\n'));
await database.close();
