import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Async, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { ApiError } from '../../shared/api';
import { answerSurvey, aspects, levels, surveyByLink, type Satisfaction } from './api';

/** The customer's survey behind the SMS link (/survey#token): no sign-in, made for a phone, answered once. */
export function SurveyPage() {
  const { t } = useTranslation();
  const token = useLocation().hash.replace(/^#/, '');
  const state = useLoad(() => surveyByLink(token), [token]);
  if (!token) return <p className="state">{t('survey.noToken')}</p>;
  return (
    <article aria-labelledby="survey-title" className="survey">
      <h1 id="survey-title">{t('survey.title')}</h1>
      <Async state={state}>{(s) => (s.status === 'answered' ? <p role="status">{t('survey.answered')}</p> : <SurveyForm token={token} number={s.orderNumber} />)}</Async>
    </article>
  );
}

function SurveyForm({ token, number }: { token: string; number: string }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [level, setLevel] = useState<Satisfaction | ''>('');
  const [scores, setScores] = useState<Record<(typeof aspects)[number], number>>({ timeliness: 5, attitude: 5, skill: 5, tidiness: 5, priceTransparency: 5 });
  const [nps, setNps] = useState('');
  const [npsReason, setNpsReason] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'thanks' | 'answered' | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.setError(null);
    try {
      await answerSurvey(token, { satisfaction: level as Satisfaction, aspects: scores, nps: Number(nps), npsReason: npsReason || undefined, comment: comment || undefined });
      setDone('thanks');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setDone('answered');
      else errors.setError(err);
    } finally {
      setBusy(false);
    }
  }
  if (done) return <p role="status">{t(done === 'thanks' ? 'survey.thanks' : 'survey.answered')}</p>;
  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">{t('survey.intro', { number })}</p>
      <fieldset>
        <legend>{t('survey.overall')}</legend>
        {levels.map((l) => (
          <label key={l} className="choice">
            <input type="radio" name="satisfaction" value={l} checked={level === l} onChange={() => setLevel(l)} required /> {t(`surveyLevel.${l}`)}
          </label>
        ))}
        <FormError message={errors.fieldError('satisfaction')} />
      </fieldset>
      <fieldset>
        <legend>{t('survey.aspects')}</legend>
        {aspects.map((a) => (
          <Field key={a} label={t(`survey.${a}`)} error={errors.fieldError(`aspects.${a}`)}>
            {(p) => (
              <select {...p} value={scores[a]} onChange={(e) => setScores((s) => ({ ...s, [a]: Number(e.target.value) }))}>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </fieldset>
      <Field label={t('survey.nps')} error={errors.fieldError('nps')} required>
        {(p) => (
          <select {...p} value={nps} onChange={(e) => setNps(e.target.value)}>
            <option value="">—</option>
            {Array.from({ length: 11 }, (_, i) => 10 - i).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('survey.npsReason')}>{(p) => <input {...p} value={npsReason} onChange={(e) => setNpsReason(e.target.value)} />}</Field>
      <Field label={t('survey.comment')}>{(p) => <textarea {...p} value={comment} onChange={(e) => setComment(e.target.value)} />}</Field>
      <FormError message={errors.formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('survey.send')}
      </button>
    </form>
  );
}
