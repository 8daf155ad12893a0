// The keyboard layer of the staff console: Ctrl+K / Cmd+K opens the command palette (customers,
// orders by number, commands), "/" focuses the search box, "g q" / "g o" go to my queue / orders,
// "?" shows the shortcuts. Keys typed into a field are the field's, except Ctrl+K.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '../../shared/ui';
import { useSession } from '../../shared/session';
import type { Permission } from '../../shared/types';
import { searchCustomers } from '../customers/api';
import { listOrders } from '../work-orders/api';
import { recentCustomers, type RecentCustomer } from './api';

type Choice = { id: string; group: 'customers' | 'orders' | 'commands'; label: string; detail?: string; to: string };
type Command = { key: string; to: string; show: (can: (p: Permission) => boolean) => boolean };

const commands: Command[] = [
  { key: 'palette.goQueue', to: '/app/workspace', show: (can) => can('customers.read') },
  { key: 'palette.goSearch', to: '/app/search', show: (can) => can('customers.read') },
  { key: 'palette.goOrders', to: '/app/orders', show: (can) => can('orders.read') },
  { key: 'palette.goComplaints', to: '/app/complaints', show: (can) => can('complaints.read') },
  { key: 'palette.goFollowUps', to: '/app/follow-ups', show: (can) => can('followups.read') },
  { key: 'palette.goTemplates', to: '/app/symptom-templates', show: (can) => can('catalog.write') },
];

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** Mounted once in the staff layout: listens for the shortcuts and shows the palette or the help. */
export function KeyboardLayer() {
  const navigate = useNavigate();
  const [open, setOpen] = useState<'palette' | 'help' | null>(null);
  useEffect(() => {
    let pendingG = 0;
    function onKey(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen('palette');
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || document.querySelector('dialog[open]')) return;
      if (e.key === '/') {
        const box = document.getElementById('desk-search');
        e.preventDefault();
        if (box) box.focus();
        else navigate('/app/workspace');
      } else if (e.key === '?') {
        e.preventDefault();
        setOpen('help');
      } else if (e.key === 'g') {
        pendingG = Date.now();
      } else if (pendingG && Date.now() - pendingG < 1500 && (e.key === 'q' || e.key === 'o')) {
        pendingG = 0;
        navigate(e.key === 'q' ? '/app/workspace' : '/app/orders');
      } else pendingG = 0;
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  if (open === 'palette') return <CommandPalette onClose={() => setOpen(null)} onHelp={() => setOpen('help')} />;
  if (open === 'help') return <ShortcutsHelp onClose={() => setOpen(null)} />;
  return null;
}

function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    ['Ctrl+K / ⌘K', 'shortcuts.palette'],
    ['/', 'shortcuts.search'],
    ['g q', 'shortcuts.queue'],
    ['g o', 'shortcuts.orders'],
    ['?', 'shortcuts.help'],
  ];
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([keys, label]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('shortcuts.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** A modal combobox: the list follows the words typed; ↑/↓ move, Enter opens, Esc closes (the dialog's own cancel). */
function CommandPalette({ onClose, onHelp }: { onClose: () => void; onHelp: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [found, setFound] = useState<Choice[]>([]);
  const [recent, setRecent] = useState<RecentCustomer[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    input.current?.focus();
    if (can('customers.read')) void recentCustomers().then((r) => setRecent(r.items), () => setRecent([]));
  }, [can]);

  // Customers and orders for the words, a moment after typing stops; a late answer for older words is dropped.
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setFound([]);
      return;
    }
    let stale = false;
    const timer = setTimeout(async () => {
      const [customers, orders] = await Promise.all([
        can('customers.read') ? searchCustomers({ q, limit: 5 }).catch(() => null) : null,
        can('orders.read') ? listOrders({ q, limit: 5 }).catch(() => null) : null,
      ]);
      if (stale) return;
      setFound([
        ...(customers?.items ?? []).map((c): Choice => ({ id: `c-${c.id}`, group: 'customers', label: c.name, detail: c.number, to: `/app/customers/${c.id}` })),
        ...(orders?.items ?? []).map((o): Choice => ({ id: `o-${o.id}`, group: 'orders', label: o.number, detail: o.symptom, to: `/app/orders/${o.id}` })),
      ]);
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, can]);

  const choices = useMemo(() => {
    const words = text.trim().toLowerCase();
    const cmds: Choice[] = [
      ...commands.filter((c) => c.show(can)).map((c): Choice => ({ id: `k-${c.key}`, group: 'commands', label: t(c.key), to: c.to })),
      ...recent.slice(0, 3).map((r): Choice => ({ id: `n-${r.customerId}`, group: 'commands', label: t('palette.newOrderFor', { name: r.name }), to: `/app/customers/${r.customerId}/new-order` })),
      { id: 'k-help', group: 'commands' as const, label: t('palette.showShortcuts'), to: '#help' },
    ].filter((c) => !words || c.label.toLowerCase().includes(words));
    return [...found, ...cmds];
  }, [found, recent, text, t, can]);

  useEffect(() => setActive(0), [choices.length]);

  function choose(c: Choice | undefined) {
    if (!c) return;
    if (c.to === '#help') {
      onHelp();
      return;
    }
    onClose();
    navigate(c.to);
  }

  function onKeyDown(e: ReactKeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, choices.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(choices[active]);
    }
  }

  const optionId = (c: Choice) => `${listId}-${c.id}`;
  const groups = (['customers', 'orders', 'commands'] as const).filter((g) => choices.some((c) => c.group === g));
  return (
    <Dialog title={t('palette.title')} onClose={onClose}>
      <div className="palette">
        <label htmlFor={`${listId}-input`} className="visually-hidden">
          {t('palette.label')}
        </label>
        <input
          id={`${listId}-input`}
          ref={input}
          type="text"
          role="combobox"
          aria-expanded={choices.length > 0}
          aria-controls={choices.length > 0 ? listId : undefined}
          aria-autocomplete="list"
          aria-activedescendant={choices[active] ? optionId(choices[active]) : undefined}
          placeholder={t('palette.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
        />
        <p className="hint">{t('palette.hint')}</p>
        {choices.length === 0 && <p className="muted">{t('palette.none')}</p>}
        {choices.length > 0 && (
        <div id={listId} role="listbox" aria-label={t('palette.results')} className="palette-list">
          {groups.map((g) => (
            <div role="group" key={g} aria-label={t(`palette.${g}`)}>
              <div className="palette-group" aria-hidden="true">
                {t(`palette.${g}`)}
              </div>
              {choices.map((c, i) =>
                c.group !== g ? null : (
                  <div
                    key={c.id}
                    id={optionId(c)}
                    role="option"
                    aria-selected={i === active}
                    className={i === active ? 'palette-option active' : 'palette-option'}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => choose(c)}
                  >
                    <strong>{c.label}</strong> {c.detail && <span className="muted">{c.detail}</span>}
                  </div>
                ),
              )}
            </div>
          ))}
        </div>
        )}
      </div>
    </Dialog>
  );
}
