// A server copy sending one care campaign, as a child process the care test kills with SIGKILL in
// the middle of the send (after its first committed chunk). Arguments: database URL, campaign id,
// the run's local date, the instant its clock stands at.
import { openDatabase } from '../src/db/database.js';
import { createCareService } from '../src/modules/care/index.js';
import { auditWith } from '../src/kernel/audit.js';

const [url, campaignId, day, now] = process.argv.slice(2);
const clock = { now: () => new Date(now) };
const database = await openDatabase({ engine: 'postgres', url });
const care = createCareService({
  db: database.db,
  clock,
  audit: auditWith(clock),
  linkKey: 'care-kill-test',
  publicUrl: 'https://care.test',
  chunkSize: 3,
  // Slow after each chunk, so the parent's kill lands while the send is under way.
  onChunk: (n) => {
    process.stdout.write(`chunk ${n}\n`);
    const until = Date.now() + 150;
    while (Date.now() < until);
  },
});
await care.run({ principal: { kind: 'system', name: 'care-child' }, address: null }, campaignId, day);
process.stdout.write('done\n');
process.exit(0);
