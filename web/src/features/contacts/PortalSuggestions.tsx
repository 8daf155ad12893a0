import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, useLoad } from '../../shared/ui';
import { dateTime, pick } from '../../shared/format';
import { mySuggestions, recordSuggestion } from './api';
import { SuggestionForm } from './SuggestionForm';

/** On the customer's own page: send an idea (not a complaint) and read our answers. */
export function PortalSuggestions() {
  const { t } = useTranslation();
  const [writing, setWriting] = useState(false);
  const state = useLoad(async () => (await mySuggestions()).items, []);
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
        <SuggestionForm name={t('contacts.sendSuggestion')} textLabel={t('contacts.yourIdea')} submitLabel={t('contacts.send')} send={(topic, text) => recordSuggestion({ topic, text })} onDone={() => { setWriting(false); state.reload(); }} />
      ) : (
        <button type="button" onClick={() => setWriting(true)}>{t('contacts.sendSuggestion')}</button>
      )}
    </section>
  );
}
