import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { addOrderNote, orderNotes } from './api';

/** The order's internal notes (staff only): the thread, oldest first, and a box to add one. */
export function OrderNotes({ orderId, onAdded }: { orderId: string; onAdded?: () => void }) {
  const { t, i18n } = useTranslation();
  const state = useLoad(() => orderNotes(orderId), [orderId]);
  const errors = useFormErrors();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language?.startsWith('zh') ? 'zh-CN' : 'en', { dateStyle: 'short', timeStyle: 'short' });
  // "user:agent" → "agent": the history's actor names, shown as people read them.
  const who = (actor: string) => actor.replace(/^user:/, '').replace(/^token:[^:]*:/, '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.setError(null);
    try {
      await addOrderNote(orderId, text);
      setText('');
      state.reload();
      onAdded?.();
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('notes.title')}</h2>
      <p className="hint">{t('notes.intro')}</p>
      <Async state={state}>
        {(r) =>
          r.items.length === 0 ? (
            <Empty>{t('notes.none')}</Empty>
          ) : (
            <ol className="notes-thread">
              {r.items.map((n) => (
                <li key={n.id}>
                  <small className="muted">{t('notes.by', { author: who(n.author), when: when(n.createdAt) })}</small>
                  <div>{n.text}</div>
                </li>
              ))}
            </ol>
          )
        }
      </Async>
      <form onSubmit={submit} noValidate>
        <Field label={t('notes.text')} error={errors.fieldError('text')} required>
          {(p) => <textarea {...p} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <FormError message={errors.formError()} />
        <button type="submit" className="primary" disabled={busy}>
          {t('notes.add')}
        </button>
      </form>
    </section>
  );
}
