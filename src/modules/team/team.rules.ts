/**
 * Who may do what (DOMAIN.md §1): roles, store-level resources, the permission matrix, and the
 * validation rules of logins, passwords and store codes. Pure functions; deny by default.
 */
export const ROLES = [
  'owner',
  'manager',
  'ops_assistant',
  'cs_presale',
  'cs_aftersale',
  'warehouse',
  'finance',
  'designer',
  'marketing',
  'analyst',
  'editor',
] as const;
export type Role = (typeof ROLES)[number];

export const CS_LEVELS = ['junior', 'mid', 'senior', 'account_manager'] as const;
export type CsLevel = (typeof CS_LEVELS)[number];

export const PLATFORMS = ['taobao', 'tmall', 'jd'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const GROUP_KINDS = [
  'cs',
  'warehouse',
  'design',
  'marketing',
  'finance',
  'analysis',
  'operations',
] as const;

/** Store-level resources: one per module of DESIGN.md, plus `today` and `imports`. */
export const STORE_RESOURCES = [
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
  /** The chat quality review queue (质检): confirm/reject hits, coaching tasks. */
  'quality',
] as const;
export type StoreResource = (typeof STORE_RESOURCES)[number];
export type StoreAction = 'read' | 'write' | 'approve';
export type StorePermission = `${StoreResource}:${StoreAction}`;

/** Organisation-level permissions (not tied to one store). */
export const ORG_PERMISSIONS = [
  'stores:create',
  'stores:write',
  'people:read',
  'people:write',
  'audit:read',
] as const;
export type OrgPermission = (typeof ORG_PERMISSIONS)[number];

const R = 'read';
const RW = 'rw';
type Grant = typeof R | typeof RW;

/**
 * The matrix. `rw` = read and write. Absent = denied. The owner has everything, including
 * `pay:approve` (the owner approves payroll). CS never sees finance or pay (other people's pay);
 * their own payslip arrives with the pay module as a personal view.
 */
const MATRIX: Record<Exclude<Role, 'owner'>, Partial<Record<StoreResource, Grant>>> = {
  manager: {
    today: RW,
    metrics: RW,
    orders: RW,
    aftersales: RW,
    service: RW,
    inventory: RW,
    catalog: RW,
    marketing: RW,
    work: RW,
    finance: R,
    pay: RW,
    crm: RW,
    notify: RW,
    imports: RW,
    team: RW,
    quality: RW,
  },
  ops_assistant: {
    today: RW,
    metrics: R,
    orders: RW,
    aftersales: RW,
    service: R,
    inventory: R,
    catalog: RW,
    marketing: RW,
    work: RW,
    crm: R,
    notify: RW,
    imports: RW,
    team: R,
    // DOMAIN.md §1: the operations assistant does the chat-record checks.
    quality: RW,
  },
  cs_presale: {
    today: RW,
    orders: RW,
    aftersales: R,
    service: R,
    inventory: R,
    catalog: R,
    marketing: R,
    work: RW,
    crm: RW,
    notify: RW,
    team: R,
  },
  cs_aftersale: {
    today: RW,
    orders: RW,
    aftersales: RW,
    service: R,
    inventory: R,
    catalog: R,
    marketing: R,
    work: RW,
    crm: RW,
    notify: RW,
    team: R,
  },
  warehouse: {
    today: RW,
    orders: RW,
    aftersales: R,
    inventory: RW,
    catalog: RW,
    work: RW,
    notify: RW,
    imports: RW,
    team: R,
  },
  finance: {
    today: RW,
    metrics: R,
    orders: R,
    aftersales: R,
    inventory: R,
    catalog: R,
    marketing: R,
    work: RW,
    finance: RW,
    pay: RW,
    notify: RW,
    imports: RW,
    team: R,
  },
  designer: { today: RW, catalog: R, marketing: R, work: RW, notify: RW, team: R },
  marketing: {
    today: RW,
    metrics: R,
    orders: R,
    inventory: R,
    catalog: R,
    marketing: RW,
    service: R,
    work: RW,
    crm: R,
    notify: RW,
    imports: RW,
    team: R,
  },
  analyst: {
    today: RW,
    metrics: RW,
    orders: R,
    aftersales: R,
    service: R,
    inventory: R,
    catalog: R,
    marketing: R,
    work: RW,
    finance: R,
    crm: R,
    notify: RW,
    imports: RW,
    team: R,
  },
  editor: { today: RW, metrics: R, catalog: RW, marketing: R, work: RW, notify: RW, team: R },
};

/** May a person with these roles in a store do `action` on `resource` there? */
export function canInStore(roles: readonly string[], resource: StoreResource, action: StoreAction): boolean {
  for (const role of roles) {
    if (role === 'owner') return true;
    if (action === 'approve') continue; // only the owner approves (payroll)
    const grant = MATRIX[role as Exclude<Role, 'owner'>]?.[resource];
    if (grant === RW || (grant === R && action === 'read')) return true;
  }
  return false;
}

/** Resources with an approval step (payroll). */
const APPROVABLE: ReadonlySet<StoreResource> = new Set(['pay']);

/** Every store permission the roles grant, as "resource:action" strings (for the menu). */
export function storePermissions(roles: readonly string[]): StorePermission[] {
  const out: StorePermission[] = [];
  for (const resource of STORE_RESOURCES) {
    for (const action of APPROVABLE.has(resource)
      ? (['read', 'write', 'approve'] as const)
      : (['read', 'write'] as const)) {
      if (canInStore(roles, resource, action)) out.push(`${resource}:${action}`);
    }
  }
  return out;
}

/**
 * Organisation permissions: owners do everything; a manager of any store reads and writes
 * people (only in the stores they manage, enforced by the service) and reads the audit log.
 */
export function orgPermissions(
  isOwner: boolean,
  rolesByStore: readonly (readonly string[])[],
): OrgPermission[] {
  if (isOwner) return [...ORG_PERMISSIONS];
  const isManager = rolesByStore.some((roles) => roles.includes('manager') || roles.includes('owner'));
  return isManager ? ['stores:write', 'people:read', 'people:write', 'audit:read'] : [];
}

export function canInOrg(
  isOwner: boolean,
  rolesByStore: readonly (readonly string[])[],
  p: OrgPermission,
): boolean {
  return orgPermissions(isOwner, rolesByStore).includes(p);
}

// ---- validation rules ------------------------------------------------------------------

/** Store codes go in URLs and CLI flags: lower-case ascii, digits and dashes, 2–32 long. */
export const STORE_CODE_RE = /^[a-z0-9][a-z0-9-]{1,31}$/;
/** Logins may look like platform sub-accounts (`测试旗舰店:小美`). */
export const LOGIN_RE = /^[A-Za-z0-9_.@:\-\u4e00-\u9fff]{2,64}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function isValidStoreCode(code: string): boolean {
  return STORE_CODE_RE.test(code);
}
export function isValidLogin(login: string): boolean {
  return LOGIN_RE.test(login);
}
export function isAcceptablePassword(pw: string): boolean {
  return pw.length >= PASSWORD_MIN && pw.length <= PASSWORD_MAX;
}
/** Roles the caller may hand out: only an owner makes owners. */
export function assignableRoles(callerIsOwner: boolean): readonly Role[] {
  return callerIsOwner ? ROLES : ROLES.filter((r) => r !== 'owner');
}

// ---- chat sub-accounts -------------------------------------------------------------------

/**
 * A chat account's name without the shop prefix and a role note, for matching it to a person:
 * `测试旗舰店:小美` → 小美, `小美(售前)` → 小美, `小林（售后）` → 小林.
 */
export function chatAccountShortName(s: string): string {
  return s
    .replace(/^.*[:：]/, '')
    .replace(/[（(].*[)）]\s*$/, '')
    .trim();
}

/**
 * Which person a chat account is: its explicit link first (only while the person is a member of
 * the store), else the one person whose login or display name (both without shop prefix and role
 * note) equals the account's short name. A name two people share resolves to nobody.
 */
export function resolveChatAccount(
  account: string,
  links: ReadonlyMap<string, string>,
  people: readonly { personId: string; login: string; displayName: string }[],
): string | null {
  const linked = links.get(account);
  if (linked !== undefined) return people.some((p) => p.personId === linked) ? linked : null;
  const name = chatAccountShortName(account);
  if (!name) return null;
  const found = new Set<string>();
  for (const p of people)
    if (chatAccountShortName(p.login) === name || chatAccountShortName(p.displayName) === name)
      found.add(p.personId);
  return found.size === 1 ? [...found][0]! : null;
}

/**
 * Who works the chat quality queue (DOMAIN.md §1, §5): inspecting (run the sample, confirm or
 * reject hits, coaching tasks) is `quality:write` — manager, operations assistant, owner — or the
 * leader (组长) of a CS group; an agent's appeal is decided by a leader: `service:write` (manager,
 * owner) or the CS group leader, not by the inspector role alone.
 */
export function qualityQueueRights(
  roles: readonly string[],
  leadsCsGroup: boolean,
): { inspect: boolean; decideAppeals: boolean } {
  return {
    inspect: leadsCsGroup || canInStore(roles, 'quality', 'write'),
    decideAppeals: leadsCsGroup || canInStore(roles, 'service', 'write'),
  };
}
