import { defineModule } from '../../kernel/module.js';
import * as tables from './imports.tables.js';
import { importsRoutes } from './imports.routes.js';
import { importsJobs } from './imports.jobs.js';
import { createImportsService, type ImportsDeps } from './imports.service.js';

export { createImportsService, type ImportsService } from './imports.service.js';

/** The module, as the server registers it (src/modules.ts): writes customers through their module. */
export const importsModule = defineModule({
  name: 'imports',
  tables,
  build: (d: ImportsDeps) => ({ imports: createImportsService(d) }),
  routes: (s) => importsRoutes(s.imports),
  jobs: (s) => importsJobs(s.imports),
});
