export { enqueueMessage, createNotificationsService, type NotificationsService, type OutgoingMessage } from './notifications.service.js';
export { notificationsRoutes } from './notifications.routes.js';
