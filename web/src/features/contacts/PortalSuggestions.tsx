import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { dateTime, pick } from '../../shared/format';
import { useSubmit } from '../../shared/submit';
import { mySuggestions, recordSuggestion, suggestionTopics, type SuggestionTopic } from './api';

/** On the customer's own page: send an idea (not a complaint) and read our answers. */
export function PortalSuggestions() {
  const { t } = useTranslation();
  const [topic, setTopic] = useState<SuggestionTopic>('service');
  const [text, setText] = useState('');
  const [writing, setWriting] = useState(false);
  const state = useLoad(async () => (await mySuggestions()).items, []);
  const { busy, submit, fieldError, formError } = useSubmit(
    () => recordSuggestion({ topic, text }),
    () => {
      setText('');
      setWriting(false);
      state.reload();
    },
  );
  return (
    <section className="card" aria-labelledby="my-suggestions">
      <h2 id="my-suggestions">{t('contacts.mySuggestions')}</h2>
      <Async state={state}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{t('contacts.noSuggestions')}</Empty>
          ) : (
            <ul className="suggestions">
              {items.map((s) => (
                <li key={s.id}>
                  <strong>{t(`suggestionTopic.${s.topic}`)}</strong> · {pick({ zh: s.statusZh, en: s.statusEn })} · {dateTime(s.createdAt)}
                  <p>{s.text}</p>
                  {s.answer && (
                    <p className="answer">
                      {t('contacts.ourAnswer')}: {s.answer}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {writing ? (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('contacts.sendSuggestion')}>
          <Field label={t('contacts.topic')} required>
            {(p) => (
              <select {...p} value={topic} onChange={(e) => setTopic(e.target.value as SuggestionTopic)}>
                {suggestionTopics.map((x) => <option key={x} value={x}>{t(`suggestionTopic.${x}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('contacts.yourIdea')} error={fieldError('text')} required>{(p) => <textarea {...p} value={text} onChange={(e) => setText(e.target.value)} />}</Field>
          <FormError message={formError()} />
          <button type="submit" className="primary" disabled={busy}>{t('contacts.send')}</button>
        </form>
      ) : (
        <button type="button" onClick={() => setWriting(true)}>{t('contacts.sendSuggestion')}</button>
      )}
    </section>
  );
}
