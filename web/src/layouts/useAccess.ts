import { useMemo } from 'react';
import { useMatch } from 'react-router-dom';
import { type Access, getAccess } from '../access';
import type { Me, MeStore } from '../api/auth';
import { lastStore, useMe } from '../session';

/** The current store: the one in the URL (/s/:storeCode/…), else the last used, else the first. */
export function useCurrentStoreCode(me: Me | null | undefined): string | undefined {
  const match = useMatch('/s/:storeCode/*');
  const fromUrl = match?.params.storeCode;
  if (fromUrl) return fromUrl;
  if (!me) return undefined;
  const last = lastStore();
  if (last && me.stores.some((s) => s.code === last)) return last;
  return me.stores[0]?.code;
}

export function useCurrentStore(): MeStore | undefined {
  const { data: me } = useMe();
  const code = useCurrentStoreCode(me);
  return me?.stores.find((s) => s.code === code);
}

export function useAccess(): Access {
  const { data: me } = useMe();
  const code = useCurrentStoreCode(me);
  return useMemo(() => getAccess(me, code), [me, code]);
}
