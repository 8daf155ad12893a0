import { defineModule } from '../../kernel/module.js';
import * as tables from './staff-voice.tables.js';
import { staffVoiceRoutes } from './staff-voice.routes.js';
import { createStaffVoiceService, type StaffVoiceDeps } from './staff-voice.service.js';

export { createStaffVoiceService, type StaffVoiceService } from './staff-voice.service.js';
// For the scorecard: a month's eNPS and pulse scores by group (the minimum group size respected), and suggestions made and implemented per month.
export { pulseFigures, type PulseFigures, type GroupFigure, type GroupBy } from './staff-voice.figures.js';
export { suggestionCounts } from './staff-voice.repo.js';
export { enps, pulseScore, visibleGroups } from './staff-voice.rules.js';

/** The module, as the server registers it (src/modules.ts): it reads no other module's records but the network's names. */
export const staffVoiceModule = defineModule({
  name: 'staff-voice',
  tables,
  build: (d: StaffVoiceDeps) => ({ staffVoice: createStaffVoiceService(d) }),
  routes: (s) => staffVoiceRoutes(s.staffVoice),
});
