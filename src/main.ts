import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import type { Config } from './config/config.js';
import { openDatabase, type Database } from './db/database.js';
import { createServices, moduleJobs } from './server/services.js';
import { createHttpApp } from './server/http.js';
import { systemClock } from './shared/clock.js';
import { sharedSecretKey } from './modules/access/index.js';
import { createLogger } from './shared/log.js';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ engine: 'postgres', url: config.databaseUrl })
    : openDatabase({ engine: 'pglite', dataDir: resolve(config.dataDir) });
}

export async function startServer(config: Config, options: { loadDemoIfEmpty: boolean }) {
  const database = await openConfiguredDatabase(config);
  await database.migrate();
  const log = createLogger();
  const services = createServices(database, systemClock, {
    queue: { log },
    secretKey: await sharedSecretKey(database.db, config.secretKey),
    travel: config.travel,
    // Two seeds in worker threads: the server keeps answering while a day is planned.
    planBudget: { timeLimitMs: config.planSeconds * 1000, iterations: 10_000_000, threads: 2 },
    checkInFarMetres: config.checkInFarMetres,
    checkInToleranceMinutes: config.checkInToleranceMinutes,
    checkInFarApproximateMetres: config.checkInFarApproximateMetres,
    geocoder: config.geocoder,
    photoLimitBytes: config.photoLimitBytes,
    disputeReviewHours: config.disputeReviewHours,
    surveyWaitDays: config.surveyWaitDays,
    messaging: config.messaging,
    bookingRules: config.bookingRules,
    publicUrl: config.publicUrl,
    navApp: config.navApp,
    map: config.map,
  });
  if (config.messaging.sms.kind === 'log') process.stdout.write('SMS are written to this log, not sent (see AFTERCARE_SMS_CHANNEL) / 短信仅写入日志，未实际发送\n');
  if (options.loadDemoIfEmpty) {
    const { loadDemo, isEmpty, demoSignIn } = await import('./demo/demo.js');
    if (await isEmpty(database)) {
      process.stdout.write('Empty database: loading demo data / 空数据库：正在载入演示数据…\n');
      const counts = await loadDemo(database, { seed: 2026 });
      process.stdout.write(`Demo loaded / 演示数据已载入: ${JSON.stringify(counts)}\n${demoSignIn}\n`);
    }
  }
  // Every copy works the queue; a job is taken by one copy, a schedule fires on one.
  await services.jobs.start(moduleJobs(services));
  const app = createHttpApp(services, { bodyLimitBytes: config.bodyLimitBytes, access: { secureCookies: config.secureCookies, trustedProxies: config.trustedProxies }, log, mapTiles: config.map?.tiles, mapSubdomains: config.map?.subdomains });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite ${resolve(config.dataDir)}`;
  process.stdout.write(`Aftercare listening on http://localhost:${config.port} (${where}) / 已启动\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Finish requests in flight, then close the database so every commit is on disk. Live streams
    // never finish on their own: end them first, or server.close would wait for them forever.
    const closed = new Promise<void>((ok) => server.close(() => ok()));
    await services.live.stop();
    await closed;
    await services.jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { server, database, services };
}
