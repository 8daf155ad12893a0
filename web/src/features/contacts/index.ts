// The contacts area's face: the timeline panel on the customer page (console) and "my suggestions" (portal).
export { ContactTimeline } from './Timeline';
export { PortalSuggestions } from './PortalSuggestions';
