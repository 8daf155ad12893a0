import { useTranslation } from 'react-i18next';
import { dateTime } from '../../shared/format';
import type { HistoryRow } from './api';

/** Every history row, oldest first: who did what, when, from where, why, and what changed. */
export function Timeline({ history, names = {} }: { history: HistoryRow[]; names?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title', { count: history.length })}</h2>
      <ol className="timeline">
        {history.map((h) => (
          <li key={h.id} className={h.action.endsWith('_refused') ? 'refused' : ''}>
            <div className="when">{dateTime(h.at)}</div>
            <div>
              <strong>{t(`history.${h.action}`, { defaultValue: h.action })}</strong>
              {h.fromStatus && h.fromStatus !== h.toStatus && (
                <span className="muted">
                  {' '}
                  {t(`status.${h.fromStatus}`)} → {t(`status.${h.toStatus}`)}
                </span>
              )}
              <div className="muted small">
                {h.actor}
                {h.actorAddress ? ` · ${h.actorAddress}` : ''}
              </div>
              {h.reason && <div>{t('timeline.reason', { reason: h.reason })}</div>}
              {Object.keys(h.changes).filter((k) => k !== 'status').length > 0 && (
                <ul className="changes">
                  {Object.entries(h.changes)
                    .filter(([k]) => k !== 'status')
                    .map(([k, c]) => (
                      <li key={k}>
                        {t(`field.${k}`, { defaultValue: k })}: {show(c.from, names)} → {show(c.to, names)}
                      </li>
                    ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function show(v: unknown, names: Record<string, string>): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' && names[v]) return names[v];
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return dateTime(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}
