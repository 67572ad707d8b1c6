import type { Platform } from './auth';
import { http } from './http';

/** Stores of the organisation (org-level admin). */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export type Store = {
  code: string;
  name: string;
  platform: Platform;
  timeZone: string;
  createdAt: string;
  deletedAt: string | null;
};

export type StoreInput = { code: string; name: string; platform: Platform; timeZone?: string };
export type StorePatch = Partial<Omit<StoreInput, 'code'>>;

const path = (code: string) => `/stores/${encodeURIComponent(code)}`;

export const storesApi = {
  list: (includeDeleted = false) =>
    http.get<{ items: Store[] }>('/stores', { includeDeleted: includeDeleted || undefined }),
  get: (code: string) => http.get<Store>(path(code)),
  create: (body: StoreInput) => http.post<Store>('/stores', body),
  update: (code: string, body: StorePatch) => http.patch<Store>(path(code), body),
  remove: (code: string) => http.del<unknown>(path(code)),
};
