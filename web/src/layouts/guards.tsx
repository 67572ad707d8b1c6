import { Button, Result, Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation, useParams } from 'react-router-dom';
import { type Access, homePath, type StoreModule } from '../access';
import { errorText } from '../components/serverErrors';
import { useI18n } from '../i18n';
import { ForbiddenPage } from '../pages/exception/forbidden';
import { lastStore, rememberStore, sessionExpired, useMe, useSetupStatus } from '../session';
import { useAccess } from './useAccess';

const FullSpin = () => (
  <div style={{ display: 'flex', minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
    <Spin size="large" />
  </div>
);

/** Not logged in → /setup when the installation has no owner yet, else /login?redirect=… */
function ToEntry() {
  const location = useLocation();
  const setup = useSetupStatus();
  if (setup.isLoading) return <FullSpin />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  const here = location.pathname + location.search;
  const params = new URLSearchParams();
  if (here && here !== '/') params.set('redirect', here);
  if (sessionExpired()) params.set('expired', '1');
  const to = params.size ? `/login?${params}` : '/login';
  return <Navigate to={to} replace />;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  if (me.isLoading) return <FullSpin />;
  if (me.isError) {
    return (
      <Result
        status="500"
        title={t('common.loadFailed')}
        subTitle={errorText(t, me.error)}
        extra={
          <Button type="primary" onClick={() => me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!me.data) return <ToEntry />;
  return <>{children}</>;
}

export function HomeRedirect() {
  const { t } = useI18n();
  const { data: me } = useMe();
  if (!me) return null;
  if (me.stores.length === 0) {
    return (
      <Result
        status="info"
        title={t('common.noStoresTitle')}
        subTitle={t('common.noStoresDesc')}
        extra={<Link to="/account">{t('menu.account')}</Link>}
      />
    );
  }
  const last = lastStore();
  const store = me.stores.find((s) => s.code === last) ?? me.stores[0];
  return <Navigate to={homePath(store)} replace />;
}

/** /s/:storeCode/… : the person must be a member of that store. */
export function StoreScope() {
  const { t } = useI18n();
  const { storeCode = '' } = useParams();
  const { data: me } = useMe();
  const store = me?.stores.find((s) => s.code === storeCode);
  useEffect(() => {
    if (store) rememberStore(store.code);
  }, [store]);
  if (!store) {
    return (
      <Result
        status="404"
        title={t('common.notFoundTitle')}
        subTitle={t('common.storeNotFound', { code: storeCode })}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.goHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <Outlet />;
}

export function ModuleGuard({ module, children }: { module: StoreModule; children: ReactNode }) {
  const access = useAccess();
  if (!access.canRead(module)) return <ForbiddenPage />;
  return <>{children}</>;
}

/** /s/:storeCode/team → people when the person may list people, else groups. */
export function TeamIndex() {
  const access = useAccess();
  return <Navigate to={access.canReadPeople ? 'people' : 'groups'} replace />;
}

export function OrgGuard({ allowed, children }: { allowed: (a: Access) => boolean; children: ReactNode }) {
  const access = useAccess();
  if (!allowed(access)) return <ForbiddenPage />;
  return <>{children}</>;
}
