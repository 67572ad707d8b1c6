import { http } from './http';

/** Session, set-up, the person's own profile and API tokens (team module, "me" side). */

export type Locale = 'zh-CN' | 'en-US';
export type Platform = 'taobao' | 'tmall' | 'jd';
export const PLATFORMS: Platform[] = ['taobao', 'tmall', 'jd'];

export type MeStore = {
  code: string;
  name: string;
  platform: Platform;
  timeZone: string;
  roles: string[];
  permissions: string[];
};

export type Me = {
  person: {
    id: string;
    login: string;
    displayName: string;
    locale: Locale;
    csLevel: string | null;
    isOwner: boolean;
  };
  csrfToken: string;
  stores: MeStore[];
  orgPermissions: string[];
};

export type SetupRequest = {
  organizationName: string;
  store: { code: string; name: string; platform: Platform };
  owner: { login: string; displayName: string; password: string };
};

export type MePatch = {
  displayName?: string;
  locale?: Locale;
  currentPassword?: string;
  newPassword?: string;
};

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
};
export type CreatedToken = { id: string; name: string; prefix: string; token: string };

export type Health = { status: 'ok'; database: 'pglite' | 'postgres'; version: string };

export const authApi = {
  health: () => http.get<Health>('/health'),
  setupStatus: () => http.get<{ needed: boolean }>('/setup'),
  setup: (body: SetupRequest) => http.post<Me>('/setup', body),
  login: (login: string, password: string) => http.post<Me>('/auth/login', { login, password }),
  logout: () => http.post<{ ok: true }>('/auth/logout'),
  me: () => http.get<Me>('/me'),
  updateMe: (body: MePatch) => http.patch<Me>('/me', body),
  tokens: () => http.get<{ items: ApiToken[] }>('/me/tokens'),
  createToken: (name: string) => http.post<CreatedToken>('/me/tokens', { name }),
  revokeToken: (id: string) => http.del<unknown>(`/me/tokens/${encodeURIComponent(id)}`),
};
