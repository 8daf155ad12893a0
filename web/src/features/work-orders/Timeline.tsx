import { useTranslation } from 'react-i18next';
import { count, dateTime } from '../../shared/format';
import type { HistoryRow } from './api';
import { actorWords, changeLines, reasonWords } from './history-labels';

const formats = { dateTime, count };

/** Every history row, oldest first: who did what, when, from where, why, and what changed — each field labelled. */
export function Timeline({ history, names = {} }: { history: HistoryRow[]; names?: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const tr = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title', { count: history.length })}</h2>
      <ol className="timeline">
        {history.map((h) => {
          const refused = h.action.endsWith('_refused');
          const lines = changeLines(h, names, tr, formats);
          return (
            <li key={h.id} className={refused ? 'refused' : ''}>
              <div className="when">{dateTime(h.at)}</div>
              <div>
                <strong>{t(`history.${h.action}`, { defaultValue: t('history.other') })}</strong>
                {h.fromStatus && h.fromStatus !== h.toStatus && (
                  <span className="muted">
                    {' '}
                    {t(`status.${h.fromStatus}`)} → {t(`status.${h.toStatus}`)}
                  </span>
                )}
                <div className="muted small">
                  {actorWords(h.actor, tr)}
                  {h.actorAddress ? ` · ${h.actorAddress}` : ''}
                </div>
                {h.reason && <div>{t('timeline.reason', { reason: refused ? t(`refusal.${h.reason}`, { defaultValue: h.reason }) : reasonWords(h.reason, i18n.language ?? 'zh') })}</div>}
                {lines.length > 0 && (
                  <dl className="changes">
                    {lines.map((c) => (
                      <div key={c.field}>
                        <dt>{c.label}</dt>
                        <dd>
                          {c.from} → {c.to}
                        </dd>
                      </div>
                    ))}
                  </dl>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
