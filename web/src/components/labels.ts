import type { TFunction } from '../i18n';
import { tryT } from '../i18n';

/** Localized names of API codes (roles, levels, platforms, group kinds); unknown codes show as-is. */
export const roleName = (t: TFunction, role: string) => tryT(t, `role.${role}`, role);
export const csLevelName = (t: TFunction, level: string | null | undefined) =>
  level ? tryT(t, `csLevel.${level}`, level) : '';
export const platformName = (t: TFunction, platform: string) => tryT(t, `platform.${platform}`, platform);
export const groupKindName = (t: TFunction, kind: string) => tryT(t, `groupKind.${kind}`, kind);

export const PLATFORM_COLORS: Record<string, string> = { taobao: 'orange', tmall: 'red', jd: 'volcano' };
export const importKindName = (t: TFunction, kind: string | null | undefined) =>
  kind ? tryT(t, `importKind.${kind}`, kind) : '';
export const importStatusName = (t: TFunction, status: string) => tryT(t, `importStatus.${status}`, status);
