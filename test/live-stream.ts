// Reads a server-sent event stream (GET /live/stream) as a console would, for the tests.
import { expect } from 'vitest';

export type Sse = { event: string; id: string | null; data: any };

/** Opens the stream on `fetcher` (an app's `request`, or `fetch` on a real server) and collects its events. */
export async function openLiveStream(fetcher: (path: string, init: RequestInit) => Response | Promise<Response>, headers: Record<string, string>, lastEventId?: number) {
  const controller = new AbortController();
  const res = await fetcher('/live/stream', { headers: { ...headers, ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }) }, signal: controller.signal });
  expect(res.status, await (res.status === 200 ? Promise.resolve('') : res.clone().text())).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: Sse[] = [];
  let comments = 0;
  let buffer = '';
  let closed = false;
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith(':')) {
            comments += 1;
            continue;
          }
          const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]));
          events.push({ event: fields.event ?? 'message', id: fields.id ?? null, data: fields.data ? JSON.parse(fields.data) : null });
        }
      }
    } catch {
      // cancelled
    }
    closed = true;
  })();
  const orders = () => events.filter((e) => e.event === 'order').map((e) => e.data);
  return {
    events,
    orders,
    comments: () => comments,
    closed: () => closed,
    /** Waits until `ok` holds of what arrived (polling; fails after `ms`). */
    async until(ok: () => boolean, ms = 5000) {
      const end = Date.now() + ms;
      while (!ok()) {
        if (Date.now() > end) throw new Error(`stream: gave up waiting; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}
