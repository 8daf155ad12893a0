// The one registration point: every module, once, in the order their services are built (each
// after the ones it reads; the compiler checks). The root builds them, mounts their routes and
// starts their job workers from this list; a test checks each module folder is on it.
import { moduleList } from './kernel/module.js';
import type { ModuleBase } from './server/base.js';
import type { OrderFollower } from './modules/work-orders/index.js';
import { accessModule } from './modules/access/index.js';
import { customersModule } from './modules/customers/index.js';
import { catalogModule } from './modules/catalog/index.js';
import { networkModule } from './modules/network/index.js';
import { trainingModule } from './modules/training/index.js';
import { unitsModule } from './modules/units/index.js';
import { workOrdersModule } from './modules/work-orders/index.js';
import { liveModule } from './modules/live/index.js';
import { notificationsModule } from './modules/notifications/index.js';
import { promisesModule } from './modules/promises/index.js';
import { geocodingModule } from './modules/geocoding/index.js';
import { evidenceModule } from './modules/evidence/index.js';
import { dispatchModule } from './modules/dispatch/index.js';
import { returnsModule } from './modules/returns/index.js';
import { feesModule } from './modules/fees/index.js';
import { disputesModule } from './modules/disputes/index.js';
import { fraudModule } from './modules/fraud/index.js';
import { partsModule } from './modules/parts/index.js';
import { followUpsModule } from './modules/follow-ups/index.js';
import { complaintsModule } from './modules/complaints/index.js';
import { settlementModule } from './modules/settlement/index.js';
import { qualityModule } from './modules/quality/index.js';
import { auditsModule } from './modules/audits/index.js';
import { staffVoiceModule } from './modules/staff-voice/index.js';
import { scorecardModule } from './modules/scorecard/index.js';
import { contactsModule } from './modules/contacts/index.js';
import { careModule } from './modules/care/index.js';
import { contractsModule } from './modules/contracts/index.js';
import { loyaltyModule } from './modules/loyalty/index.js';
import { webhooksModule } from './modules/webhooks/index.js';
import { calendarFeedsModule } from './modules/calendar-feeds/index.js';
import { importsModule } from './modules/imports/index.js';
import { workspaceModule } from './modules/workspace/index.js';

export const modules = moduleList<ModuleBase, OrderFollower>()
  .add(accessModule)
  .add(geocodingModule)
  .add(customersModule)
  .add(catalogModule)
  .add(networkModule)
  .add(trainingModule)
  .add(unitsModule)
  .add(workOrdersModule)
  // Before promises: their alerts are news too.
  .add(liveModule)
  .add(evidenceModule)
  .add(notificationsModule)
  .add(promisesModule)
  .add(dispatchModule)
  .add(feesModule)
  .add(returnsModule)
  .add(disputesModule)
  .add(partsModule)
  .add(followUpsModule)
  .add(fraudModule)
  .add(complaintsModule)
  // Before settlement: its measures read audits.
  .add(auditsModule)
  .add(settlementModule)
  .add(qualityModule)
  .add(staffVoiceModule)
  .add(scorecardModule)
  .add(contactsModule)
  .add(careModule)
  .add(contractsModule)
  .add(loyaltyModule)
  .add(webhooksModule)
  .add(calendarFeedsModule)
  .add(importsModule)
  .add(workspaceModule);
