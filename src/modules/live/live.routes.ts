import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { createRouter } from '../../http/router.js';
import { errorResponses, jsonBody, jsonResponse } from '../../http/schemas.js';
import { markReadRequest, markedView, notificationsQuery, notificationsView } from './live.contract.js';
import { liveErrors } from './live.errors.js';
import { toLiveEvent, type LiveService } from './live.service.js';

const tags = ['Live 实时通知'];

export function liveRoutes(service: LiveService, settings: { heartbeatMs: number }) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/live/stream',
      tags,
      summary: 'Server-sent events: news of the orders in the caller\u2019s scope (event `order`, id = the notification\u2019s seq); Last-Event-ID replays what was missed; a comment every 15 s keeps it open',
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const header = c.req.header('last-event-id');
      if (header !== undefined && !/^\d{1,15}$/.test(header.trim())) throw liveErrors.badLastEventId();
      const lastEventId = header === undefined ? null : Number(header.trim());
      const caller = c.get('caller');
      // Refused before the stream starts, so the refusal is a 403 and not an empty stream.
      service.reader(caller);
      c.header('cache-control', 'no-store');
      c.header('x-accel-buffering', 'no');
      return streamSSE(c, async (stream) => {
        let end = () => undefined as void;
        const ended = new Promise<void>((ok) => (end = ok));
        stream.onAbort(end);
        const opened = await service.open(
          caller,
          lastEventId,
          async (events) => {
            for (const e of events) await stream.writeSSE({ event: 'order', id: String(e.seq), data: JSON.stringify(toLiveEvent(e)) });
          },
          end,
        );
        await stream.writeSSE({ event: 'ready', retry: 3000, data: JSON.stringify({ unread: opened.unread, unreadCapped: opened.unreadCapped }) });
        const beat = setInterval(() => void stream.write(': ping\n\n').catch(end), settings.heartbeatMs);
        await ended;
        clearInterval(beat);
        opened.remove();
      }) as never;
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/live/notifications', tags, summary: 'The caller\u2019s notifications, newest first, and how many are unread', request: { query: notificationsQuery }, responses: { 200: jsonResponse(notificationsView, 'Notifications'), ...errorResponses } }),
    async (c) => c.json(await service.notifications(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/live/notifications/read', tags, summary: 'Mark these notifications read', request: jsonBody(markReadRequest), responses: { 200: jsonResponse(markedView, 'Marked'), ...errorResponses } }),
    async (c) => c.json(await service.markRead(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/live/notifications/read-all', tags, summary: 'Mark every notification so far read', responses: { 200: jsonResponse(markedView, 'Marked'), ...errorResponses } }),
    async (c) => c.json(await service.markAllRead(c.get('caller')), 200),
  );
  return r;
}
