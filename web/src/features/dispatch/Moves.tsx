// Acting on the board: an order dropped on a technician's row (or moved with the keyboard through
// the "Move to…" form) becomes one POST /dispatch/moves — the assign and book steps' own rules, so
// a refusal here is the API's refusal, shown with its reason. The last move can be undone: the move
// back to where the order was, a real step that leaves its own history rows.
import { useState } from 'react';
import { nameOf } from '../../shared/format';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { Field } from '../../shared/ui';
import i18n from '../../i18n';
import { clock } from './DayView';
import { moveVisit, type Board, type BoardMove } from './api';

/** The instant of a wall-clock time ("10:30") on a date in a time zone. */
export function zonedTime(date: string, hm: string, timeZone: string): number {
  const guess = Date.parse(`${date}T${hm}:00Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(guess)).map((p) => [p.type, p.value]),
  );
  const shown = Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00Z`);
  return guess - (shown - guess);
}

/** Why the server refused, in the reader's language (the field's own words when it named one). */
export function refusalText(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  const d = error.details[0];
  if (d) return i18n.language?.startsWith('zh') && d.zh ? d.zh : d.message;
  const [en, zh] = error.message.split(' / ');
  return i18n.language?.startsWith('zh') && zh ? zh : en;
}

export type Moved = { move: BoardMove; number: string; undone: boolean };

/** A drop, a keyboard move or an undo, and what became of it. */
export function useMoves(board: Board, onChanged: () => void) {
  const [last, setLast] = useState<Moved | null>(null);
  const [refused, setRefused] = useState<{ number: string; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const numberOf = (id: string) => board.orders.find((o) => o.id === id)?.number ?? id;

  async function run(orderId: string, body: () => Parameters<typeof moveVisit>[0], undone: boolean) {
    setBusy(true);
    setRefused(null);
    try {
      const move = await moveVisit(body());
      setLast({ move, number: numberOf(orderId), undone });
    } catch (error) {
      setRefused({ number: numberOf(orderId), error });
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  /** The order to this technician from `start` (ms) for its service minutes; null technician: back to unplanned. */
  function moveTo(orderId: string, technicianId: string | null, start: number | null) {
    const o = board.orders.find((x) => x.id === orderId);
    if (!o) return;
    return run(orderId, () => ({
      orderId, version: o.version, technicianId,
      ...(technicianId && start !== null ? { from: new Date(start).toISOString(), to: new Date(start + o.serviceMinutes * 60_000).toISOString() } : {}),
    }), false);
  }

  function undo() {
    if (!last || last.undone) return;
    const { move } = last;
    const b = move.before;
    return run(move.orderId, () => ({ orderId: move.orderId, version: move.version, technicianId: b.technicianId, ...(b.technicianId && b.from && b.to ? { from: b.from, to: b.to } : {}) }), true);
  }

  return { last, refused, busy, moveTo, undo };
}

export function MoveNotices({ board, moves }: { board: Board; moves: ReturnType<typeof useMoves> }) {
  const { t } = useTranslation();
  const { last, refused } = moves;
  const names = new Map(board.technicians.map((x) => [x.id, nameOf(x)]));
  return (
    <>
      {refused && (
        <div className="notice warn" role="alert">
          <p>
            <strong>{t('move.refused', { number: refused.number })}</strong> {refusalText(refused.error, t('error.unexpected'))}
          </p>
        </div>
      )}
      {last && !refused && (
        <div className="notice ok move-done" role="status">
          <p>
            {last.undone
              ? t('move.undone', { number: last.number })
              : last.move.technicianId
                ? t('move.moved', { number: last.number, name: names.get(last.move.technicianId) ?? '', time: last.move.from ? clock(last.move.from, board.timeZone) : '—' })
                : t('move.takenBack', { number: last.number })}
          </p>
          {!last.undone && (
            <button type="button" onClick={moves.undo} disabled={moves.busy}>
              {t('move.undo')}
            </button>
          )}
        </div>
      )}
    </>
  );
}

/** The keyboard's way to do what a drag does: an order, a technician (or back to unplanned) and a time. */
export function MoveForm({ board, moves, orderId, onOrder }: { board: Board; moves: ReturnType<typeof useMoves>; orderId: string; onOrder: (id: string) => void }) {
  const { t } = useTranslation();
  const order = board.orders.find((o) => o.id === orderId) ?? board.orders[0];
  const working = board.technicians.filter((x) => x.shifts.length > 0);
  const [technicianId, setTechnicianId] = useState(order?.technicianId ?? working[0]?.id ?? '');
  const first = working[0]?.shifts[0]?.from;
  const [time, setTime] = useState(first ? clock(first, board.timeZone) : '09:00');
  if (!order) return null;
  return (
    <form
      className="move-form"
      aria-labelledby="move-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void moves.moveTo(order.id, technicianId || null, technicianId ? zonedTime(board.date, time, board.timeZone) : null);
      }}
    >
      <h3 id="move-form-title">{t('move.title')}</h3>
      <div className="board-filters">
        <Field label={t('move.order')}>
          {(p) => (
            <select {...p} value={order.id} onChange={(e) => onOrder(e.target.value)}>
              {board.orders.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.number} · {o.district}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('move.technician')}>
          {(p) => (
            <select {...p} value={technicianId} onChange={(e) => setTechnicianId(e.target.value)}>
              {board.technicians.map((x) => (
                <option key={x.id} value={x.id}>
                  {nameOf(x)}
                  {x.shifts.length === 0 ? ` (${t('board.off')})` : ''}
                </option>
              ))}
              <option value="">{t('move.backToUnplanned')}</option>
            </select>
          )}
        </Field>
        <Field label={t('move.time')}>{(p) => <input {...p} type="time" step={900} value={time} disabled={!technicianId} onChange={(e) => setTime(e.target.value)} />}</Field>
        <div className="action-bar">
          <button type="submit" className="primary" disabled={moves.busy}>
            {t('move.submit')}
          </button>
        </div>
      </div>
    </form>
  );
}
