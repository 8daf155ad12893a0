// `aftercare solve FILE [--format vroom|solomon] [--objective hierarchical|travel]
//   [--time-limit SECONDS] [--iterations N] [--seed N] [--threads N]`
import { readFile } from 'node:fs/promises';
import { parseProblem, type InputFormat } from './solver/formats.js';
import { ProblemError } from './solver/model.js';
import { solve } from './solver/solve.js';
import { solveInThreads } from './solve-threads.js';
import type { Objective, SolveOptions } from './solver/types.js';

const USAGE =
  'usage: aftercare solve FILE [--format vroom|solomon] [--objective hierarchical|travel] [--time-limit SECONDS] [--iterations N] [--seed N] [--threads N]\n';

export async function runSolveCommand(args: string[]): Promise<number> {
  let file: string | undefined;
  let format: InputFormat | undefined;
  const opts: SolveOptions = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = () => {
      const x = args[++i];
      if (x === undefined) throw new ProblemError(`${a} needs a value`);
      return x;
    };
    const num = () => {
      const x = Number(val());
      if (!Number.isFinite(x) || x < 0) throw new ProblemError(`${a} needs a non-negative number`);
      return x;
    };
    try {
      if (a === '--format') {
        const f = val();
        if (f !== 'vroom' && f !== 'solomon') throw new ProblemError('--format is vroom or solomon');
        format = f;
      } else if (a === '--objective') {
        const o = val();
        if (o !== 'hierarchical' && o !== 'travel') throw new ProblemError('--objective is hierarchical or travel');
        opts.objective = o as Objective;
      } else if (a === '--time-limit') opts.timeLimitMs = num() * 1000;
      else if (a === '--iterations') opts.iterations = Math.floor(num());
      else if (a === '--seed') opts.seed = Math.floor(num());
      else if (a === '--threads') opts.threads = Math.max(1, Math.floor(num()));
      else if (a === '--help' || a === '-h') {
        process.stdout.write(USAGE);
        return 0;
      } else if (a.startsWith('-')) throw new ProblemError(`unknown option ${a}`);
      else if (file === undefined) file = a;
      else throw new ProblemError(`unexpected argument ${a}`);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n${USAGE}`);
      return 2;
    }
  }
  if (!file) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (opts.timeLimitMs === undefined && opts.iterations === undefined) opts.timeLimitMs = 5000;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    const problem = parseProblem(text, format);
    const solution = (opts.threads ?? 1) > 1 ? await solveInThreads(problem, opts) : solve(problem, opts);
    process.stdout.write(`${JSON.stringify(solution)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ProblemError) {
      process.stdout.write(`${JSON.stringify({ code: 2, error: e.message })}\n`);
      return 2;
    }
    throw e;
  }
}
