import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get, post, query } from '../api';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../ui';
import { date as showDate, dateTime, pick } from '../format';
import { useSession } from '../session';
import type { Attempt, Category, Certification, Course, Exam, Page, Paper, Technician } from '../types';

const DAY = 86_400_000;
/** Certifications running out within this many days are called out. */
const SOON_DAYS = 60;

const titleOf = (x: { titleZh: string; titleEn: string }) => pick({ zh: x.titleZh, en: x.titleEn });

function CertificationState({ c }: { c: Certification }) {
  const { t } = useTranslation();
  if (c.revokedAt) return <span className="badge mark-broken">{t('training.revoked')}</span>;
  if (!c.valid) return <span className="badge mark-broken">{t('training.expired')}</span>;
  if (Date.parse(c.expiresAt) - Date.now() < SOON_DAYS * DAY) return <span className="badge mark-warning">{t('training.expiresSoon')}</span>;
  return <span className="badge mark-kept">{t('training.valid')}</span>;
}

/**
 * Training: a technician's courses, exams, results and certifications; for those who look after
 * technicians, everyone's certifications and who runs out soon; for managers, courses, exams and
 * questions.
 */
export function TrainingPage() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const isTechnician = me?.user?.role === 'technician';
  return (
    <section aria-labelledby="training-title">
      <h1 id="training-title">{t('training.title')}</h1>
      {isTechnician && <MyCertifications />}
      <CoursesAndExams canTake={can('training.take') && isTechnician} />
      {isTechnician && <MyResults />}
      {can('training.manage') && <ManageTraining />}
      {!isTechnician && <TechnicianCertifications />}
    </section>
  );
}

function MyCertifications() {
  const { t } = useTranslation();
  const state = useLoad(() => get<Page<Certification>>(`/certifications${query({ limit: 100 })}`), []);
  return (
    <section className="card" aria-labelledby="my-certs">
      <h2 id="my-certs">{t('training.myCertifications')}</h2>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('training.noCertifications')}</Empty>
          ) : (
            <ul className="cards certs">
              {page.items.map((c) => (
                <li key={c.id} className="card">
                  <strong>{c.code}</strong> <CertificationState c={c} />
                  <p className="muted">{t('training.validUntil', { date: showDate(c.expiresAt) })}</p>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

function CoursesAndExams({ canTake }: { canTake: boolean }) {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [courses, exams] = await Promise.all([get<{ items: Course[] }>('/training/courses'), get<{ items: Exam[] }>('/training/exams')]);
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

function MyResults() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [attempts, exams] = await Promise.all([get<Page<Attempt>>(`/training/attempts${query({ limit: 20 })}`), get<{ items: Exam[] }>('/training/exams')]);
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

/** Every technician the user may see with their certifications; those running out soon first. */
function TechnicianCertifications() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const soon = new Date(Date.now() + SOON_DAYS * DAY).toISOString();
    const [technicians, certs, expiring] = await Promise.all([
      get<Page<Technician>>(`/technicians${query({ limit: 200 })}`),
      get<Page<Certification>>(`/certifications${query({ limit: 200 })}`),
      get<Page<Certification>>(`/certifications${query({ limit: 200, expiringBefore: soon })}`),
    ]);
    return { technicians: technicians.items, certs: certs.items, expiring: expiring.items };
  }, []);
  return (
    <Async state={state}>
      {({ technicians, certs, expiring }) => {
        const names = new Map(technicians.map((x) => [x.id, x.name]));
        return (
          <>
            <section className="card" aria-labelledby="expiring-title">
              <h2 id="expiring-title">{t('training.expiring', { days: SOON_DAYS })}</h2>
              {expiring.length === 0 ? (
                <Empty>{t('training.noneExpiring')}</Empty>
              ) : (
                <ul className="plain">
                  {[...expiring]
                    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))
                    .map((c) => (
                      <li key={c.id}>
                        <strong>{names.get(c.technicianId) ?? c.technicianId}</strong> · {c.code} · {t('training.validUntil', { date: showDate(c.expiresAt) })}
                      </li>
                    ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="tech-certs-title">
              <h2 id="tech-certs-title">{t('training.technicians')}</h2>
              {technicians.length === 0 ? (
                <Empty>{t('training.noTechnicians')}</Empty>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('training.technician')}</th>
                        <th scope="col">{t('training.certifications')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {technicians.map((x) => {
                        const own = certs.filter((c) => c.technicianId === x.id && !c.revokedAt).sort((a, b) => a.code.localeCompare(b.code));
                        return (
                          <tr key={x.id}>
                            <td>{x.name}</td>
                            <td>
                              {own.length === 0 ? (
                                <span className="badge mark-broken">{t('training.none')}</span>
                              ) : (
                                <ul className="plain compact chips">
                                  {own.map((c) => (
                                    <li key={c.id}>
                                      {c.code} <CertificationState c={c} /> <span className="muted">{t('training.validUntil', { date: showDate(c.expiresAt) })}</span>
                                    </li>
                                  ))}
                                </ul>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        );
      }}
    </Async>
  );
}

/** A course, an exam for it, a question for an exam: the least a manager needs to run training. */
function ManageTraining() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [categories, courses, exams] = await Promise.all([get<{ items: Category[] }>('/catalog/categories'), get<{ items: Course[] }>('/training/courses'), get<{ items: Exam[] }>('/training/exams')]);
    return { categories: categories.items, courses: courses.items, exams: exams.items };
  }, []);
  return (
    <section className="card" aria-labelledby="manage-title">
      <h2 id="manage-title">{t('training.manage')}</h2>
      <Async state={state}>
        {(d) => (
          <div className="grid3">
            <NewCourse categories={d.categories} onDone={state.reload} />
            <NewExam courses={d.courses} onDone={state.reload} />
            <NewQuestion exams={d.exams} onDone={state.reload} />
          </div>
        )}
      </Async>
    </section>
  );
}

function useSubmit(send: () => Promise<unknown>, onDone: () => void) {
  const errors = useFormErrors();
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    setSaved(false);
    try {
      await send();
      setSaved(true);
      onDone();
    } catch (err) {
      errors.setError(err);
    }
  }
  return { errors, saved, submit };
}

function Saved({ saved }: { saved: boolean }) {
  const { t } = useTranslation();
  return saved ? (
    <p className="saved" role="status">
      {t('training.saved')}
    </p>
  ) : null;
}

function TextField({ name, label, value, errors, onChange, required = true }: { name: string; label: string; value: string; errors: ReturnType<typeof useFormErrors>; onChange: (v: string) => void; required?: boolean }) {
  return (
    <Field label={label} error={errors.fieldError(name)} required={required}>
      {(p) => <input {...p} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

function ChoiceField({ label, error, value, onChange, choices }: { label: string; error: string | undefined; value: string; onChange: (v: string) => void; choices: { id: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <Field label={label} error={error} required>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('field.choose')}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function NewCourse({ categories, onDone }: { categories: Category[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ code: '', categoryId: '', certificationCode: '', titleZh: '', titleEn: '', validityMonths: '24' });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { errors, saved, submit } = useSubmit(() => post('/training/courses', { ...v, categoryId: v.categoryId || undefined, validityMonths: Number(v.validityMonths) }), onDone);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-course">
      <h3 id="new-course">{t('training.newCourse')}</h3>
      <TextField name="code" label={t('training.code')} value={v.code} errors={errors} onChange={set('code')} />
      <ChoiceField label={t('training.category')} error={errors.fieldError('categoryId')} value={v.categoryId} onChange={set('categoryId')} choices={categories.map((c) => ({ id: c.id, label: pick({ zh: c.nameZh, en: c.nameEn }) }))} />
      <TextField name="certificationCode" label={t('training.certificationCode')} value={v.certificationCode} errors={errors} onChange={set('certificationCode')} />
      <TextField name="titleZh" label={t('training.titleZh')} value={v.titleZh} errors={errors} onChange={set('titleZh')} />
      <TextField name="titleEn" label={t('training.titleEn')} value={v.titleEn} errors={errors} onChange={set('titleEn')} />
      <TextField name="validityMonths" label={t('training.validityMonths')} value={v.validityMonths} errors={errors} onChange={set('validityMonths')} />
      <FormError message={errors.formError()} />
      <Saved saved={saved} />
      <button type="submit" className="primary">{t('training.createCourse')}</button>
    </form>
  );
}

function NewExam({ courses, onDone }: { courses: Course[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ courseId: '', titleZh: '', titleEn: '', questionsPerPaper: '3', timeLimitMinutes: '20', passPercent: '60' });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { errors, saved, submit } = useSubmit(
    () => post('/training/exams', { ...v, courseId: v.courseId || undefined, questionsPerPaper: Number(v.questionsPerPaper), timeLimitMinutes: Number(v.timeLimitMinutes), passPercent: Number(v.passPercent) }),
    onDone,
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-exam">
      <h3 id="new-exam">{t('training.newExam')}</h3>
      <ChoiceField label={t('training.course')} error={errors.fieldError('courseId')} value={v.courseId} onChange={set('courseId')} choices={courses.map((c) => ({ id: c.id, label: titleOf(c) }))} />
      <TextField name="titleZh" label={t('training.titleZh')} value={v.titleZh} errors={errors} onChange={set('titleZh')} />
      <TextField name="titleEn" label={t('training.titleEn')} value={v.titleEn} errors={errors} onChange={set('titleEn')} />
      <TextField name="questionsPerPaper" label={t('training.questionsPerPaper')} value={v.questionsPerPaper} errors={errors} onChange={set('questionsPerPaper')} />
      <TextField name="timeLimitMinutes" label={t('training.timeLimit')} value={v.timeLimitMinutes} errors={errors} onChange={set('timeLimitMinutes')} />
      <TextField name="passPercent" label={t('training.passPercent')} value={v.passPercent} errors={errors} onChange={set('passPercent')} />
      <FormError message={errors.formError()} />
      <Saved saved={saved} />
      <button type="submit" className="primary">{t('training.createExam')}</button>
    </form>
  );
}

function NewQuestion({ exams, onDone }: { exams: Exam[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [examId, setExamId] = useState('');
  const [examMissing, setExamMissing] = useState(false);
  const [text, setText] = useState({ textZh: '', textEn: '' });
  const [options, setOptions] = useState([{ zh: '', en: '' }, { zh: '', en: '' }, { zh: '', en: '' }]);
  const [correct, setCorrect] = useState<number[]>([]);
  const filled = options.filter((o) => o.zh.trim() || o.en.trim());
  const { errors, saved, submit } = useSubmit(
    () => post(`/training/exams/${examId}/questions`, { ...text, options: filled, correct: correct.filter((i) => i < filled.length) }),
    () => {
      setText({ textZh: '', textEn: '' });
      setOptions([{ zh: '', en: '' }, { zh: '', en: '' }, { zh: '', en: '' }]);
      setCorrect([]);
      onDone();
    },
  );
  return (
    <form
      onSubmit={(e) => {
        setExamMissing(!examId);
        if (examId) return submit(e);
        e.preventDefault();
      }}
      noValidate
      aria-labelledby="new-question"
    >
      <h3 id="new-question">{t('training.newQuestion')}</h3>
      <ChoiceField label={t('training.exam')} error={examMissing ? t('training.chooseExam') : undefined} value={examId} onChange={setExamId} choices={exams.map((e) => ({ id: e.id, label: `${titleOf(e)} (${t('training.inBank', { count: e.questionsInBank })})` }))} />
      <TextField name="textZh" label={t('training.textZh')} value={text.textZh} errors={errors} onChange={(x) => setText((s) => ({ ...s, textZh: x }))} />
      <TextField name="textEn" label={t('training.textEn')} value={text.textEn} errors={errors} onChange={(x) => setText((s) => ({ ...s, textEn: x }))} />
      {options.map((o, i) => (
        <fieldset key={i} className="option">
          <legend>{t('training.option', { n: i + 1 })}</legend>
          <TextField name={`options.${i}.zh`} label={t('training.optionZh')} value={o.zh} errors={errors} required={i < 2} onChange={(x) => setOptions((s) => s.map((y, k) => (k === i ? { ...y, zh: x } : y)))} />
          <TextField name={`options.${i}.en`} label={t('training.optionEn')} value={o.en} errors={errors} required={i < 2} onChange={(x) => setOptions((s) => s.map((y, k) => (k === i ? { ...y, en: x } : y)))} />
          <label className="check">
            <input type="checkbox" checked={correct.includes(i)} onChange={(e) => setCorrect((s) => (e.target.checked ? [...s, i] : s.filter((k) => k !== i)))} /> {t('training.correct')}
          </label>
        </fieldset>
      ))}
      {errors.fieldError('correct') && (
        <p className="field-error" role="alert">
          {t('training.correct')}: {errors.fieldError('correct')}
        </p>
      )}
      <FormError message={errors.formError()} />
      <Saved saved={saved} />
      <button type="submit" className="primary">{t('training.addQuestion')}</button>
    </form>
  );
}

/** Seconds until the deadline, ticking. */
function useCountdown(deadline: string | undefined) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!deadline) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline ? Math.max(0, Math.round((Date.parse(deadline) - now) / 1000)) : 0;
}

/** One exam: its rules, then a fresh timed paper, handed in once; the result and any certification it grants. */
export function ExamPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const exam = useLoad(() => get<{ items: Exam[] }>('/training/exams').then((r) => r.items.find((e) => e.id === id) ?? Promise.reject(new Error('not found'))), [id]);
  const [paper, setPaper] = useState<Paper | null>(null);
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [result, setResult] = useState<{ attempt: Attempt; certification: Certification | null } | null>(null);
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const left = useCountdown(paper && !result ? paper.deadline : undefined);

  async function start() {
    setBusy(true);
    errors.setError(null);
    try {
      setPaper(await post<Paper>(`/training/exams/${id}/attempts`));
      setAnswers({});
      setResult(null);
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function handIn(e: FormEvent) {
    e.preventDefault();
    if (!paper) return;
    setBusy(true);
    errors.setError(null);
    try {
      setResult(await post(`/training/attempts/${paper.id}/submit`, { answers: paper.questions.map((q) => ({ questionId: q.questionId, choices: answers[q.questionId] ?? [] })) }));
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }

  const choose = (questionId: string, option: number, multiple: boolean, on: boolean) =>
    setAnswers((s) => ({ ...s, [questionId]: multiple ? (on ? [...(s[questionId] ?? []), option] : (s[questionId] ?? []).filter((k) => k !== option)) : [option] }));

  return (
    <Async state={exam}>
      {(e) => (
        <article aria-labelledby="exam-title" className="exam">
          <p>
            <Link to="/app/training">{t('training.back')}</Link>
          </p>
          <h1 id="exam-title">{titleOf(e)}</h1>
          <p className="muted">{t('training.examRules', { questions: e.questionsPerPaper, minutes: e.timeLimitMinutes, pass: e.passPercent })}</p>
          {!paper && (
            <section className="card">
              <p>{t('training.startIntro', { minutes: e.timeLimitMinutes })}</p>
              <FormError message={errors.formError()} />
              <button type="button" className="primary" onClick={start} disabled={busy}>
                {t('training.start')}
              </button>
            </section>
          )}
          {paper && !result && (
            <form onSubmit={handIn} noValidate aria-label={t('training.paper')}>
              <p className={`countdown${left < 60 ? ' late' : ''}`} role="timer" aria-live="off">
                {t('training.timeLeft', { time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` })}
              </p>
              <ol className="questions">
                {paper.questions.map((q, qi) => (
                  <li key={q.questionId} className="card">
                    <fieldset>
                      <legend>
                        {qi + 1}. {pick({ zh: q.textZh, en: q.textEn })} {q.multiple && <span className="muted">{t('training.multiple')}</span>}
                      </legend>
                      {q.options.map((o, oi) => (
                        <label key={oi} className="check answer-option">
                          <input
                            type={q.multiple ? 'checkbox' : 'radio'}
                            name={q.questionId}
                            checked={(answers[q.questionId] ?? []).includes(oi)}
                            onChange={(ev) => choose(q.questionId, oi, q.multiple, ev.target.checked)}
                          />{' '}
                          {pick(o)}
                        </label>
                      ))}
                    </fieldset>
                  </li>
                ))}
              </ol>
              <FormError message={errors.formError()} />
              <button type="submit" className="primary" disabled={busy}>
                {t('training.handIn')}
              </button>
            </form>
          )}
          {result && (
            <section className={`card result outcome-${result.attempt.outcome}`} aria-labelledby="result-title" role="status">
              <h2 id="result-title">{t(`training.outcome.${result.attempt.outcome}`)}</h2>
              <p>{t('training.score', { score: result.attempt.scorePercent ?? 0, pass: result.attempt.passPercent })}</p>
              {result.certification ? (
                <p>
                  <strong>{t('training.certified', { code: result.certification.code, date: showDate(result.certification.expiresAt) })}</strong>
                </p>
              ) : (
                <p>{t('training.retakeNote', { hours: e.retakeWaitHours })}</p>
              )}
              <Link to="/app/training" className="button">
                {t('training.back')}
              </Link>
            </section>
          )}
        </article>
      )}
    </Async>
  );
}
