import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, ErrorState, Field, FormError, Loading, useLoad } from '../../shared/ui';
import { dateTime, fromLocalInput, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { SuggestionForm } from './SuggestionForm';
import { addNote, answerSuggestion, callOutcomes, getTimeline, logCall, recordSuggestion, suggestionOutcomes, timelineKinds, type CallOutcome, type SuggestionOutcome, type TimelineEntry, type TimelineFilter, type TimelineKind } from './api';

/** One icon per kind: the eye finds calls, messages and visits before reading. */
const icons: Record<TimelineKind, string> = { call: '☎', note: '✎', suggestion: '💡', message: '✉', visit: '🔧', survey: '☺', complaint: '⚠', portal: '👤' };

type OrderChoice = { id: string; number: string };

/** The customer page's contact timeline (customer 360): every contact newest first, filters, search, and the three things an agent records. */
export function ContactTimeline({ customerId, orders }: { customerId: string; orders: OrderChoice[] }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const [words, setWords] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [filter, setFilter] = useState<TimelineFilter>({});
  const [more, setMore] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [form, setForm] = useState<'call' | 'note' | 'suggestion' | null>(null);
  const state = useLoad(async () => {
    const page = await getTimeline(customerId, filter);
    setMore([]);
    setCursor(page.nextCursor);
    return page.items;
  }, [customerId, filter]);
  const apply = () => setFilter({ kinds, q: words.trim(), from: fromLocalInput(from), to: fromLocalInput(to) });
  const loadMore = async () => {
    if (!cursor) return;
    const page = await getTimeline(customerId, { ...filter, cursor });
    setMore((m) => [...m, ...page.items]);
    setCursor(page.nextCursor);
  };
  const done = () => {
    setForm(null);
    state.reload();
  };
  const items = [...(state.data ?? []), ...more];
  return (
    <section className="card timeline-panel" aria-labelledby="contact-timeline">
      <h2 id="contact-timeline">{t('contacts.title')}</h2>
      {can('contacts.write') && (
        <p>
          <button type="button" aria-expanded={form === 'call'} onClick={() => setForm(form === 'call' ? null : 'call')}>{t('contacts.logCall')}</button>{' '}
          <button type="button" aria-expanded={form === 'note'} onClick={() => setForm(form === 'note' ? null : 'note')}>{t('contacts.addNote')}</button>{' '}
          <button type="button" aria-expanded={form === 'suggestion'} onClick={() => setForm(form === 'suggestion' ? null : 'suggestion')}>{t('contacts.recordSuggestion')}</button>
        </p>
      )}
      {form === 'call' && <CallForm customerId={customerId} orders={orders} onDone={done} />}
      {form === 'note' && <NoteForm customerId={customerId} orders={orders} onDone={done} />}
      {form === 'suggestion' && <SuggestionForm name={t('contacts.recordSuggestion')} textLabel={t('contacts.suggestionText')} submitLabel={t('contacts.saveSuggestion')} send={(topic, text) => recordSuggestion({ customerId, channel: 'phone', topic, text })} onDone={done} />}
      <form
        className="filters"
        role="search"
        aria-label={t('contacts.search')}
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <fieldset>
          <legend>{t('contacts.kinds')}</legend>
          {timelineKinds.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} /> {icons[k]} {t(`contactKind.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('contacts.words')}>{(p) => <input {...p} type="search" value={words} onChange={(e) => setWords(e.target.value)} />}</Field>
        <Field label={t('contacts.from')}>{(p) => <input {...p} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
        <Field label={t('contacts.to')}>{(p) => <input {...p} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
        <button type="submit">{t('contacts.apply')}</button>
      </form>
      {state.loading && !state.data ? (
        <Loading />
      ) : state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : items.length === 0 ? (
        <Empty>{t('contacts.none')}</Empty>
      ) : (
        <ol className="contact-timeline" aria-label={t('contacts.title')}>
          {items.map((e) => (
            <Entry key={`${e.kind}:${e.id}`} entry={e} canAnswer={can('contacts.write')} onAnswered={state.reload} />
          ))}
        </ol>
      )}
      {cursor && (
        <button type="button" onClick={() => void loadMore()}>
          {t('contacts.more')}
        </button>
      )}
    </section>
  );
}

function Entry({ entry: e, canAnswer, onAnswered }: { entry: TimelineEntry; canAnswer: boolean; onAnswered: () => void }) {
  const { t } = useTranslation();
  const d = e.detail as Record<string, string | number | null | undefined>;
  return (
    <li className={`contact contact-${e.kind}`} data-kind={e.kind}>
      <span className="icon" aria-hidden="true">{icons[e.kind]}</span>{' '}
      <strong>{pick(e.kindName)}</strong> · {t(`contactAction.${e.action}`, { defaultValue: e.action })} · <time dateTime={e.at}>{dateTime(e.at)}</time>
      {e.orderNumber && e.orderId && (
        <>
          {' · '}
          <Link to={`/app/orders/${e.orderId}`}>{e.orderNumber}</Link>
        </>
      )}
      {e.kind === 'call' && (
        <span className="muted">
          {' · '}
          {t(`contactDirection.${String(d.direction)}`)} {String(d.phone)} · {t('contacts.seconds', { n: Number(d.durationSeconds) })}
        </span>
      )}
      {e.kind === 'message' && <span className="muted"> · {String(d.channel)} · {String(d.recipient)}</span>}
      {e.body && <p>{e.body}</p>}
      {e.kind === 'suggestion' && d.answer && <p>{t('contacts.answer')}: {String(d.answer)}</p>}
      {e.actor && <p className="muted">{e.actor}</p>}
      {e.kind === 'suggestion' && e.action === 'open' && canAnswer && <AnswerForm id={e.id} version={Number(d.version)} onDone={onAnswered} />}
    </li>
  );
}

function OrderField({ orders, value, onChange }: { orders: OrderChoice[]; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('contacts.order')}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('contacts.noOrder')}</option>
          {orders.map((o) => <option key={o.id} value={o.id}>{o.number}</option>)}
        </select>
      )}
    </Field>
  );
}

function CallForm({ customerId, orders, onDone }: { customerId: string; orders: OrderChoice[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [orderId, setOrderId] = useState('');
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [phone, setPhone] = useState('');
  const [minutes, setMinutes] = useState('1');
  const [outcome, setOutcome] = useState<CallOutcome>('reached');
  const [notes, setNotes] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(
    () => logCall({ customerId, orderId: orderId || undefined, direction, phone, durationSeconds: Math.round(Number(minutes) * 60), outcome, notes }),
    onDone,
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('contacts.logCall')}>
      <OrderField orders={orders} value={orderId} onChange={setOrderId} />
      <Field label={t('contacts.direction')} required>
        {(p) => (
          <select {...p} value={direction} onChange={(e) => setDirection(e.target.value as 'in' | 'out')}>
            <option value="in">{t('contactDirection.in')}</option>
            <option value="out">{t('contactDirection.out')}</option>
          </select>
        )}
      </Field>
      <Field label={t('contacts.phone')} error={fieldError('phone')} required>{(p) => <input {...p} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />}</Field>
      <Field label={t('contacts.minutes')} error={fieldError('durationSeconds')} required>{(p) => <input {...p} type="number" min={0} step="0.5" value={minutes} onChange={(e) => setMinutes(e.target.value)} />}</Field>
      <Field label={t('contacts.outcome')} required>
        {(p) => (
          <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value as CallOutcome)}>
            {callOutcomes.map((o) => <option key={o} value={o}>{t(`contactAction.${o}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('contacts.notes')} error={fieldError('notes')}>{(p) => <textarea {...p} value={notes} onChange={(e) => setNotes(e.target.value)} />}</Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>{t('contacts.saveCall')}</button>
    </form>
  );
}

function NoteForm({ customerId, orders, onDone }: { customerId: string; orders: OrderChoice[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [orderId, setOrderId] = useState('');
  const [text, setText] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => addNote({ customerId, orderId: orderId || undefined, text }), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('contacts.addNote')}>
      <OrderField orders={orders} value={orderId} onChange={setOrderId} />
      <Field label={t('contacts.noteText')} hint={t('contacts.internal')} error={fieldError('text')} required>{(p) => <textarea {...p} value={text} onChange={(e) => setText(e.target.value)} />}</Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>{t('contacts.saveNote')}</button>
    </form>
  );
}

function AnswerForm({ id, version, onDone }: { id: string; version: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<SuggestionOutcome>('noted');
  const [answer, setAnswer] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => answerSuggestion(id, { version, outcome, answer }), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('contacts.answerSuggestion')}>
      <Field label={t('contacts.outcomeOfSuggestion')} required>
        {(p) => (
          <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value as SuggestionOutcome)}>
            {suggestionOutcomes.map((o) => <option key={o} value={o}>{t(`contactAction.${o}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('contacts.answer')} hint={t('contacts.customerReads')} error={fieldError('answer')} required>{(p) => <textarea {...p} value={answer} onChange={(e) => setAnswer(e.target.value)} />}</Field>
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>{t('contacts.sendAnswer')}</button>
    </form>
  );
}
