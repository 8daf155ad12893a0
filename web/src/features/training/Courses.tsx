import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, useLoad } from '../../shared/ui';
import { listCourses, listExams } from './api';
import { titleOf } from './titles';

/** The courses with their exams; a technician may take an exam from here. */
export function CoursesAndExams({ canTake }: { canTake: boolean }) {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [courses, exams] = await Promise.all([listCourses(), listExams()]);
    return { courses: courses.items, exams: exams.items };
  }, []);
  return (
    <section className="card" aria-labelledby="courses-title">
      <h2 id="courses-title">{t('training.courses')}</h2>
      <Async state={state}>
        {({ courses, exams }) =>
          courses.length === 0 ? (
            <Empty>{t('training.noCourses')}</Empty>
          ) : (
            <ul className="cards">
              {courses.map((c) => (
                <li key={c.id} className="card">
                  <h3>{titleOf(c)}</h3>
                  <p className="muted">{t('training.grants', { code: c.certificationCode, months: c.validityMonths })}</p>
                  {exams
                    .filter((e) => e.courseId === c.id && e.active)
                    .map((e) => (
                      <div key={e.id} className="exam-line">
                        <p>
                          {titleOf(e)} · {t('training.examRules', { questions: e.questionsPerPaper, minutes: e.timeLimitMinutes, pass: e.passPercent })}
                        </p>
                        {canTake && (
                          <Link className="button primary" to={`/app/training/exams/${e.id}`} aria-label={t('training.takeExam', { title: titleOf(e) })}>
                            {t('training.take')}
                          </Link>
                        )}
                      </div>
                    ))}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
