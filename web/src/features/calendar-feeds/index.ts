// The calendar feeds area's face: a technician's calendar link (make, copy, revoke), shown on the technician's page.
export { CalendarFeedLink } from './CalendarFeedLink';
