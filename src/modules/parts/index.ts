import { defineModule } from '../../kernel/module.js';
import * as tables from './parts.tables.js';
import { partsRoutes } from './parts.routes.js';
import { returnsRoutes } from './parts.returns.routes.js';
import { createPartsService, type PartsDeps } from './parts.service.js';
import { createReturnsService } from './parts.returns.service.js';

export { createPartsService, type PartsService } from './parts.service.js';
export { createReturnsService, type ReturnsService } from './parts.returns.service.js';
/** For imports: a batch of catalogue rows written by part number. */
export { writeImportedParts, type ImportedPart } from './parts.imported.repo.js';
/** For settlement (a measure and a hold) and fraud (a signal): old parts late, missing or still awaited. */
export { oldPartLateOrMissingSql, oldPartAwaitedSql, oldPartsNotReturned } from './parts.returns.repo.js';

/** The module, as the server registers it (src/modules.ts): after fees, which prices the parts used on an order. */
export const partsModule = defineModule({
  name: 'parts',
  tables,
  build: (d: PartsDeps) => {
    const parts = createPartsService(d);
    return { parts, partReturns: createReturnsService({ db: d.db, clock: d.clock, audit: d.audit, move: parts.moveIn }) };
  },
  routes: (s) => returnsRoutes(partsRoutes(s.parts), s.partReturns),
});
