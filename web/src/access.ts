import type { Me, MeStore } from './api/auth';

/**
 * Permissions of the desk, in one place (Ant Design Pro's access.ts). Store permissions are
 * `<resource>:<action>` from GET /me for the current store; org permissions are store-independent.
 */

export const STORE_MODULES = [
  'today',
  'metrics',
  'orders',
  'aftersales',
  'service',
  'inventory',
  'catalog',
  'marketing',
  'work',
  'finance',
  'pay',
  'crm',
  'notify',
  'imports',
  'team',
] as const;
export type StoreModule = (typeof STORE_MODULES)[number];

/** Modules whose pages exist; the others show a "not built yet" page. */
export const BUILT_MODULES: ReadonlySet<StoreModule> = new Set([
  'marketing',
  'today',
  'imports',
  'team',
  'orders',
  'aftersales',
  'work',
  'notify',
  'inventory',
  'catalog',
  'service',
  'metrics',
]);

export const isStoreModule = (v: string | undefined): v is StoreModule =>
  !!v && (STORE_MODULES as readonly string[]).includes(v);

export type OrgPermission = 'stores:create' | 'stores:write' | 'people:read' | 'people:write' | 'audit:read';

export type Access = {
  store: MeStore | undefined;
  isOwner: boolean;
  /** A store permission in the current store, e.g. `orders:read`, `pay:approve`. */
  can: (permission: string) => boolean;
  canRead: (module: StoreModule) => boolean;
  canWrite: (module: StoreModule) => boolean;
  org: (permission: OrgPermission) => boolean;
  canAdminStores: boolean;
  canReadAudit: boolean;
  /** The people list (org `people:read`) inside the team module. */
  canReadPeople: boolean;
  /** Create, edit, delete and restore people (org `people:write`). */
  canManagePeople: boolean;
  /** Rename a store or change its time zone: `team:write` in that store (or org `stores:write` and a member). */
  canEditStore: (code: string) => boolean;
  /** Create and delete stores (org `stores:create`, the owner). */
  canCreateStores: boolean;
};

export function getAccess(me: Me | null | undefined, storeCode: string | undefined): Access {
  const store = me?.stores.find((s) => s.code === storeCode);
  const perms = new Set(store?.permissions ?? []);
  const orgPerms = new Set(me?.orgPermissions ?? []);
  const can = (p: string) => perms.has(p);
  const org = (p: OrgPermission) => orgPerms.has(p);
  return {
    store,
    isOwner: !!me?.person.isOwner,
    can,
    canRead: (m) => can(`${m}:read`),
    canWrite: (m) => can(`${m}:write`),
    org,
    canAdminStores: org('stores:create') || org('stores:write'),
    canReadAudit: org('audit:read'),
    canReadPeople: perms.has('team:read') && org('people:read'),
    canManagePeople: org('people:write'),
    canEditStore: (code) => !!me?.stores.find((s) => s.code === code)?.permissions.includes('team:write'),
    canCreateStores: org('stores:create'),
  };
}

/** The first page a person may open in a store. */
export function homePath(store: MeStore): string {
  const perms = new Set(store.permissions);
  const first = STORE_MODULES.find((m) => perms.has(`${m}:read`));
  const target = first === 'team' ? 'team/groups' : (first ?? 'today');
  return `/s/${encodeURIComponent(store.code)}/${target}`;
}
