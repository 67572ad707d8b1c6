import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { BasicLayout } from './layouts/BasicLayout';
import { HomeRedirect, ModuleGuard, OrgGuard, RequireAuth, StoreScope, TeamIndex } from './layouts/guards';
import { NotFoundPage } from './pages/exception/not-found';

const SetupPage = lazy(() => import('./pages/auth/setup'));
const LoginPage = lazy(() => import('./pages/auth/login'));
const TodayPage = lazy(() => import('./pages/today/home'));
const PeoplePage = lazy(() => import('./pages/team/people'));
const GroupsPage = lazy(() => import('./pages/team/groups'));
const ImportsPage = lazy(() => import('./pages/imports/home'));
const StoresPage = lazy(() => import('./pages/admin/stores'));
const AuditPage = lazy(() => import('./pages/admin/audit'));
const AccountPage = lazy(() => import('./pages/account/profile'));
const TokensPage = lazy(() => import('./pages/account/tokens'));
const NotBuiltPage = lazy(() => import('./pages/exception/not-built'));
const MarketingCalendarPage = lazy(() => import('./pages/marketing/calendar'));
const MarketingCampaignPage = lazy(() => import('./pages/marketing/campaign'));
const MarketingCouponsPage = lazy(() => import('./pages/marketing/coupons'));
const MarketingAdsPage = lazy(() => import('./pages/marketing/ads'));
const MarketingContentPage = lazy(() => import('./pages/marketing/content'));
const OrdersPage = lazy(() => import('./pages/orders/home'));
const AftersalesPage = lazy(() => import('./pages/aftersales/home'));
const TasksPage = lazy(() => import('./pages/work/tasks'));
const DesignPage = lazy(() => import('./pages/work/design'));
const NotifyPage = lazy(() => import('./pages/notify/inbox'));
const WorkSetupPage = lazy(() => import('./pages/work/setup'));
const HandoversPage = lazy(() => import('./pages/work/handovers'));
const InventoryPage = lazy(() => import('./pages/inventory/home'));
const CatalogPage = lazy(() => import('./pages/catalog/home'));
const ProductPage = lazy(() => import('./pages/catalog/product'));
const ServicePage = lazy(() => import('./pages/service/home'));
const MetricsReportPage = lazy(() => import('./pages/metrics/report'));

export const PageSpin = () => (
  <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
    <Spin size="large" />
  </div>
);

const page = (node: ReactNode) => <Suspense fallback={<PageSpin />}>{node}</Suspense>;

/**
 * URLs: /setup, /login, /s/:storeCode/<module>[/<page>] (the store lives in the URL so links can be
 * shared), /admin/stores, /admin/audit, /account, /account/tokens.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/setup" element={page(<SetupPage />)} />
      <Route path="/login" element={page(<LoginPage />)} />
      <Route
        element={
          <RequireAuth>
            <BasicLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route path="s/:storeCode" element={<StoreScope />}>
          <Route index element={<Navigate to="today" replace />} />
          <Route path="today" element={<ModuleGuard module="today">{page(<TodayPage />)}</ModuleGuard>} />
          <Route path="team" element={<TeamIndex />} />
          <Route
            path="team/people"
            element={
              <ModuleGuard module="team">
                <OrgGuard allowed={(a) => a.canReadPeople}>{page(<PeoplePage />)}</OrgGuard>
              </ModuleGuard>
            }
          />
          <Route
            path="team/groups"
            element={<ModuleGuard module="team">{page(<GroupsPage />)}</ModuleGuard>}
          />
          <Route
            path="imports"
            element={<ModuleGuard module="imports">{page(<ImportsPage />)}</ModuleGuard>}
          />
          <Route
            path="marketing"
            element={<ModuleGuard module="marketing">{page(<MarketingCalendarPage />)}</ModuleGuard>}
          />
          <Route
            path="marketing/campaigns/:id"
            element={<ModuleGuard module="marketing">{page(<MarketingCampaignPage />)}</ModuleGuard>}
          />
          <Route
            path="marketing/coupons"
            element={<ModuleGuard module="marketing">{page(<MarketingCouponsPage />)}</ModuleGuard>}
          />
          <Route
            path="marketing/ads"
            element={<ModuleGuard module="marketing">{page(<MarketingAdsPage />)}</ModuleGuard>}
          />
          <Route
            path="marketing/content"
            element={<ModuleGuard module="marketing">{page(<MarketingContentPage />)}</ModuleGuard>}
          />
          <Route path="orders" element={<ModuleGuard module="orders">{page(<OrdersPage />)}</ModuleGuard>} />
          <Route
            path="aftersales"
            element={<ModuleGuard module="aftersales">{page(<AftersalesPage />)}</ModuleGuard>}
          />
          <Route path="work" element={<Navigate to="tasks" replace />} />
          <Route path="work/tasks" element={<ModuleGuard module="work">{page(<TasksPage />)}</ModuleGuard>} />
          <Route
            path="work/design"
            element={<ModuleGuard module="work">{page(<DesignPage />)}</ModuleGuard>}
          />
          <Route
            path="work/handovers"
            element={<ModuleGuard module="work">{page(<HandoversPage />)}</ModuleGuard>}
          />
          <Route
            path="work/setup"
            element={<ModuleGuard module="work">{page(<WorkSetupPage />)}</ModuleGuard>}
          />
          <Route path="notify" element={<ModuleGuard module="notify">{page(<NotifyPage />)}</ModuleGuard>} />
          <Route
            path="inventory"
            element={<ModuleGuard module="inventory">{page(<InventoryPage />)}</ModuleGuard>}
          />
          <Route
            path="catalog"
            element={<ModuleGuard module="catalog">{page(<CatalogPage />)}</ModuleGuard>}
          />
          <Route
            path="catalog/products/:productId"
            element={<ModuleGuard module="catalog">{page(<ProductPage />)}</ModuleGuard>}
          />
          <Route
            path="service"
            element={<ModuleGuard module="service">{page(<ServicePage />)}</ModuleGuard>}
          />
          <Route path="metrics" element={<Navigate to="report" replace />} />
          <Route
            path="metrics/report"
            element={<ModuleGuard module="metrics">{page(<MetricsReportPage />)}</ModuleGuard>}
          />
          <Route path=":module" element={page(<NotBuiltPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route
          path="admin/stores"
          element={<OrgGuard allowed={(a) => a.canAdminStores}>{page(<StoresPage />)}</OrgGuard>}
        />
        <Route
          path="admin/audit"
          element={<OrgGuard allowed={(a) => a.canReadAudit}>{page(<AuditPage />)}</OrgGuard>}
        />
        <Route path="account" element={page(<AccountPage />)} />
        <Route path="account/tokens" element={page(<TokensPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
