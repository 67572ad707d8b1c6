import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { authApi, type Me } from './api/auth';
import { isApiError, setCsrfFallback } from './api/http';

/** The logged-in person (GET /me); `null` when not logged in. */

export const ME_KEY = ['me'] as const;
export const SETUP_KEY = ['setup'] as const;
const LAST_STORE_KEY = 'storeops.store';
let expired = false;

export async function loadMe(): Promise<Me | null> {
  try {
    const me = await authApi.me();
    setCsrfFallback(me.csrfToken);
    return me;
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: loadMe, staleTime: 60_000 });
}

export function useSetupStatus(enabled = true) {
  return useQuery({ queryKey: SETUP_KEY, queryFn: authApi.setupStatus, enabled, staleTime: 30_000 });
}

/** Stores a Me answer (login, setup, profile change) in the cache. */
export function useSetMe() {
  const qc = useQueryClient();
  return useCallback(
    (me: Me | null) => {
      if (me) {
        expired = false;
        setCsrfFallback(me.csrfToken);
        // someone is logged in, so the first-run set-up is done
        qc.setQueryData(SETUP_KEY, { needed: false });
      }
      qc.setQueryData(ME_KEY, me);
    },
    [qc],
  );
}

/** A call answered 401 while a person was logged in: the login page says the session expired. */
export function markSessionExpired(): void {
  expired = true;
}
export function sessionExpired(): boolean {
  return expired;
}

export function rememberStore(code: string): void {
  try {
    localStorage.setItem(LAST_STORE_KEY, code);
  } catch {
    // ignore
  }
}

export function lastStore(): string | null {
  try {
    return localStorage.getItem(LAST_STORE_KEY);
  } catch {
    return null;
  }
}
