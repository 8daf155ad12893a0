import { defineModule } from '../../kernel/module.js';
import * as tables from './workspace.tables.js';
import { workspaceRoutes } from './workspace.routes.js';
import { createWorkspaceService, type WorkspaceDeps } from './workspace.service.js';

export { createWorkspaceService, type WorkspaceService } from './workspace.service.js';

/** The module, as the server registers it (src/modules.ts): after the modules whose records its queue reads (work orders, follow-ups, complaints). */
export const workspaceModule = defineModule({
  name: 'workspace',
  tables,
  build: (d: WorkspaceDeps) => ({ workspace: createWorkspaceService(d) }),
  routes: (s) => workspaceRoutes(s.workspace),
});
