import { defineModule } from '../../kernel/module.js';
import * as tables from './geocoding.tables.js';
import { geocodingJobs } from './geocoding.jobs.js';
import type { GeocodingService } from './geocoding.service.js';

export { createGeocodingService, type GeocodingService, PLACE_JOB, BACKFILL_JOB } from './geocoding.service.js';
export { createHttpGeocoder, GeocoderUnavailable } from './geocoding.http.js';
export { geocoderStyles, type GeocoderSettings, type Placement } from './geocoding.rules.js';

/** The module, as the server registers it (src/modules.ts): no tables of its own, only jobs. */
export const geocodingModule = defineModule<{ geocoding: GeocodingService }>({
  name: 'geocoding',
  tables,
  jobs: (s) => geocodingJobs(s.geocoding),
});
