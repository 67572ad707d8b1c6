import type zh from '../zh-CN/audit';

const en: Record<keyof typeof zh, string> = {
  'audit.title': 'Audit log',
  'audit.entity': 'Entity',
  'audit.entityPlaceholder': 'Filter by entity, e.g. person',
  'audit.at': 'Time',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.entityId': 'Entity ID',
  'audit.store': 'Store',
  'audit.changes': 'Changes',
  'audit.system': 'System',
  'audit.exportName': 'Audit log',
};
export default en;
