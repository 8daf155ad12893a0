#!/usr/bin/env node
// The `aftercare` command: start | migrate | demo | geocode | solve | backup | restore
import { readConfig } from './config/config.js';

const usage = `usage: aftercare <command>
  start [--demo-if-empty]   run the server (embedded database unless DATABASE_URL is set)
  migrate                   apply database migrations
  demo [--seed N]           load the demo data set into an empty database
  demo --scale national [--customers N]
                            a national maker on PostgreSQL (DATABASE_URL): 1,000,000 customers, 3,000,000 units,
                            5,000,000 orders, 500 providers, 10,000 technicians; --customers N keeps the proportions
  geocode                   place every address without coordinates now (the hourly backfill job, at once)
  solve FILE [options]      plan routes for a VROOM or Solomon problem file
  backup FILE               copy the embedded database (server stopped) into FILE (.tar.gz)
  restore FILE              load a backup into an empty data directory (AFTERCARE_DATA_DIR)
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(command: string, args: string[]): Promise<number | undefined> {
  switch (command) {
    case 'start': {
      const { startServer } = await import('./main.js');
      await startServer(readConfig(), { loadDemoIfEmpty: args.includes('--demo-if-empty') });
      return undefined;
    }
    case 'migrate': {
      const { openConfiguredDatabase } = await import('./main.js');
      const database = await openConfiguredDatabase(readConfig());
      await database.migrate();
      await database.close();
      process.stdout.write('Migrations applied / 数据库已迁移\n');
      return 0;
    }
    case 'demo': {
      const { openConfiguredDatabase } = await import('./main.js');
      const { loadDemo, isEmpty, demoSignIn } = await import('./demo/demo.js');
      const database = await openConfiguredDatabase(readConfig());
      await database.migrate();
      if (!(await isEmpty(database))) {
        process.stderr.write('The database already holds data; demo data goes only into an empty one / 数据库非空，未载入演示数据\n');
        await database.close();
        return 1;
      }
      const scale = flag(args, '--scale');
      if (scale !== undefined && scale !== 'national') {
        process.stderr.write('--scale takes only "national" / --scale 只能是 national\n');
        await database.close();
        return 2;
      }
      const seed = Number(flag(args, '--seed') ?? 2026);
      const counts = scale
        ? await (await import('./demo/national-demo.js')).loadNationalDemo(database, { seed, customers: Number(flag(args, '--customers') ?? 1_000_000), log: (line) => process.stdout.write(`${line}\n`) })
        : await loadDemo(database, { seed });
      await database.close();
      process.stdout.write(`Demo loaded / 演示数据已载入: ${JSON.stringify(counts)}\n${demoSignIn}\n`);
      return 0;
    }
    case 'geocode': {
      const config = readConfig();
      const { openConfiguredDatabase } = await import('./main.js');
      const { createServices } = await import('./server/services.js');
      const { systemClock } = await import('./shared/clock.js');
      const database = await openConfiguredDatabase(config);
      await database.migrate();
      const placed = await createServices(database, systemClock, { geocoder: config.geocoder }).geocoding.backfill();
      await database.close();
      process.stdout.write(`Placed / 已定位: ${placed.addresses} addresses 地址, ${placed.orders} orders 工单\n`);
      return 0;
    }
    case 'solve': {
      const { runSolveCommand } = await import('./modules/dispatch/solve.command.js');
      return runSolveCommand(args);
    }
    case 'backup':
    case 'restore': {
      const config = readConfig();
      const file = args[0];
      if (!file) break;
      if (config.databaseUrl) {
        process.stderr.write('DATABASE_URL is set: back up PostgreSQL with pg_dump / pg_restore (README) / PostgreSQL 请用 pg_dump / pg_restore\n');
        return 1;
      }
      const { resolve } = await import('node:path');
      const { backupPglite, restorePglite } = await import('./db/backup.js');
      if (command === 'backup') {
        const bytes = await backupPglite(resolve(config.dataDir), file);
        process.stdout.write(`Backup written / 备份已写入: ${file} (${bytes} bytes)\n`);
      } else {
        await restorePglite(file, resolve(config.dataDir));
        process.stdout.write(`Restored into / 已恢复到: ${resolve(config.dataDir)}\n`);
      }
      return 0;
    }
  }
  process.stderr.write(usage);
  return 2;
}

const [command = 'start', ...args] = process.argv.slice(2);
main(command, args).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err) => {
    // A failed query's stack names the statement; its cause says what the database objected to.
    const cause = err instanceof Error && err.cause instanceof Error ? `\ncaused by: ${err.cause.message}` : '';
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}${cause}\n`);
    process.exitCode = 1;
  },
);
