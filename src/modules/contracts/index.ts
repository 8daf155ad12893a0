import { defineModule } from '../../kernel/module.js';
import * as tables from './contracts.tables.js';
import { contractsRoutes } from './contracts.routes.js';
import { contractsJobs } from './contracts.jobs.js';
import { createContractsService, type ContractsDeps } from './contracts.service.js';
import type { Queryable } from '../../db/database.js';
import { activeContractsOn } from './contracts.repo.js';
import { coverOn } from './contracts.rules.js';

export { createContractsService, type ContractsService, DAILY_JOB as CONTRACTS_DAILY_JOB } from './contracts.service.js';
export { customerContractView, customerContractsView, toCustomerContract, type ContractView } from './contracts.contract.js';
export { contractSpendByCustomer } from './contracts.repo.js';

/** A unit's paid cover on a day, for units' warranty answer (the root passes it as a bridge: units come first). */
export async function contractCoverOf(q: Queryable, unitId: string, onDay: string) {
  const c = coverOn(await activeContractsOn(q, unitId, onDay), onDay);
  return c ? { contractId: c.id, kind: c.kind, endsOn: c.endsOn, labour: c.coversLabour, parts: c.coversParts, partCodes: c.partCodes ?? null } : null;
}

/** The module, as the server registers it (src/modules.ts): after units (the units sold for) and work orders (the maintenance orders it makes). */
export const contractsModule = defineModule({
  name: 'contracts',
  tables,
  build: (d: ContractsDeps) => ({ contracts: createContractsService(d) }),
  routes: (s) => contractsRoutes(s.contracts),
  jobs: (s) => contractsJobs(s.contracts),
});
