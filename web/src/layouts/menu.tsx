import {
  AccountBookOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  DatabaseOutlined,
  FundOutlined,
  ProfileOutlined,
  RocketOutlined,
  RollbackOutlined,
  ShopOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { type Access, STORE_MODULES, type StoreModule } from '../access';
import type { TFunction } from '../i18n';

type MenuItem = Required<MenuProps>['items'][number];

const ICONS: Record<StoreModule, ReactNode> = {
  today: <CalendarOutlined />,
  metrics: <FundOutlined />,
  orders: <ProfileOutlined />,
  aftersales: <RollbackOutlined />,
  service: <CustomerServiceOutlined />,
  inventory: <DatabaseOutlined />,
  catalog: <AppstoreOutlined />,
  marketing: <RocketOutlined />,
  work: <CarryOutOutlined />,
  finance: <AccountBookOutlined />,
  pay: <TrophyOutlined />,
  crm: <ContactsOutlined />,
  notify: <BellOutlined />,
  imports: <CloudUploadOutlined />,
  team: <TeamOutlined />,
};

/** `data-testid` on the menu's <li> (rc-menu passes unknown props through). */
const testId = (key: string) => ({ 'data-testid': `menu-${key}` }) as object;

/** Menu key → path. Store pages live under /s/:storeCode. */
export function menuPath(key: string, storeCode: string | undefined): string {
  const s = `/s/${encodeURIComponent(storeCode ?? '')}`;
  switch (key) {
    case 'team-people':
      return `${s}/team/people`;
    case 'team-groups':
      return `${s}/team/groups`;
    case 'stores':
      return '/admin/stores';
    case 'audit':
      return '/admin/audit';
    default:
      return `${s}/${key}`;
  }
}

/** Path → selected menu key. */
export function menuKeyOf(pathname: string): string | undefined {
  if (pathname.startsWith('/admin/stores')) return 'stores';
  if (pathname.startsWith('/admin/audit')) return 'audit';
  const m = pathname.match(/^\/s\/[^/]+\/([^/]+)(?:\/([^/]+))?/);
  if (!m) return undefined;
  if (m[1] === 'team') return m[2] === 'groups' ? 'team-groups' : 'team-people';
  return m[1];
}

/** One entry per module the person may read in the current store, then the org-level admin entries. */
export function buildMenu(access: Access, t: TFunction): MenuItem[] {
  const items: MenuItem[] = [];
  for (const m of STORE_MODULES) {
    if (!access.canRead(m)) continue;
    if (m === 'team') {
      items.push({
        key: 'team',
        icon: ICONS.team,
        label: t('menu.team'),
        ...testId('team'),
        children: [
          ...(access.canReadPeople
            ? [{ key: 'team-people', label: t('menu.team.people'), ...testId('team-people') }]
            : []),
          { key: 'team-groups', label: t('menu.team.groups'), ...testId('team-groups') },
        ],
      });
    } else {
      items.push({ key: m, icon: ICONS[m], label: t(`menu.${m}`), ...testId(m) });
    }
  }
  const admin: MenuItem[] = [];
  if (access.canAdminStores) {
    admin.push({ key: 'stores', icon: <ShopOutlined />, label: t('menu.admin.stores'), ...testId('stores') });
  }
  if (access.canReadAudit) {
    admin.push({ key: 'audit', icon: <AuditOutlined />, label: t('menu.admin.audit'), ...testId('audit') });
  }
  if (admin.length) {
    items.push({ type: 'divider' });
    items.push({ type: 'group', key: 'admin', label: t('menu.admin'), children: admin });
  }
  return items;
}
