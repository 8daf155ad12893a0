import { defineModule } from '../../kernel/module.js';
import * as tables from './calendar-feeds.tables.js';
import { calendarFeedsRoutes } from './calendar-feeds.routes.js';
import { createCalendarFeedsService, type CalendarFeedsDeps } from './calendar-feeds.service.js';

export { createCalendarFeedsService, type CalendarFeedsService } from './calendar-feeds.service.js';

/** The module, as the server registers it (src/modules.ts): reads network and work orders. */
export const calendarFeedsModule = defineModule({
  name: 'calendar-feeds',
  tables,
  build: (d: CalendarFeedsDeps) => ({ calendarFeeds: createCalendarFeedsService(d) }),
  routes: (s) => calendarFeedsRoutes(s.calendarFeeds),
});
