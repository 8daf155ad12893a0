import { useTranslation } from 'react-i18next';
import { Async, Empty, useLoad } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import { listAttempts, listExams } from './api';
import { titleOf } from './titles';

/** A technician's last exam results. */
export function MyResults() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [attempts, exams] = await Promise.all([listAttempts({ limit: 20 }), listExams()]);
    return { attempts: attempts.items, exams: new Map(exams.items.map((e) => [e.id, e])) };
  }, []);
  return (
    <section className="card" aria-labelledby="my-results">
      <h2 id="my-results">{t('training.results')}</h2>
      <Async state={state}>
        {({ attempts, exams }) =>
          attempts.length === 0 ? (
            <Empty>{t('training.noResults')}</Empty>
          ) : (
            <ul className="plain">
              {attempts.map((a) => (
                <li key={a.id}>
                  {exams.get(a.examId) ? titleOf(exams.get(a.examId)!) : a.examId} · {dateTime(a.startedAt)} · <span className={`badge outcome-${a.outcome}`}>{t(`training.outcome.${a.outcome}`)}</span>
                  {a.scorePercent !== null && ` ${t('training.score', { score: a.scorePercent, pass: a.passPercent })}`}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
