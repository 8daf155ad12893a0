// A vitest reporter for CI: the errors of suites and files that failed outside their tests (a hook,
// an import), which vitest's JSON report leaves out, as "file: message" lines in the file named by
// CI_HOOK_ERRORS, so the end of the CI log can name them.
import { appendFileSync } from 'node:fs';

export default class HookErrors {
  onFinished(files = []) {
    const out = process.env.CI_HOOK_ERRORS;
    if (!out) return;
    const walk = (task, file) => {
      if (task.type !== 'test' && task.result?.state === 'fail') {
        for (const e of task.result.errors ?? []) appendFileSync(out, `${file}${task.type === 'suite' ? ` > ${task.name}` : ''}: ${String(e.message ?? e).split('\n')[0].slice(0, 300)}\n`);
      }
      for (const child of task.tasks ?? []) walk(child, file);
    };
    for (const f of files) walk(f, f.filepath);
  }
}
