import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { date } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { answerSuggestion, categories, listSuggestions, makeSuggestion, suggestionStatuses, type Category, type Suggestion, type SuggestionStatus } from './api';

/** The suggestion box: any staff member suggests (anonymously if they wish); managers answer, set the status and mark it implemented. */
export function SuggestionsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const state = useLoad(() => listSuggestions({ status: status || undefined, offset }), [status, offset]);
  return (
    <article aria-labelledby="suggestions-title">
      <header className="page-head">
        <h1 id="suggestions-title">{t('voice.suggestionsTitle')}</h1>
      </header>
      <NewSuggestion onDone={state.reload} />
      <Field label={t('voice.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }}>
            <option value="">{t('voice.any')}</option>
            {suggestionStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`suggestionStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('voice.noSuggestions')}</Empty>
          ) : (
            <>
              <ul className="cards" aria-label={t('voice.suggestionsTitle')}>
                {page.items.map((s) => (
                  <li key={`${s.id}-${s.version}`} className="card">
                    <SuggestionCard suggestion={s} onDone={state.reload} />
                  </li>
                ))}
              </ul>
              <Pager total={page.total} limit={page.limit} offset={page.offset} onOffset={setOffset} />
            </>
          )
        }
      </Async>
    </article>
  );
}

function SuggestionCard({ suggestion: s, onDone }: { suggestion: Suggestion; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <>
      <p>{s.text}</p>
      <p className="muted">
        <span className="badge">{t(`suggestionStatus.${s.status}`)}</span> {t(`suggestionCategory.${s.category}`, { defaultValue: s.category })} · {date(s.createdOn)} · {s.anonymous ? t('voice.anonymous') : s.authorName}
        {s.implemented ? ` · ${t('voice.implemented')}` : ''}
      </p>
      {s.answer && <p>{t('voice.answerWas', { text: s.answer })}</p>}
      {can('voice.manage') && s.status !== 'implemented' && <AnswerForm suggestion={s} onDone={onDone} />}
    </>
  );
}

function AnswerForm({ suggestion, onDone }: { suggestion: Suggestion; onDone: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SuggestionStatus>(suggestion.status === 'new' ? 'under_review' : suggestion.status === 'accepted' ? 'implemented' : 'accepted');
  const [answer, setAnswer] = useState(suggestion.answer ?? '');
  const { busy, submit, fieldError, formError } = useSubmit(() => answerSuggestion(suggestion.id, suggestion.version, status, answer), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('voice.answerSuggestion')}>
      <Field label={t('voice.status')} required>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.target.value as SuggestionStatus)}>
            {suggestionStatuses.filter((x) => x !== 'new').map((x) => (
              <option key={x} value={x}>
                {t(`suggestionStatus.${x}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('voice.answerText')} error={fieldError('answer')} required>
        {(p) => <textarea {...p} value={answer} onChange={(e) => setAnswer(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('voice.answerSuggestion')}
      </button>
    </form>
  );
}

function NewSuggestion({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [category, setCategory] = useState<Category>('other');
  const [anonymous, setAnonymous] = useState(false);
  const { busy, submit, fieldError, formError } = useSubmit(() => makeSuggestion({ text, category, anonymous }), () => { setText(''); onDone(); });
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label={t('voice.suggest')}>
      <h2>{t('voice.suggest')}</h2>
      <Field label={t('voice.suggestionText')} error={fieldError('text')} required>
        {(p) => <textarea {...p} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <Field label={t('voice.category')}>
        {(p) => (
          <select {...p} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
            {categories.map((c) => (
              <option key={c} value={c}>
                {t(`suggestionCategory.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="choice">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> {t('voice.postAnonymously')}
      </label>
      <p className="hint">{t('voice.anonymousSuggestionHint')}</p>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('voice.send')}
      </button>
    </form>
  );
}
