import { http, type Page } from './http';

/** The audit log: who changed what. */

export type AuditEntry = {
  id: string;
  at: string;
  actor: { id: string; displayName: string } | null;
  action: string;
  entity: string;
  entityId: string | null;
  storeCode: string | null;
  changes: unknown;
};

export type AuditQuery = { entity?: string; limit?: number; offset?: number };

export const auditApi = {
  list: (q: AuditQuery) => http.get<Page<AuditEntry>>('/audit', q),
};
