// Overrides with help: the dispatch and assign dialogs choose from what the API judged, not from
// a bare list — the automatic choice named, each provider's load, each technician's rank, and who
// cannot take the order with the reason.
import { useTranslation } from 'react-i18next';
import { Async, useLoad } from '../../shared/ui';
import { useSession } from '../../shared/session';
import { pick, toLocalInput, nameOf } from '../../shared/format';
import type { Order } from '../work-orders/api';
import { minutes } from './DayView';
import { assignCandidates, type ProviderVerdict } from './api';

/** The automatic choice among providers: the first eligible one, as auto-dispatch would send it. */
function automaticProvider(verdicts: ProviderVerdict[]): ProviderVerdict | undefined {
  return verdicts[0]?.eligible ? verdicts[0] : undefined;
}

/** Providers as the API judged them for this order (eligible first, least loaded first), one to choose. */
export function ProviderChoice({ verdicts, chosen, error, onPick }: { verdicts: ProviderVerdict[]; chosen: string | undefined; error?: string; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const auto = automaticProvider(verdicts);
  return (
    <fieldset className="choices" aria-describedby={error ? 'provider-choice-error' : undefined}>
      <legend>{t('choose.provider')}</legend>
      <p className="muted small">{auto ? t('choose.automaticIs', { name: nameOf(auto) }) : t('choose.noAutomatic')}</p>
      <ul className="plain">
        {verdicts.map((v) => (
          <li key={v.providerId} className={v.eligible ? '' : 'cannot'}>
            <label className="check">
              <input type="radio" name="providerId" value={v.providerId} checked={chosen === v.providerId} onChange={() => onPick(v.providerId)} />
              <span>
                <strong>{nameOf(v)}</strong> <span className="muted">({v.code})</span>
                {auto?.providerId === v.providerId && (
                  <>
                    {' '}
                    <span className="badge auto">{t('choose.automatic')}</span>
                  </>
                )}
                <span className="small">
                  {' · '}
                  {t('choose.load', { open: v.openOrders, capacity: v.capacity, percent: Math.round(v.load * 100) })} · {t('choose.certified', { count: v.certifiedTechnicians })}
                  {v.auditScore !== null && ` · ${t('choose.auditScore', { score: Math.round(v.auditScore * 10) / 10 })}`}
                </span>
                {!v.eligible && <span className="reason small"> — {v.reasons.map(pick).join('; ')}</span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <small id="provider-choice-error" className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

/** The order's wished day, or today, as YYYY-MM-DD in the reader's calendar. */
const dayOf = (order: Order) => toLocalInput(order.wishedFrom ? new Date(order.wishedFrom) : new Date()).slice(0, 10);

/** Technicians of the order's provider, ranked as the suggestions rank them; those who cannot take it cannot be chosen. */
export function TechnicianChoice({ order, chosen, error, onPick }: { order: Order; chosen: string | undefined; error?: string; onPick: (id: string, date: string) => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  // The day judged (absences) is the day the step is asked for, so the list and the step agree.
  const day = dayOf(order);
  // A dispatcher may pick one who lacks the skill or is absent, and must then give a reason; never the others.
  const mayOverride = can('orders.dispatch');
  const state = useLoad(() => assignCandidates(order.id, { date: day }), [order.id, order.version]);
  return (
    <fieldset className="choices" aria-describedby={error ? 'technician-choice-error' : undefined}>
      <legend>{t('choose.technician')}</legend>
      <Async state={state}>
        {(c) => (
          <>
            <p className="muted small">{c.notRanked ? t('choose.notRanked', { why: pick(c.notRanked) }) : t('choose.rankedFor', { date: c.date })}</p>
            <ul className="plain">
              {c.items.map((x) => (
                <li key={x.technicianId} className={x.canTake ? '' : 'cannot'}>
                  <label className="check">
                    <input type="radio" name="technicianId" value={x.technicianId} disabled={!x.canTake && !(x.overridable && mayOverride)} checked={chosen === x.technicianId} onChange={() => onPick(x.technicianId, day)} />
                    <span>
                      {x.rank !== null && <span className="muted">#{x.rank} </span>}
                      <strong>{nameOf(x)}</strong>
                      {x.technicianId === c.suggested && (
                        <>
                          {' '}
                          <span className="badge auto">{t('choose.suggested')}</span>
                        </>
                      )}
                      {x.addedTravelSeconds !== null && <span className="small"> · {t('choose.travel', { n: minutes(x.addedTravelSeconds) })}</span>}
                      {x.visitsThatDay !== null && <span className="small"> · {t('choose.visits', { count: x.visitsThatDay })}</span>}
                      {!x.canTake && <span className="small"> · {t('choose.cannot')}</span>}
                      {x.reason && <span className={`small ${x.canTake ? 'muted' : 'reason'}`}> — {pick(x.reason)}</span>}
                      {!x.canTake && x.overridable && mayOverride && <span className="small muted"> ({t('choose.overridable')})</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </Async>
      {error && (
        <small id="technician-choice-error" className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
