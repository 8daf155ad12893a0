// Live news from the server (GET /live/stream, server-sent events): one connection per console tab,
// shared by every page that listens. The browser reconnects by itself and sends Last-Event-ID, so
// the server replays what was missed. Pages call `useLiveEvents` to refetch when news arrives.
import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from './types';

type Listener = { kinds: readonly string[] | null; orderId: string | null; on: (e: LiveEvent) => void };

const listeners = new Set<Listener>();
let source: EventSource | null = null;
/** Whether the stream is open now; those who show it are told when that changes. */
let connected = false;
const watchers = new Set<(open: boolean) => void>();
function setConnected(open: boolean) {
  if (open === connected) return;
  connected = open;
  for (const w of watchers) w(open);
}

function connect() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/live/stream', { withCredentials: true });
  // The server's first event says the stream is in place (and on each reconnect).
  source.addEventListener('ready', () => setConnected(true));
  source.addEventListener('error', () => setConnected(false));
  source.addEventListener('order', (m) => {
    let e: LiveEvent;
    try {
      e = JSON.parse((m as MessageEvent<string>).data) as LiveEvent;
    } catch {
      return;
    }
    for (const l of listeners) if ((!l.kinds || l.kinds.includes(e.kind)) && (!l.orderId || l.orderId === e.orderId)) l.on(e);
  });
}

function disconnectIfIdle() {
  if (listeners.size > 0 || !source) return;
  source.close();
  source = null;
  setConnected(false);
}

/** Whether live news is arriving now (the bell shows it). */
export function useLiveConnected(): boolean {
  const [open, setOpen] = useState(connected);
  useEffect(() => {
    watchers.add(setOpen);
    setOpen(connected);
    return () => void watchers.delete(setOpen);
  }, []);
  return open;
}

/**
 * Calls `onEvent` for each piece of news of the kinds given (null: every kind), about one order
 * when `orderId` is given, while the calling component is shown.
 */
export function useLiveEvents(kinds: readonly string[] | null, onEvent: (e: LiveEvent) => void, orderId: string | null = null) {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  const key = kinds ? kinds.join(',') : '*';
  useEffect(() => {
    const l: Listener = { kinds, orderId, on: (e) => latest.current(e) };
    listeners.add(l);
    connect();
    return () => {
      listeners.delete(l);
      // After the page's own effects: a page replaced by another keeps the one connection.
      setTimeout(disconnectIfIdle, 0);
    };
    // `kinds` is compared by value (its key).
  }, [key, orderId]);
}
