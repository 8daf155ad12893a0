// The notifications area's page. Its client is ./api.
export { OutboxPage } from './Outbox';
