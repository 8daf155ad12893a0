// The notification bell in the top bar: how many unread, the newest news of the caller's orders,
// mark one (by opening it) or all read. Kept per user on the server, so a reload keeps them; news
// arriving on the live stream refetches the list.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useLiveConnected, useLiveEvents } from '../../shared/live';
import { useLoad } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import type { LiveEvent } from '../../shared/types';
import { listNotifications, markAllRead, markRead } from './api';

export function Bell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const location = useLocation();
  const state = useLoad(() => listNotifications(20), []);
  useLiveEvents(null, () => state.reload());
  const live = useLiveConnected();
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const data = state.data;
  const unread = data?.unread ?? 0;
  const shown = data?.unreadCapped ? '99+' : String(unread);

  return (
    <div className="bell">
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} data-unread={unread} data-live={live ? 'open' : 'closed'} title={live ? t('live.connected') : t('live.disconnected')}>
        {/* Drawn, not a character: the console's fonts have no bell glyph (it showed as a box). */}
        <svg className="bell-icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="16" height="16">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>{' '}
        <span className="bell-label">{t('live.bell')}</span>
        {unread > 0 && (
          <span className="bell-count">
            {shown}
            <span className="visually-hidden"> {t('live.unreadSuffix')}</span>
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="bell-panel" aria-label={t('live.title')}>
          <div className="bell-head">
            <h2>{t('live.title')}</h2>
            <button
              type="button"
              disabled={unread === 0}
              onClick={async () => {
                await markAllRead();
                state.reload();
              }}
            >
              {t('live.markAll')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('live.close')}
            </button>
          </div>
          {data && data.items.length === 0 && <p>{t('live.none')}</p>}
          <ul>
            {data?.items.map((n) => (
              <li key={n.seq} className={n.read ? 'read' : 'unread'}>
                <Link
                  to={`/app/orders/${n.orderId}`}
                  onClick={() => {
                    if (!n.read) void markRead([n.seq]).then(() => state.reload(), () => undefined);
                  }}
                >
                  {!n.read && <span className="visually-hidden">{t('live.unread')}: </span>}
                  <strong>{t(`liveKind.${n.kind}`)}</strong> · {t('live.order', { number: n.orderNumber })}
                  {line(n, t) && <> · {line(n, t)}</>}
                </Link>
                <time dateTime={n.occurredAt}>{dateTime(n.occurredAt)}</time>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function line(n: LiveEvent, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (n.kind === 'confirmed') return n.detail.by === 'customer' ? t('live.byCustomer') : t('live.byStaff');
  if ((n.kind === 'promise_warning' || n.kind === 'promise_escalated') && n.detail.dueAt) return t('live.due', { when: dateTime(n.detail.dueAt) });
  if (n.kind === 'booked' && n.detail.from) return dateTime(n.detail.from);
  return '';
}
