export default {
  'audit.title': '操作日志',
  'audit.entity': '对象类型',
  'audit.entityPlaceholder': '按对象类型筛选，例如 person',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.entityId': '对象 ID',
  'audit.store': '店铺',
  'audit.changes': '变更',
  'audit.system': '系统',
  'audit.exportName': '操作日志',
};
