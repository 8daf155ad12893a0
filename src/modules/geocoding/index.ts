import { defineModule } from '../../kernel/module.js';
import * as tables from './geocoding.tables.js';
import { geocodingJobs } from './geocoding.jobs.js';
import { createGeocodingService, type GeocodingDeps } from './geocoding.service.js';
import { createHttpGeocoder } from './geocoding.http.js';
import type { GeocoderSettings } from './geocoding.rules.js';
import type { JobQueue } from '../../jobs/queue.js';

export { createGeocodingService, type GeocodingService, PLACE_JOB, BACKFILL_JOB } from './geocoding.service.js';
export { createHttpGeocoder, GeocoderUnavailable } from './geocoding.http.js';
export { geocoderStyles, type GeocoderSettings, type Placement } from './geocoding.rules.js';

/** The module, as the server registers it (src/modules.ts): no tables of its own, only jobs. */
export const geocodingModule = defineModule({
  name: 'geocoding',
  tables,
  // Built first: customers and dispatch ask it to place addresses; it follows orders accepted without a position.
  build: (d: Pick<GeocodingDeps, 'db' | 'clock'> & { jobs: Pick<JobQueue, 'enqueue'>; options: { geocoder?: GeocoderSettings | null } }) => {
    const geocoding = createGeocodingService({ db: d.db, clock: d.clock, enqueue: d.jobs.enqueue, http: d.options.geocoder ? createHttpGeocoder(d.options.geocoder) : null, warn: (m) => process.stderr.write(`${m}\n`) });
    return { geocoding };
  },
  followers: (s) => [s.geocoding.orderFollower],
  jobs: (s) => geocodingJobs(s.geocoding),
});
