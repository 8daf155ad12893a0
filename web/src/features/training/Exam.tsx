import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Async, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { date as showDate, pick } from '../../shared/format';
import { listExams, startAttempt, submitAttempt, type AttemptResult, type Paper } from './api';
import { titleOf } from './titles';

// An exam taken: the paper, timed, handed in once, and its result.

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
  const exam = useLoad(() => listExams().then((r) => r.items.find((e) => e.id === id) ?? Promise.reject(new Error('not found'))), [id]);
  const [paper, setPaper] = useState<Paper | null>(null);
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const left = useCountdown(paper && !result ? paper.deadline : undefined);

  async function start() {
    setBusy(true);
    errors.setError(null);
    try {
      setPaper(await startAttempt(id));
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
      setResult(await submitAttempt(paper.id, { answers: paper.questions.map((q) => ({ questionId: q.questionId, choices: answers[q.questionId] ?? [] })) }));
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
