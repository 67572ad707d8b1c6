import { http, type Page } from './http';

/** The team module: people, store memberships and groups. */

export type CsLevel = 'junior' | 'mid' | 'senior' | 'account_manager';
export const CS_LEVELS: CsLevel[] = ['junior', 'mid', 'senior', 'account_manager'];

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

export const GROUP_KINDS = [
  'cs',
  'warehouse',
  'design',
  'marketing',
  'finance',
  'analysis',
  'operations',
] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export type Membership = { storeCode: string; roles: string[] };

export type Person = {
  id: string;
  login: string;
  displayName: string;
  phone: string | null;
  isOwner: boolean;
  csLevel: CsLevel | null;
  createdAt: string;
  deletedAt: string | null;
  memberships: Membership[];
};

export type PersonInput = {
  login: string;
  displayName: string;
  password: string;
  phone?: string;
  csLevel?: CsLevel | null;
  memberships: Membership[];
};
/** All optional; `password` resets it; `null` clears phone or CS level. */
export type PersonPatch = Partial<Omit<PersonInput, 'phone' | 'csLevel'>> & {
  phone?: string | null;
  csLevel?: CsLevel | null;
};

export type PeopleQuery = {
  q?: string;
  store?: string;
  role?: string;
  includeDeleted?: boolean;
  limit?: number;
  offset?: number;
};

export type Member = {
  personId: string;
  login: string;
  displayName: string;
  csLevel: CsLevel | null;
  roles: string[];
};

export type Group = {
  id: string;
  name: string;
  kind: GroupKind;
  leaderId: string | null;
  memberIds: string[];
};
export type GroupInput = { name: string; kind: GroupKind; leaderId?: string | null; memberIds: string[] };

const person = (id: string) => `/people/${encodeURIComponent(id)}`;
const store = (code: string) => `/stores/${encodeURIComponent(code)}`;

export const teamApi = {
  people: (q: PeopleQuery) =>
    http.get<Page<Person>>('/people', { ...q, includeDeleted: q.includeDeleted || undefined }),
  person: (id: string) => http.get<Person>(person(id)),
  createPerson: (body: PersonInput) => http.post<Person>('/people', body),
  updatePerson: (id: string, body: PersonPatch) => http.patch<Person>(person(id), body),
  deletePerson: (id: string) => http.del<unknown>(person(id)),
  restorePerson: (id: string) => http.post<Person>(`${person(id)}/restore`),

  members: (storeCode: string) => http.get<{ items: Member[] }>(`${store(storeCode)}/members`),
  setMember: (storeCode: string, personId: string, roles: string[]) =>
    http.put<Member>(`${store(storeCode)}/members/${encodeURIComponent(personId)}`, { roles }),
  removeMember: (storeCode: string, personId: string) =>
    http.del<unknown>(`${store(storeCode)}/members/${encodeURIComponent(personId)}`),

  groups: (storeCode: string) => http.get<{ items: Group[] }>(`${store(storeCode)}/groups`),
  createGroup: (storeCode: string, body: GroupInput) => http.post<Group>(`${store(storeCode)}/groups`, body),
  updateGroup: (storeCode: string, id: string, body: Partial<GroupInput>) =>
    http.patch<Group>(`${store(storeCode)}/groups/${encodeURIComponent(id)}`, body),
  deleteGroup: (storeCode: string, id: string) =>
    http.del<unknown>(`${store(storeCode)}/groups/${encodeURIComponent(id)}`),
};
