import { lazy, Suspense, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { post } from './api';
import { useSession } from './session';
import { Bare, Field, FormError, LanguageSwitch, Loading, NotFound, useFormErrors } from './ui';
import type { Me, Permission, Role } from './types';
import { SearchPage } from './pages/Search';
import { CustomerPage } from './pages/Customer';
import { NewOrderPage } from './pages/NewOrder';
import { OrderPage } from './pages/Order';
import { OrdersPage } from './pages/Orders';
import { TodayPage } from './pages/Today';
import { AuditPage } from './pages/Audit';
import { OutboxPage } from './pages/Outbox';
import { UsersPage } from './pages/Users';
import { AtRiskPage } from './pages/AtRisk';
import { DispatchPage } from './pages/Dispatch';
import { ExamPage, TrainingPage } from './pages/Training';
import { NetworkPage, ProviderPage, TechnicianPage } from './pages/Network';
import { CalendarPage, PolicyPage, PromiseSettingsPage } from './pages/PromiseSettings';
import { PortalSignIn } from './portal/PortalSignIn';
import { PortalHome } from './portal/PortalHome';
import { PortalOrder } from './portal/PortalOrder';

// ECharts is large: only the pages with charts (dashboard, promise report) load it.
const DashboardPage = lazy(() => import('./pages/Dashboard').then((m) => ({ default: m.DashboardPage })));
const PromiseReportPage = lazy(() => import('./pages/PromiseReport').then((m) => ({ default: m.PromiseReportPage })));

export function App() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/sign-in" element={<StaffSignIn />} />
      <Route path="/app" element={<StaffLayout />}>
        <Route index element={<Home />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="customers/:id" element={<CustomerPage />} />
        <Route path="customers/:id/new-order" element={<NewOrderPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/:id" element={<OrderPage />} />
        <Route path="today" element={<TodayPage />} />
        <Route path="dashboard" element={<Suspense fallback={<Loading />}><DashboardPage /></Suspense>} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="outbox" element={<OutboxPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="at-risk" element={<AtRiskPage />} />
        <Route path="dispatch" element={<DispatchPage />} />
        <Route path="training" element={<TrainingPage />} />
        <Route path="network" element={<NetworkPage />} />
        <Route path="network/providers/:id" element={<ProviderPage />} />
        <Route path="network/technicians/:id" element={<TechnicianPage />} />
        <Route path="training/exams/:id" element={<ExamPage />} />
        <Route path="promises" element={<Suspense fallback={<Loading />}><PromiseReportPage /></Suspense>} />
        <Route path="promises/settings" element={<PromiseSettingsPage />} />
        <Route path="promises/calendars/:id" element={<CalendarPage />} />
        <Route path="promises/policies/:id" element={<PolicyPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route path="/my/sign-in" element={<PortalSignIn />} />
      <Route path="/my" element={<PortalLayout />}>
        <Route index element={<PortalHome />} />
        <Route path="orders/:id" element={<PortalOrder />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route path="*" element={<Bare><NotFound /></Bare>} />
    </Routes>
  );
}

const roleHome: Record<Role, string> = {
  agent: '/app/search',
  dispatcher: '/app/orders?status=awaiting_dispatch',
  technician: '/app/today',
  provider_admin: '/app/orders',
  follow_up: '/app/orders?status=confirmed',
  manager: '/app/dashboard',
  admin: '/app/dashboard',
};

function homeOf(me: Me | null): string {
  if (!me) return '/sign-in';
  if (me.kind === 'customer') return '/my';
  return me.user ? roleHome[me.user.role] : '/app/search';
}

function Home() {
  const { me, ready } = useSession();
  if (!ready) return <Loading />;
  return <Navigate to={homeOf(me)} replace />;
}

function StaffSignIn() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const next = new URLSearchParams(location.search).get('next');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    form.setError(null);
    try {
      await post('/auth/sign-in', { username, password });
      const me = await refresh();
      navigate(next?.startsWith('/app') ? next : homeOf(me), { replace: true });
    } catch (err) {
      form.setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Bare>
      <form className="card narrow" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <Field label={t('signIn.username')} error={form.fieldError('username')} required>
          {(p) => <input {...p} autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label={t('signIn.password')} error={form.fieldError('password')} required>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <FormError message={form.formError()} />
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <p className="aside">
          <NavLink to="/my/sign-in">{t('signIn.customerLink')}</NavLink>
        </p>
      </form>
    </Bare>
  );
}

type NavItem = { to: string; label: string; show: (me: Me, can: (p: Permission) => boolean) => boolean };
// Shown by permission; the dashboard goes with the audit permission (managers and administrators)
// until the insights module brings a permission of its own.
const staffNav: NavItem[] = [
  { to: '/app/today', label: 'nav.today', show: (me) => me.user?.role === 'technician' },
  { to: '/app/search', label: 'nav.search', show: (me, can) => can('customers.read') && me.user?.role !== 'technician' },
  { to: '/app/orders', label: 'nav.orders', show: (_me, can) => can('orders.read') },
  { to: '/app/at-risk', label: 'nav.atRisk', show: (me, can) => can('orders.read') && me.user?.role !== 'technician' },
  { to: '/app/dispatch', label: 'nav.dispatch', show: (_me, can) => can('dispatch.plan') },
  { to: '/app/training', label: 'nav.training', show: (_me, can) => can('training.read') },
  { to: '/app/network', label: 'nav.network', show: (_me, can) => can('network.write') || can('dispatch.plan') },
  { to: '/app/dashboard', label: 'nav.dashboard', show: (_me, can) => can('audit.read') },
  { to: '/app/promises', label: 'nav.promises', show: (_me, can) => can('promises.manage') },
  { to: '/app/audit', label: 'nav.audit', show: (_me, can) => can('audit.read') },
  { to: '/app/outbox', label: 'nav.outbox', show: (_me, can) => can('outbox.read') },
  { to: '/app/users', label: 'nav.users', show: (_me, can) => can('users.manage') },
];

function StaffLayout() {
  const { t } = useTranslation();
  const { me, ready, can } = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  if (!ready) return <Loading />;
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.kind === 'customer') return <Navigate to="/my" replace />;
  const items = staffNav.filter((i) => i.show(me, can));
  return (
    <Frame home="/app" brand={t('app.name')} signedOutTo="/sign-in" nav={
      <>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="staff-nav" onClick={() => setMenuOpen((o) => !o)}>
          {t('nav.menu')}
        </button>
        <nav id="staff-nav" className={menuOpen ? 'open' : ''} aria-label={t('nav.main')}>
          <ul>
            {items.map((i) => (
              <li key={i.to}>
                <NavLink to={i.to}>{t(i.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </>
    } who={`${me.user?.displayName ?? ''} · ${me.user ? t(`role.${me.user.role}`) : ''}`} />
  );
}

function PortalLayout() {
  const { t } = useTranslation();
  const { me, ready } = useSession();
  if (!ready) return <Loading />;
  if (!me || me.kind !== 'customer') return <Navigate to="/my/sign-in" replace />;
  return <Frame home="/my" brand={t('portal.brand')} signedOutTo="/my/sign-in" />;
}

/** The signed-in page: skip link, the bar with the brand, navigation, language and sign-out, then the page. */
function Frame({ home, brand, signedOutTo, nav, who }: { home: string; brand: string; signedOutTo: string; nav?: ReactNode; who?: string }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const navigate = useNavigate();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <NavLink to={home} className="brand">
          {brand}
        </NavLink>
        {nav}
        <div className="who">
          {who && <span>{who}</span>}
          <LanguageSwitch />
          <button
            type="button"
            onClick={async () => {
              await signOut();
              navigate(signedOutTo);
            }}
          >
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
