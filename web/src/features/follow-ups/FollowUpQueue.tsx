import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Dialog, Empty, Field, FormError, Pager, useFormErrors, useLoad } from '../../shared/ui';
import { dateTime, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import { followUpQueue, followUpTask, leadKinds, levels, recordAttempt, responseRates, sendSurvey, type Attempt, type AttemptResult, type Satisfaction, type TaskDetail } from './api';

/** The follow-up agents' queue: soonest due first; an agent opens one, calls, and records each attempt. */
export function FollowUpQueuePage() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const state = useLoad(() => followUpQueue(offset), [offset]);
  return (
    <article aria-labelledby="follow-ups-title">
      <header className="page-head">
        <h1 id="follow-ups-title">{t('followUps.title')}</h1>
      </header>
      <p className="muted">{t('followUps.intro')}</p>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('followUps.none')}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('followUps.order')}</th>
                      <th scope="col">{t('followUps.kind')}</th>
                      <th scope="col">{t('followUps.due')}</th>
                      <th scope="col">{t('followUps.attempts')}</th>
                      <th scope="col" />
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((f) => (
                      <tr key={f.id} className={f.overdue ? 'overdue' : undefined}>
                        <td>
                          <Link to={`/app/orders/${f.orderId}`}>{f.orderNumber}</Link>
                        </td>
                        <td>{t(`kind.${f.orderKind}`)}</td>
                        <td>
                          {dateTime(f.dueAt)} {f.overdue && <span className="badge warn">{t('followUps.overdue')}</span>}
                        </td>
                        <td>{f.attempts.length}</td>
                        <td>
                          <button type="button" onClick={() => setOpen(f.id)} aria-label={`${t('followUps.open')} ${f.orderNumber}`}>
                            {t('followUps.open')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager total={page.total} limit={page.limit} offset={page.offset} onOffset={setOffset} />
            </>
          )
        }
      </Async>
      {open && (
        <FollowUpDialog
          id={open}
          onClose={() => {
            setOpen(null);
            state.reload();
          }}
        />
      )}
      <ResponseRates />
    </article>
  );
}

function FollowUpDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const state = useLoad(() => followUpTask(id), [id]);
  return (
    <Dialog title={state.data ? t('followUps.taskTitle', { number: state.data.orderNumber }) : t('followUps.title')} onClose={onClose}>
      <Async state={state}>{(task) => <CallForm task={task} onSaved={state.reload} />}</Async>
    </Dialog>
  );
}

type Outcome = 'fixed' | 'not_fixed' | 'nobody_came';

function CallForm({ task, onSaved }: { task: TaskDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string | number | boolean>>({});
  const [outcome, setOutcome] = useState<Outcome>('fixed');
  const [level, setLevel] = useState<Satisfaction>('satisfied');
  const [attitude, setAttitude] = useState(5);
  const [skill, setSkill] = useState(5);
  const [notFixedAction, setNotFixedAction] = useState<'redo' | 'complaint'>('redo');
  const [lead, setLead] = useState('');
  const [leadNote, setLeadNote] = useState('');
  const [faultCode, setFaultCode] = useState('');
  const [correction, setCorrection] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const calls = can('followups.call');

  async function send(body: Attempt) {
    setBusy(true);
    errors.setError(null);
    try {
      await recordAttempt(task.id, body);
      onSaved();
    } catch (e) {
      errors.setError(e);
    } finally {
      setBusy(false);
    }
  }
  const failed = (result: AttemptResult) => send({ version: task.version, result, note: note || undefined });
  const reached = () =>
    send({
      version: task.version,
      result: 'reached',
      outcome,
      satisfaction: outcome === 'fixed' ? level : undefined,
      attitude: outcome === 'fixed' ? attitude : undefined,
      skill: outcome === 'fixed' ? skill : undefined,
      notFixedAction: outcome === 'not_fixed' ? notFixedAction : undefined,
      answers,
      lead: lead ? { kind: lead as (typeof leadKinds)[number], note: leadNote || undefined } : undefined,
      correction: correction ? { faultCode: faultCode || undefined, note: correction } : undefined,
      note: note || undefined,
    });
  async function survey() {
    setBusy(true);
    errors.setError(null);
    try {
      await sendSurvey(task.id, 'sms');
      setMessage(t('followUps.surveySent'));
      onSaved();
    } catch (e) {
      errors.setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      {task.status === 'closed' && task.outcomeName && <p className="badge ok" role="status">{t('followUps.closed', { outcome: pick(task.outcomeName) })}</p>}
      {message && <p role="status">{message}</p>}
      <p className="muted">{t('followUps.callNow', { part: t(`followUpDayPart.${task.dayPartNow}`) })}</p>
      <h3>{t('followUps.attemptsSoFar')}</h3>
      {task.attempts.length === 0 ? (
        <p className="muted">{t('followUps.noAttempts')}</p>
      ) : (
        <ol className="attempts">
          {task.attempts.map((a, i) => (
            <li key={i}>
              {dateTime(a.at)} · {t(`followUpResult.${a.result}`)} · {t(`followUpDayPart.${a.dayPart}`)}
            </li>
          ))}
        </ol>
      )}
      {task.status === 'open' && calls && (
        <>
          <h3>{task.script ? t('followUps.script', { version: task.script.version }) : t('followUps.noScript')}</h3>
          {task.script?.questions.map((q) => (
            <Field key={q.code} label={pick(q)} required={q.required} error={errors.fieldError(`answers.${q.code}`)}>
              {(p) =>
                q.answer === 'yes_no' ? (
                  <select {...p} value={answers[q.code] === undefined ? '' : String(answers[q.code])} onChange={(e) => setAnswers((a) => ({ ...a, [q.code]: e.target.value === '' ? (undefined as never) : e.target.value === 'true' }))}>
                    <option value="">{t('followUps.notAsked')}</option>
                    <option value="true">{t('followUps.yes')}</option>
                    <option value="false">{t('followUps.no')}</option>
                  </select>
                ) : q.answer === 'score' ? (
                  <input {...p} type="number" min={1} max={5} value={String(answers[q.code] ?? '')} onChange={(e) => setAnswers((a) => ({ ...a, [q.code]: Number(e.target.value) }))} />
                ) : q.answer === 'satisfaction' ? (
                  <select {...p} value={String(answers[q.code] ?? '')} onChange={(e) => setAnswers((a) => ({ ...a, [q.code]: e.target.value }))}>
                    <option value="">{t('followUps.notAsked')}</option>
                    {levels.map((l) => (
                      <option key={l} value={l}>
                        {t(`surveyLevel.${l}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input {...p} value={String(answers[q.code] ?? '')} onChange={(e) => setAnswers((a) => ({ ...a, [q.code]: e.target.value }))} />
                )
              }
            </Field>
          ))}
          <Field label={t('followUps.outcome')}>
            {(p) => (
              <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
                <option value="fixed">{t('followUps.fixed')}</option>
                <option value="not_fixed">{t('followUps.notFixed')}</option>
                <option value="nobody_came">{t('followUps.nobodyCame')}</option>
              </select>
            )}
          </Field>
          {outcome === 'fixed' && (
            <>
              <Field label={t('followUps.satisfaction')}>
                {(p) => (
                  <select {...p} value={level} onChange={(e) => setLevel(e.target.value as Satisfaction)}>
                    {levels.map((l) => (
                      <option key={l} value={l}>
                        {t(`surveyLevel.${l}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('followUps.attitude')}>{(p) => <input {...p} type="number" min={1} max={5} value={attitude} onChange={(e) => setAttitude(Number(e.target.value))} />}</Field>
              <Field label={t('followUps.skill')}>{(p) => <input {...p} type="number" min={1} max={5} value={skill} onChange={(e) => setSkill(Number(e.target.value))} />}</Field>
            </>
          )}
          {outcome === 'not_fixed' && (
            <Field label={t('followUps.notFixedAction')}>
              {(p) => (
                <select {...p} value={notFixedAction} onChange={(e) => setNotFixedAction(e.target.value as 'redo' | 'complaint')}>
                  <option value="redo">{t('followUps.redo')}</option>
                  <option value="complaint">{t('followUps.complaint')}</option>
                </select>
              )}
            </Field>
          )}
          <Field label={t('followUps.lead')}>
            {(p) => (
              <select {...p} value={lead} onChange={(e) => setLead(e.target.value)}>
                <option value="">{t('followUps.noLead')}</option>
                {leadKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`followUpLead.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {lead && <Field label={t('followUps.leadNote')}>{(p) => <input {...p} value={leadNote} onChange={(e) => setLeadNote(e.target.value)} />}</Field>}
          <Field label={t('followUps.correctionCode')}>{(p) => <input {...p} value={faultCode} onChange={(e) => setFaultCode(e.target.value)} />}</Field>
          <Field label={t('followUps.correctionNote')}>{(p) => <input {...p} value={correction} onChange={(e) => setCorrection(e.target.value)} />}</Field>
          <Field label={t('followUps.note')}>{(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
          <FormError message={errors.formError()} />
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={reached}>
              {t('followUps.reached')}
            </button>
            <button type="button" disabled={busy} onClick={() => failed('no_answer')}>
              {t('followUps.noAnswer')}
            </button>
            <button type="button" disabled={busy} onClick={() => failed('busy')}>
              {t('followUps.busy')}
            </button>
            <button type="button" disabled={busy} onClick={() => failed('wrong_number')}>
              {t('followUps.wrongNumber')}
            </button>
            <button type="button" disabled={busy} onClick={() => failed('refused')}>
              {t('followUps.refused')}
            </button>
            {!task.survey && (
              <button type="button" disabled={busy} onClick={survey}>
                {t('followUps.sendSurvey')}
              </button>
            )}
          </div>
        </>
      )}
      {task.status === 'closed' && <FormError message={errors.formError()} />}
    </div>
  );
}

function monthAgo() {
  const d = new Date(Date.now() - 30 * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function ResponseRates() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(monthAgo());
  const [to, setTo] = useState(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
  const state = useLoad(() => responseRates(from, to), [from, to]);
  return (
    <section aria-labelledby="rates-title">
      <h2 id="rates-title">{t('followUps.ratesTitle')}</h2>
      <div className="filters">
        <Field label={t('followUps.from')}>{(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
        <Field label={t('followUps.to')}>{(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
      </div>
      <Async state={state}>
        {(r) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('followUps.channel')}</th>
                  <th scope="col">{t('followUps.asked')}</th>
                  <th scope="col">{t('followUps.answered')}</th>
                  <th scope="col">{t('followUps.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {r.channels.map((c) => (
                  <tr key={c.channel}>
                    <td>{t(`followUpChannel.${c.channel}`)}</td>
                    <td>{c.asked}</td>
                    <td>{c.answered}</td>
                    <td>{(c.rate * 100).toFixed(1)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
    </section>
  );
}
