// Small building blocks every page uses: loading, empty and error states, labelled fields, dialogs.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from './api';
import { languages } from '../i18n';
import type { OrderStatus } from './types';

export type Load<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => void };

/** Runs `load` now and whenever `deps` change; a late answer for old deps is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Load<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // `load` is a new function each render; the caller's deps say when it means something new.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** The server counts business time on the order's calendar; asking again every minute keeps the clocks current. */
export function useEveryMinute(reload: () => void) {
  useEffect(() => {
    const timer = setInterval(reload, 60_000);
    return () => clearInterval(timer);
  }, [reload]);
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t('state.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

export function errorText(error: unknown, t: (k: string) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 409) return `${t('error.conflict')} ${error.message}`;
    return error.message;
  }
  return t('error.unexpected');
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  return (
    <div className="state error" role="alert">
      <p>{errorText(error, t)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

/** Loading, error or the content, for one loaded value. */
export function Async<T>({ state, children }: { state: Load<T>; children: (data: T) => ReactNode }) {
  if (state.data === undefined && state.loading) return <Loading />;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </section>
  );
}

type FieldProps = { id: string; 'aria-invalid': boolean | undefined; 'aria-describedby': string | undefined; required?: boolean };

/** A label, the control, a hint, and the server's message for this field right below it. */
export function Field({ label, error, hint, required, children }: { label: string; error?: string; hint?: string; required?: boolean; children: (props: FieldProps) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, required })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** The field messages of a failed request, and the rest as one message for the form. */
export function useFormErrors() {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  // A field's reason in the reader's language, when the server gave it in Chinese too (`zh`).
  const fieldError = (path: string) => {
    if (!(error instanceof ApiError)) return undefined;
    const zh = (error.details.find((d) => d.path === path) as { zh?: unknown } | undefined)?.zh;
    return i18n.language?.startsWith('zh') && typeof zh === 'string' ? zh : error.field(path);
  };
  const formError = () => {
    if (!error) return undefined;
    if (error instanceof ApiError && error.status === 400 && error.details.length > 0) return t('error.fixFields');
    return errorText(error, t);
  };
  return { error, setError, fieldError, formError };
}

export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

/** A modal <dialog>: focus moves in, Escape closes, the page behind is inert. */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.language?.startsWith('zh') ? 'zh' : 'en';
  return (
    <div className="lang" role="group" aria-label={t('nav.language')}>
      {languages.map((l) => (
        <button key={l.code} type="button" lang={l.code === 'zh' ? 'zh-CN' : 'en'} aria-pressed={current === l.code} onClick={() => void i18n.changeLanguage(l.code)}>
          {l.label}
        </button>
      ))}
    </div>
  );
}

export function Pager({ total, limit, offset, onOffset }: { total: number; limit: number; offset: number; onOffset: (o: number) => void }) {
  const { t } = useTranslation();
  if (total <= limit) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.range', { from: offset + 1, to: Math.min(total, offset + limit), total })}</span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}

/** A page without the navigation: sign-in, and paths nobody knows. */
export function Bare({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="bare">
      <header className="bare-header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main">{children}</main>
    </div>
  );
}

/** The field messages under a path ("week.2" has those of "week.2.0.start" too). */
export function errorsUnder(error: unknown, prefix: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const hits = error.details.filter((d) => d.path === prefix || d.path.startsWith(`${prefix}.`));
  return hits.length ? hits.map((d) => (d.path === prefix ? d.message : `${d.path.slice(prefix.length + 1)}: ${d.message}`)).join('; ') : undefined;
}
