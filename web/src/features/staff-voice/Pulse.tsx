import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { monthName, pick, localName } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { answerSurvey, closeSurvey, listSurveys, startSurvey, surveyResults, type Results, type Survey } from './api';

/** Pulse surveys: answer an open one (anonymously, once); managers start and close them and read the results by group. */
export function PulsePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(() => listSurveys(), []);
  return (
    <article aria-labelledby="pulse-title">
      <header className="page-head">
        <h1 id="pulse-title">{t('voice.pulseTitle')}</h1>
      </header>
      <p className="muted">{t('voice.pulseIntro')}</p>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('voice.noSurveys')}</Empty>
          ) : (
            page.items.map((s) => <SurveyCard key={`${s.id}-${s.version}-${s.answered}`} survey={s} onDone={state.reload} />)
          )
        }
      </Async>
      {can('voice.manage') && <NewSurveyForm onDone={state.reload} />}
    </article>
  );
}

function SurveyCard({ survey: s, onDone }: { survey: Survey; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [show, setShow] = useState(false);
  const title = pick({ zh: s.titleZh, en: s.titleEn });
  return (
    <section className="card" aria-label={title}>
      <h2>
        {title} · {monthName(s.month)}
      </h2>
      <p>
        <span className="badge">{t(`voice.survey_${s.status}`)}</span> {s.answered ? t('voice.youAnswered') : ''}
      </p>
      {s.status === 'open' && !s.answered && <AnswerForm survey={s} onDone={onDone} />}
      {can('voice.manage') && (
        <div className="action-bar">
          <button type="button" className="secondary" aria-expanded={show} onClick={() => setShow(!show)}>
            {t('voice.results')}
          </button>
          {s.status === 'open' && <CloseButton survey={s} onDone={onDone} />}
        </div>
      )}
      {show && <ResultsView survey={s} />}
    </section>
  );
}

function AnswerForm({ survey, onDone }: { survey: Survey; onDone: () => void }) {
  const { t } = useTranslation();
  const [enps, setEnps] = useState<number | null>(null);
  const [scores, setScores] = useState<Record<string, number>>({});
  const { busy, submit, fieldError, formError } = useSubmit(() => answerSurvey(survey.id, enps ?? -1, scores), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('voice.answer')}>
      <p className="hint">{t('voice.anonymousHint', { n: survey.minGroupSize })}</p>
      <fieldset className="audit-item">
        <legend>{t('voice.enpsQuestion')}</legend>
        <div className="touch-choices" role="radiogroup" aria-label={t('voice.enpsQuestion')}>
          {Array.from({ length: 11 }, (_, i) => (
            <label key={i} className={`touch-choice small${enps === i ? ' chosen' : ''}`}>
              <input type="radio" name={`enps-${survey.id}`} checked={enps === i} onChange={() => setEnps(i)} />
              {i}
            </label>
          ))}
        </div>
        {fieldError('enps') && <small className="field-error">{fieldError('enps')}</small>}
      </fieldset>
      {survey.questions.map((q) => {
        const text = pick({ zh: q.textZh, en: q.textEn });
        return (
          <fieldset key={q.code} className="audit-item">
            <legend>{text}</legend>
            <div className="touch-choices" role="radiogroup" aria-label={text}>
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className={`touch-choice small${scores[q.code] === n ? ' chosen' : ''}`}>
                  <input type="radio" name={`${survey.id}-${q.code}`} checked={scores[q.code] === n} onChange={() => setScores({ ...scores, [q.code]: n })} />
                  {n}
                </label>
              ))}
            </div>
            {fieldError(`scores.${q.code}`) && <small className="field-error">{fieldError(`scores.${q.code}`)}</small>}
          </fieldset>
        );
      })}
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('voice.sendAnswer')}
      </button>
    </form>
  );
}

function CloseButton({ survey, onDone }: { survey: Survey; onDone: () => void }) {
  const { t } = useTranslation();
  const { busy, submit, formError } = useSubmit(() => closeSurvey(survey.id, survey.version), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('voice.close')}>
      <button type="submit" className="secondary" disabled={busy}>
        {t('voice.close')}
      </button>
      <FormError message={formError()} />
    </form>
  );
}

function ResultsView({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'all' | 'provider' | 'role'>('all');
  const state = useLoad(() => surveyResults(survey.id, by), [survey.id, by]);
  return (
    <div>
      <Field label={t('voice.groupBy')}>
        {(p) => (
          <select {...p} value={by} onChange={(e) => setBy(e.target.value as 'all' | 'provider' | 'role')}>
            {(['all', 'provider', 'role'] as const).map((b) => (
              <option key={b} value={b}>
                {t(`voice.by_${b}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Async state={state}>{(r) => <ResultsTable results={r} survey={survey} />}</Async>
    </div>
  );
}

function ResultsTable({ results: r, survey }: { results: Results; survey: Survey }) {
  const { t } = useTranslation();
  const groupName = (g: Results['groups'][number]) => (r.by === 'role' ? t(`role.${g.group}`, { defaultValue: g.group }) : g.group === 'hq' ? t('voice.headquarters') : localName(g.groupName ?? g.group, g.groupNameEn));
  const rows = [{ ...r.total, label: t('voice.everyone') }, ...r.groups.map((g) => ({ ...g, label: groupName(g) }))];
  return (
    <div className="table-wrap">
      <table data-testid="pulse-results">
        <caption>{t('voice.minimumNote', { n: r.minGroupSize })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('voice.group')}</th>
            <th scope="col">{t('voice.responses')}</th>
            <th scope="col">eNPS</th>
            <th scope="col">{t('voice.pulseScore')}</th>
            {survey.questions.map((q) => (
              <th key={q.code} scope="col">
                {pick({ zh: q.textZh, en: q.textEn })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.group}>
              <th scope="row">{g.label}</th>
              {g.hidden ? (
                <td colSpan={3 + survey.questions.length}>{t('voice.hidden', { n: r.minGroupSize })}</td>
              ) : (
                <>
                  <td>{g.responses}</td>
                  <td>{g.enps ?? '—'}</td>
                  <td>{g.pulseScore ?? '—'}</td>
                  {g.questions.map((q) => (
                    <td key={q.code}>{q.score ?? '—'}</td>
                  ))}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewSurveyForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [titleZh, setTitleZh] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [questions, setQuestions] = useState('workload|工作量合理|My workload is fair\ntools|工具够用|I have the tools I need\nrecognition|付出得到认可|My work is recognised');
  const [min, setMin] = useState('5');
  const parsed = () => questions.split('\n').map((l) => l.split('|').map((x) => x.trim())).filter((p) => p[0]).map(([code, textZh, textEn]) => ({ code, textZh: textZh ?? '', textEn: textEn ?? '' }));
  const { busy, submit, fieldError, formError } = useSubmit(() => startSurvey({ titleZh, titleEn, month, questions: parsed(), minGroupSize: Number(min) }), onDone);
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label={t('voice.newSurvey')}>
      <h2>{t('voice.newSurvey')}</h2>
      <Field label={t('voice.titleZh')} error={fieldError('titleZh')} required>
        {(p) => <input {...p} value={titleZh} onChange={(e) => setTitleZh(e.target.value)} />}
      </Field>
      <Field label={t('voice.titleEn')} error={fieldError('titleEn')} required>
        {(p) => <input {...p} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />}
      </Field>
      <Field label={t('voice.month')} error={fieldError('month')} required>
        {(p) => <input {...p} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />}
      </Field>
      <Field label={t('voice.questions')} hint={t('voice.questionsHint')} error={fieldError('questions') ?? fieldError('questions.0.code')} required>
        {(p) => <textarea {...p} rows={4} value={questions} onChange={(e) => setQuestions(e.target.value)} />}
      </Field>
      <Field label={t('voice.minGroupSize')} error={fieldError('minGroupSize')} required>
        {(p) => <input {...p} inputMode="numeric" value={min} onChange={(e) => setMin(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('voice.start')}
      </button>
    </form>
  );
}
