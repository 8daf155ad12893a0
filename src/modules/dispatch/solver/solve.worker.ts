import { parentPort, workerData } from 'node:worker_threads';
import { solve } from './solve.js';

parentPort!.postMessage(solve(workerData.problem, workerData.options));
