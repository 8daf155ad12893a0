// The webhooks area's face: subscriptions with their delivery log and replay.
export { WebhooksPage } from './Webhooks';
