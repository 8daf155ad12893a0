import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { localName } from './shared/format';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { homeOf, useSession } from './shared/session';
import { Bare, LanguageSwitch, Loading, NotFound } from './shared/ui';
import { StaffNav } from './shared/StaffNav';
import type { Me } from './shared/session-api';
import type { Permission } from './shared/types';
import { AuditPage, InvitationPage, StaffSignIn, UsersPage } from './features/access';
import { CustomerPage, SearchPage } from './features/customers';
import { DispatchPage } from './features/dispatch';
import { EvidenceRulesPage } from './features/evidence';
import { PortalPrices, PriceListsPage } from './features/fees';
import { NetworkPage, ProviderPage, TechnicianPage } from './features/network';
import { OutboxPage } from './features/notifications';
import { PortalHome, PortalOrder, PortalSignIn } from './features/portal';
import { AtRiskPage, CalendarPage, PolicyPage, PromiseSettingsPage } from './features/promises';
import { ExamPage, TrainingPage } from './features/training';
import { NewOrderPage, OrderPage, OrdersPage, TodayPage } from './features/work-orders';
import { ReturnCasePage, ReturnCasesPage, ReturnStatisticsPage } from './features/returns';
import { DisputesQueuePage, DisputeStatisticsPage } from './features/disputes';
import { FraudQueuePage, FraudRatesPage, FraudRulesPage } from './features/fraud';
import { MeasuresPage } from './features/scorecard';
import { OldPartReturnsPage, PartRequestsPage, PartsCatalogPage, StockPage } from './features/parts';
import { FollowUpQueuePage, SurveyPage } from './features/follow-ups';
import { ComplaintPage, ComplaintsPage } from './features/complaints';
import { SettlementRulesPage, StatementPage, StatementsPage } from './features/settlement';
import { AuditOnPhonePage, AuditsPage, AuditTemplatesPage, CorrectiveActionsPage } from './features/audits';
import { PulsePage, SuggestionsPage } from './features/staff-voice';
import { CampaignPage, CampaignsPage } from './features/care';
import { LeadsPage, LoyaltyPage } from './features/loyalty';
import { ImportWizardPage } from './features/imports';
import { WebhooksPage } from './features/webhooks';
import { KeyboardLayer, SymptomTemplatesPage, WorkspacePage } from './features/workspace';
import { Bell } from './features/live';

// ECharts is large: only the pages with charts (dashboard, promise report) load it, together.
const DashboardPage = lazy(() => import('./chart-pages').then((m) => ({ default: m.DashboardPage })));
const PromiseReportPage = lazy(() => import('./chart-pages').then((m) => ({ default: m.PromiseReportPage })));
const QualityDashboardPage = lazy(() => import('./chart-pages').then((m) => ({ default: m.QualityDashboardPage })));
const ScorecardPage = lazy(() => import('./chart-pages').then((m) => ({ default: m.ScorecardPage })));

export function App() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/sign-in" element={<StaffSignIn />} />
      <Route path="/invitation" element={<InvitationPage />} />
      <Route path="/survey" element={<Bare><SurveyPage /></Bare>} />
      <Route path="/app" element={<StaffLayout />}>
        <Route index element={<Home />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="workspace" element={<WorkspacePage />} />
        <Route path="symptom-templates" element={<SymptomTemplatesPage />} />
        <Route path="customers/:id" element={<CustomerPage />} />
        <Route path="customers/:id/new-order" element={<NewOrderPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/:id" element={<OrderPage />} />
        <Route path="today" element={<TodayPage />} />
        <Route path="dashboard" element={<Suspense fallback={<Loading />}><DashboardPage /></Suspense>} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="outbox" element={<OutboxPage />} />
        <Route path="evidence-rules" element={<EvidenceRulesPage />} />
        <Route path="price-lists" element={<PriceListsPage />} />
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
        <Route path="returns" element={<ReturnCasesPage />} />
        <Route path="returns/:id" element={<ReturnCasePage />} />
        <Route path="return-statistics" element={<ReturnStatisticsPage />} />
        <Route path="fee-disputes" element={<DisputesQueuePage />} />
        <Route path="fraud" element={<FraudQueuePage />} />
        <Route path="fraud/rules" element={<FraudRulesPage />} />
        <Route path="fraud/rates" element={<FraudRatesPage />} />
        <Route path="dispute-statistics" element={<DisputeStatisticsPage />} />
        <Route path="parts" element={<PartsCatalogPage />} />
        <Route path="stock" element={<StockPage />} />
        <Route path="part-requests" element={<PartRequestsPage />} />
        <Route path="old-parts" element={<OldPartReturnsPage />} />
        <Route path="follow-ups" element={<FollowUpQueuePage />} />
        <Route path="complaints" element={<ComplaintsPage />} />
        <Route path="complaints/:id" element={<ComplaintPage />} />
        <Route path="settlement" element={<StatementsPage />} />
        <Route path="settlement/:id" element={<StatementPage />} />
        <Route path="settlement-rules" element={<SettlementRulesPage />} />
        <Route path="care" element={<CampaignsPage />} />
        <Route path="care/:id" element={<CampaignPage />} />
        <Route path="loyalty" element={<LoyaltyPage />} />
        <Route path="leads" element={<LeadsPage />} />
        <Route path="quality" element={<Suspense fallback={<Loading />}><QualityDashboardPage /></Suspense>} />
        <Route path="audits" element={<AuditsPage />} />
        <Route path="audits/new" element={<AuditOnPhonePage />} />
        <Route path="audit-templates" element={<AuditTemplatesPage />} />
        <Route path="corrective-actions" element={<CorrectiveActionsPage />} />
        <Route path="pulse" element={<PulsePage />} />
        <Route path="suggestions" element={<SuggestionsPage />} />
        <Route path="scorecard" element={<Suspense fallback={<Loading />}><ScorecardPage /></Suspense>} />
        <Route path="scorecard/measures" element={<MeasuresPage />} />
        <Route path="imports" element={<ImportWizardPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route path="/my/sign-in" element={<PortalSignIn />} />
      <Route path="/my" element={<PortalLayout />}>
        <Route index element={<PortalHome />} />
        <Route path="orders/:id" element={<PortalOrder />} />
        <Route path="prices" element={<PortalPrices />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route path="*" element={<Bare><NotFound /></Bare>} />
    </Routes>
  );
}

function Home() {
  const { me, ready } = useSession();
  if (!ready) return <Loading />;
  return <Navigate to={homeOf(me)} replace />;
}

type NavItem = { to: string; label: string; show: (me: Me, can: (p: Permission) => boolean) => boolean };
// Shown by permission; the dashboard goes with the audit permission (managers and administrators)
// until the insights module brings a permission of its own.
const staffNav: NavItem[] = [
  { to: '/app/today', label: 'nav.today', show: (me) => me.user?.role === 'technician' },
  { to: '/app/workspace', label: 'workspace.nav', show: (me) => me.user?.role === 'agent' },
  { to: '/app/search', label: 'nav.search', show: (me, can) => can('customers.read') && me.user?.role !== 'technician' && me.user?.role !== 'agent' },
  { to: '/app/orders', label: 'nav.orders', show: (_me, can) => can('orders.read') },
  { to: '/app/at-risk', label: 'nav.atRisk', show: (me, can) => can('orders.read') && me.user?.role !== 'technician' },
  { to: '/app/dispatch', label: 'nav.dispatch', show: (_me, can) => can('dispatch.plan') },
  { to: '/app/training', label: 'nav.training', show: (_me, can) => can('training.read') },
  { to: '/app/network', label: 'nav.network', show: (_me, can) => can('network.write') || can('dispatch.plan') },
  { to: '/app/dashboard', label: 'nav.dashboard', show: (_me, can) => can('audit.read') },
  { to: '/app/promises', label: 'nav.promises', show: (_me, can) => can('promises.manage') },
  { to: '/app/evidence-rules', label: 'nav.evidenceRules', show: (_me, can) => can('catalog.write') },
  { to: '/app/symptom-templates', label: 'templates.nav', show: (_me, can) => can('catalog.write') },
  { to: '/app/price-lists', label: 'nav.priceLists', show: (_me, can) => can('fees.manage') },
  { to: '/app/audit', label: 'nav.audit', show: (_me, can) => can('audit.read') },
  { to: '/app/outbox', label: 'nav.outbox', show: (_me, can) => can('outbox.read') },
  { to: '/app/users', label: 'nav.users', show: (_me, can) => can('users.manage') },
  { to: '/app/returns', label: 'nav.returns', show: (_me, can) => can('returns.handle') },
  { to: '/app/return-statistics', label: 'nav.returnStatistics', show: (_me, can) => can('returns.approve') },
  { to: '/app/fee-disputes', label: 'disputes.navQueue', show: (_me, can) => can('disputes.read') },
  { to: '/app/dispute-statistics', label: 'disputes.navStatistics', show: (_me, can) => can('disputes.review') },
  { to: '/app/care', label: 'care.nav', show: (_me, can) => can('care.read') },
  { to: '/app/loyalty', label: 'loyalty.nav', show: (_me, can) => can('loyalty.manage') },
  { to: '/app/leads', label: 'leads.nav', show: (_me, can) => can('leads.handle') },
  { to: '/app/fraud', label: 'fraud.navQueue', show: (_me, can) => can('fraud.review') },
  { to: '/app/fraud/rules', label: 'fraud.navRules', show: (_me, can) => can('fraud.rules') },
  { to: '/app/fraud/rates', label: 'fraud.navRates', show: (_me, can) => can('fraud.review') },
  { to: '/app/parts', label: 'parts.navCatalog', show: (_me, can) => can('parts.manage') },
  { to: '/app/stock', label: 'parts.navStock', show: (_me, can) => can('parts.stock') },
  { to: '/app/part-requests', label: 'parts.navRequests', show: (_me, can) => can('parts.stock') },
  { to: '/app/old-parts', label: 'parts.navReturns', show: (_me, can) => can('parts.stock') || can('parts.returns.inspect') },
  { to: '/app/follow-ups', label: 'followUps.nav', show: (_me, can) => can('followups.read') },
  { to: '/app/complaints', label: 'complaints.nav', show: (_me, can) => can('complaints.read') },
  { to: '/app/settlement', label: 'settlement.navStatements', show: (_me, can) => can('settlement.read') },
  { to: '/app/settlement-rules', label: 'settlement.navRules', show: (_me, can) => can('settlement.manage') },
  { to: '/app/quality', label: 'quality.nav', show: (me, can) => can('quality.view') && !me.user?.providerId },
  { to: '/app/audits', label: 'audits.nav', show: (_me, can) => can('audits.read') },
  { to: '/app/corrective-actions', label: 'audits.navActions', show: (_me, can) => can('audits.read') },
  { to: '/app/audit-templates', label: 'audits.navTemplates', show: (_me, can) => can('audits.manage') },
  { to: '/app/pulse', label: 'voice.navPulse', show: (_me, can) => can('voice.take_part') },
  { to: '/app/suggestions', label: 'voice.navSuggestions', show: (_me, can) => can('voice.take_part') },
  { to: '/app/scorecard', label: 'scorecard.nav', show: (_me, can) => can('scorecard.view') },
  { to: '/app/scorecard/measures', label: 'scorecard.navMeasures', show: (_me, can) => can('scorecard.manage') },
  { to: '/app/imports', label: 'imports.nav', show: (_me, can) => can('imports.manage') },
  { to: '/app/webhooks', label: 'webhooks.nav', show: (_me, can) => can('webhooks.manage') },
];

function StaffLayout() {
  const { t } = useTranslation();
  const { me, ready, can } = useSession();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.kind === 'customer') return <Navigate to="/my" replace />;
  const items = staffNav.filter((i) => i.show(me, can));
  return (
    <Frame home="/app" brand={t('app.name')} signedOutTo="/sign-in" nav={
      <StaffNav pages={items} />
    } who={`${me.user ? localName(me.user.displayName, me.user.displayNameEn) : ''} · ${me.user ? t(`role.${me.user.role}`) : ''}`} keys={<KeyboardLayer />} bell={<Bell />} />
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
function Frame({ home, brand, signedOutTo, nav, who, keys, bell }: { home: string; brand: string; signedOutTo: string; nav?: ReactNode; who?: string; keys?: ReactNode; bell?: ReactNode }) {
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
          {bell}
          {who && <span className="who-name">{who}</span>}
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
      {keys}
    </div>
  );
}
