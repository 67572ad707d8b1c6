import {
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  ShopOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isStoreModule } from '../access';
import { authApi } from '../api/auth';
import { LangSwitch } from '../components/LangSwitch';
import { NotifyBell } from '../components/NotifyBell';
import { errorText } from '../components/serverErrors';
import { tryT, useI18n } from '../i18n';
import type { Locale } from '../locales';
import { ME_KEY, rememberStore, useMe, useSetMe } from '../session';
import { buildMenu, menuKeyOf, menuPath } from './menu';
import { useAccess, useCurrentStoreCode } from './useAccess';

const { Header, Sider, Content } = Layout;

const SIDER_WIDTH = 216;

function Logo({ collapsed }: { collapsed: boolean }) {
  const { t } = useI18n();
  return (
    <Flex
      align="center"
      gap={8}
      style={{
        height: 56,
        padding: collapsed ? '0 24px' : '0 20px',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      }}
    >
      <span
        style={{
          width: 28,
          height: 28,
          borderRadius: 6,
          background: '#1677ff',
          color: '#fff',
          fontWeight: 700,
          fontSize: 13,
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          flex: 'none',
        }}
      >
        SO
      </span>
      {!collapsed && (
        <Typography.Text strong style={{ fontSize: 17 }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** Profile wins at the start of a session; later switches are saved to the profile. */
let localeSyncedFor: string | undefined;

export function BasicLayout() {
  const { t, locale, setLocale } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const setMe = useSetMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const access = useAccess();
  const storeCode = useCurrentStoreCode(me);
  const store = access.store;

  useEffect(() => {
    if (me && localeSyncedFor !== me.person.id) {
      localeSyncedFor = me.person.id;
      if (me.person.locale && me.person.locale !== locale) setLocale(me.person.locale);
    }
  }, [me, locale, setLocale]);

  const selectedKey = menuKeyOf(location.pathname);
  const items = useMemo(() => buildMenu(access, t), [access, t]);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (selectedKey?.startsWith('team') ? ['team'] : []));
  const prevSelected = useRef(selectedKey);
  useEffect(() => {
    if (selectedKey !== prevSelected.current && selectedKey?.startsWith('team')) {
      setOpenKeys((k) => (k.includes('team') ? k : [...k, 'team']));
    }
    prevSelected.current = selectedKey;
  }, [selectedKey]);

  if (!me) return null;

  const onMenuClick = ({ key }: { key: string }) => {
    navigate(menuPath(key, storeCode));
    setDrawerOpen(false);
  };

  const switchStore = (code: string) => {
    const target = me.stores.find((s) => s.code === code);
    if (!target) return;
    rememberStore(code);
    const m = location.pathname.match(/^\/s\/[^/]+(\/.*)?$/);
    const rest = m?.[1] ?? '';
    const module = rest.split('/')[1];
    const allowed = isStoreModule(module) && target.permissions.includes(`${module}:read`);
    navigate(`/s/${encodeURIComponent(code)}${m && allowed ? rest : '/today'}`);
  };

  const saveLocale = async (l: Locale) => {
    try {
      setMe(await authApi.updateMe({ locale: l }));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const logout = async () => {
    try {
      await authApi.logout();
    } catch {
      // the session may already be gone; log out locally anyway
    }
    localeSyncedFor = undefined;
    qc.clear();
    qc.setQueryData(ME_KEY, null);
    message.success(t('shell.loggedOut'));
    navigate('/login', { replace: true });
  };

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selectedKey ? [selectedKey] : []}
      openKeys={collapsed && !mobile ? undefined : openKeys}
      onOpenChange={(keys) => setOpenKeys(keys as string[])}
      onClick={onMenuClick}
      style={{ borderInlineEnd: 'none' }}
      data-testid="side-menu"
    />
  );

  const storeItems = me.stores.map((s) => ({
    key: s.code,
    label: (
      <Flex justify="space-between" gap={12} data-testid={`store-option-${s.code}`}>
        <span>{s.name}</span>
        <Tag style={{ marginInlineEnd: 0 }}>{tryT(t, `platform.${s.platform}`, s.platform)}</Tag>
      </Flex>
    ),
  }));

  const userItems = [
    {
      key: 'account',
      icon: <UserOutlined />,
      label: <span data-testid="user-menu-account">{t('shell.user.account')}</span>,
    },
    {
      key: 'tokens',
      icon: <KeyOutlined />,
      label: <span data-testid="user-menu-tokens">{t('shell.user.tokens')}</span>,
    },
    { type: 'divider' as const },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="user-menu-logout">{t('shell.user.logout')}</span>,
    },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={SIDER_WIDTH + 24}
          closable={false}
          styles={{ body: { padding: 0 } }}
        >
          <Logo collapsed={false} />
          {menu}
        </Drawer>
      ) : (
        <Sider
          width={SIDER_WIDTH}
          collapsible
          collapsed={collapsed}
          trigger={null}
          theme="light"
          style={{
            borderInlineEnd: '1px solid rgba(5,5,5,0.06)',
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflow: 'auto',
          }}
        >
          <Logo collapsed={collapsed} />
          {menu}
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: '1px solid rgba(5,5,5,0.06)',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Button
            type="text"
            aria-label={mobile ? t('shell.openMenu') : collapsed ? t('shell.expand') : t('shell.collapse')}
            data-testid="menu-toggle"
            icon={mobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (mobile ? setDrawerOpen(true) : setCollapsed((c) => !c))}
          />
          {me.stores.length > 0 && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: storeItems,
                selectable: true,
                selectedKeys: storeCode ? [storeCode] : [],
                onClick: ({ key }) => switchStore(key),
              }}
            >
              <Button
                data-testid="store-switcher"
                title={t('shell.storeSwitcher')}
                style={{ maxWidth: mobile ? 160 : 280 }}
              >
                <ShopOutlined />
                <span
                  data-testid="current-store"
                  style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                >
                  {store?.name ?? storeCode}
                </span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          )}
          <div style={{ flex: 1 }} />
          {storeCode && access.canRead('notify') && <NotifyBell storeCode={storeCode} />}
          <LangSwitch onChange={saveLocale} />
          <Dropdown
            trigger={['click']}
            menu={{
              items: userItems,
              onClick: ({ key }) => {
                if (key === 'logout') void logout();
                else navigate(key === 'tokens' ? '/account/tokens' : '/account');
              },
            }}
          >
            <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }}>
              <Avatar size="small" style={{ background: '#1677ff' }}>
                {me.person.displayName.slice(0, 1)}
              </Avatar>
              {!mobile && <span data-testid="user-name">{me.person.displayName}</span>}
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ minWidth: 0 }}>
          <Outlet />
        </Content>
        <Layout.Footer
          style={{ textAlign: 'center', padding: '12px 16px', color: 'rgba(0,0,0,0.35)', fontSize: 12 }}
        >
          {t('shell.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
