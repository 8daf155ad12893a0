import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '../../shared/ui';
import { useSubmit } from '../../shared/submit';
import { suggestionTopics, type SuggestionTopic } from './api';

/** A suggestion's topic and words: the agent records one heard on the phone, the customer sends their own. */
export function SuggestionForm({ name, textLabel, submitLabel, send, onDone }: { name: string; textLabel: string; submitLabel: string; send: (topic: SuggestionTopic, text: string) => Promise<unknown>; onDone: () => void }) {
  const { t } = useTranslation();
  const [topic, setTopic] = useState<SuggestionTopic>('service');
  const [text, setText] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => send(topic, text), () => {
    setText('');
    onDone();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={name}>
      <Field label={t('contacts.topic')} required>
        {(p) => (
          <select {...p} value={topic} onChange={(e) => setTopic(e.target.value as SuggestionTopic)}>
            {suggestionTopics.map((x) => <option key={x} value={x}>{t(`suggestionTopic.${x}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={textLabel} error={fieldError('text')} required>{(p) => <textarea {...p} value={text} onChange={(e) => setText(e.target.value)} />}</Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>{submitLabel}</button>
    </form>
  );
}
