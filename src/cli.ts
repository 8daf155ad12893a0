#!/usr/bin/env node
// The `aftercare` command: start | migrate | demo | solve
const [command = 'start', ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case 'solve': {
      const { runSolveCommand } = await import('./modules/dispatch/solver/solve.command.js');
      return runSolveCommand(args);
    }
    default:
      process.stderr.write(`unknown command: ${command}\nusage: aftercare start|migrate|demo|solve\n`);
      return 2;
  }
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
