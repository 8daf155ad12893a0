import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { feedCreate, feedQuery, feedView, feedWithUrl } from './calendar-feeds.contract.js';
import type { CalendarFeedsService } from './calendar-feeds.service.js';

const tags = ['Calendar feeds 日历订阅'];

export function calendarFeedsRoutes(service: CalendarFeedsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/calendar-feeds', tags, summary: "A new iCalendar link for a technician's booked visits or a provider's days (the old link stops working); the address is shown once", request: jsonBody(feedCreate), responses: { 201: jsonResponse(feedWithUrl, 'Feed'), ...errorResponses } }),
    async (c) => c.json(await service.create(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/calendar-feeds', tags, summary: "The technician's or provider's live feed, if any", request: { query: feedQuery }, responses: { 200: jsonResponse(z.object({ items: z.array(feedView) }), 'Feeds'), ...errorResponses } }),
    async (c) => c.json(await service.live(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/calendar-feeds/{id}/revoke', tags, summary: 'Revoke a feed: its address answers 404 from now on', request: { params: idParam }, responses: { 200: jsonResponse(feedView.extend({ revokedAt: z.string() }), 'Revoked'), ...errorResponses } }),
    async (c) => c.json(await service.revoke(c.get('caller'), c.req.valid('param').id), 200),
  );
  // The feed itself, for calendar apps (no sign-in: the token is the key). Not in the API document.
  r.get('/calendar-feeds/:file{[A-Za-z0-9_-]{16,64}\\.ics}', async (c) => {
    const text = await service.feed(c.req.param('file').slice(0, -'.ics'.length));
    return c.body(text, 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' });
  });
  return r;
}
