// Happenings a module announces that modules built after it hear, inside the announcer's
// transaction (so a hearer's rows commit or roll back with the change itself). Webhooks hears them
// and publishes them to subscribers; an announcer never knows who listens. Hearers are added while
// the modules are built (src/server/services.ts), before any request or job runs.
import type { Queryable } from '../db/database.js';

/** What may be announced: each a past-tense fact with its payload (the webhook payload schemas say its fields). */
export const announcedTypes = ['promise.broken', 'complaint.escalated', 'statement.approved'] as const;
export type AnnouncedType = (typeof announcedTypes)[number];
export type Announcement = { type: AnnouncedType; payload: Record<string, unknown> };
export type Hearer = (tx: Queryable, happened: Announcement[]) => Promise<void>;

export type Announcements = {
  announce: (tx: Queryable, happened: Announcement[]) => Promise<void>;
  hear: (hearer: Hearer) => void;
};

export function createAnnouncements(): Announcements {
  const hearers: Hearer[] = [];
  return {
    async announce(tx, happened) {
      if (happened.length === 0) return;
      for (const h of hearers) await h(tx, happened);
    },
    hear(hearer) {
      hearers.push(hearer);
    },
  };
}
