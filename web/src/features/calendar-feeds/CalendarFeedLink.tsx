import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, FormError, useLoad } from '../../shared/ui';
import { useSubmit } from '../../shared/submit';
import { liveFeed, newFeed, revokeFeed, type FeedWithUrl } from './api';

/** A technician's calendar link: make it (shown once, to copy into a calendar app), or revoke it. */
export function CalendarFeedLink({ technicianId }: { technicianId: string }) {
  const { t } = useTranslation();
  const live = useLoad(() => liveFeed(technicianId), [technicianId]);
  const [made, setMade] = useState<FeedWithUrl | null>(null);
  const create = useSubmit(async () => setMade(await newFeed(technicianId)), live.reload);
  const revoke = useSubmit(async () => {
    const current = live.data?.items[0];
    if (current) await revokeFeed(current.id);
    setMade(null);
  }, live.reload);
  const url = made ? new URL(made.url, window.location.origin).toString() : null;
  return (
    <section aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">{t('calendarFeed.title')}</h2>
      <p className="muted">{t('calendarFeed.intro')}</p>
      <Async state={live}>
        {(feeds) => (
          <>
            {url && (
              <p>
                <label htmlFor="calendar-feed-url">{t('calendarFeed.link')}</label>
                <input id="calendar-feed-url" readOnly value={url} onFocus={(e) => e.target.select()} />
                <button type="button" onClick={() => void navigator.clipboard?.writeText(url)}>
                  {t('calendarFeed.copy')}
                </button>
              </p>
            )}
            {!url && feeds.items[0] && <p>{t('calendarFeed.active', { since: new Date(feeds.items[0].createdAt).toLocaleString() })}</p>}
            <form onSubmit={(e) => void create.submit(e)}>
              <FormError message={create.formError()} />
              <button type="submit" disabled={create.busy}>
                {feeds.items[0] ? t('calendarFeed.replace') : t('calendarFeed.make')}
              </button>
            </form>
            {feeds.items[0] && (
              <form onSubmit={(e) => void revoke.submit(e)}>
                <FormError message={revoke.formError()} />
                <button type="submit" disabled={revoke.busy}>
                  {t('calendarFeed.revoke')}
                </button>
              </form>
            )}
          </>
        )}
      </Async>
    </section>
  );
}
