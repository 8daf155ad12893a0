import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { pagesThatFit } from './nav-fit';
import { usePhone } from './phone';

export type NavPage = { to: string; label: string };

/**
 * The staff pages in the top bar. On a desk the bar is one row at any width: the pages that fit stay
 * in it, in order, the rest go behind a "More" button (a disclosure: Enter or ↓ opens it on its first
 * page, ↑/↓ move, Esc closes back onto the button). On a phone every page is in the menu the "Menu"
 * button opens, one under another.
 */
export function StaffNav({ pages }: { pages: NavPage[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const phone = usePhone();
  const [menuOpen, setMenuOpen] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);
  const [fit, setFit] = useState(pages.length);
  const nav = useRef<HTMLElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const moreList = useRef<HTMLUListElement>(null);
  const labels = pages.map((p) => t(p.label));

  useEffect(() => {
    setMenuOpen(false);
    setMoreOpen(false);
  }, [location.pathname]);

  // Measured from an invisible copy of the links (every one, as wide as in the bar) against the room
  // the bar leaves the navigation; again whenever either changes (window, language, fonts loaded).
  // Before paint, so the bar never shows a second row or a sideways scroll first.
  const key = labels.join('\n');
  useLayoutEffect(() => {
    if (phone) return;
    const box = nav.current;
    const copy = measure.current;
    if (!box || !copy) return;
    const layout = () => {
      const items = [...copy.children] as HTMLElement[];
      const widths = items.slice(0, -1).map((e) => e.getBoundingClientRect().width);
      const more = items.at(-1)!.getBoundingClientRect().width;
      const gap = parseFloat(getComputedStyle(copy).columnGap) || 0;
      setFit(pagesThatFit(widths, box.clientWidth, gap, more));
    };
    layout();
    const watch = new ResizeObserver(layout);
    watch.observe(box);
    watch.observe(copy);
    return () => watch.disconnect();
  }, [phone, key]);

  // A click anywhere else closes "More".
  useEffect(() => {
    if (!moreOpen) return;
    const away = (e: PointerEvent) => {
      if (!moreButton.current?.parentElement?.contains(e.target as Node)) setMoreOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [moreOpen]);

  const shown = phone ? pages.length : Math.min(fit, pages.length);
  const rest = pages.slice(shown);
  const restActive = rest.some((p) => location.pathname === p.to || location.pathname.startsWith(`${p.to}/`));
  const links = () => [...(moreList.current?.querySelectorAll('a') ?? [])];
  const focusLink = (i: number) => {
    const all = links();
    all[(i + all.length) % all.length]?.focus();
  };
  const openMore = (first: boolean) => {
    setMoreOpen(true);
    // After the list is shown: focus can only move onto a visible link.
    if (first) requestAnimationFrame(() => focusLink(0));
  };
  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      openMore(true);
    }
  };
  const onListKey = (e: KeyboardEvent) => {
    const at = links().indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusLink(at + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      focusLink(e.key === 'Home' ? 0 : -1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setMoreOpen(false);
      moreButton.current?.focus();
    }
  };

  return (
    <>
      <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="staff-nav" onClick={() => setMenuOpen((o) => !o)}>
        {t('nav.menu')}
      </button>
      <nav id="staff-nav" ref={nav} className={menuOpen ? 'open' : ''} aria-label={t('nav.main')}>
        <ul>
          {pages.slice(0, shown).map((p) => (
            <li key={p.to}>
              {/* Choosing the page already open changes no path: close the phone menu here too. */}
              <NavLink to={p.to} onClick={() => setMenuOpen(false)}>
                {t(p.label)}
              </NavLink>
            </li>
          ))}
          {rest.length > 0 && (
            <li
              className="nav-more"
              onBlur={(e) => {
                // Tabbing out of the list closes it; moving within it does not.
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setMoreOpen(false);
              }}
            >
              <button
                type="button"
                ref={moreButton}
                className={restActive ? 'active' : ''}
                aria-expanded={moreOpen}
                aria-controls="staff-nav-more"
                onClick={() => (moreOpen ? setMoreOpen(false) : openMore(false))}
                onKeyDown={onButtonKey}
              >
                {t('nav.more')} <span aria-hidden="true">▾</span>
              </button>
              <ul id="staff-nav-more" ref={moreList} hidden={!moreOpen} onKeyDown={onListKey}>
                {rest.map((p) => (
                  <li key={p.to}>
                    <NavLink to={p.to} onClick={() => setMoreOpen(false)}>
                      {t(p.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </li>
          )}
        </ul>
        {!phone && (
          <div className="nav-measure" ref={measure} aria-hidden="true">
            {labels.map((l, i) => (
              <span key={pages[i].to}>{l}</span>
            ))}
            <span className="nav-measure-more">
              {t('nav.more')} <span>▾</span>
            </span>
          </div>
        )}
      </nav>
    </>
  );
}
