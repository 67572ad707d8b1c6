import type zh from '../zh-CN/stores';

const en: Record<keyof typeof zh, string> = {
  'stores.title': 'Stores',
  'stores.create': 'New store',
  'stores.edit': 'Edit store',
  'stores.code': 'Store code',
  'stores.name': 'Store name',
  'stores.platform': 'Platform',
  'stores.timeZone': 'Time zone',
  'stores.showDeleted': 'Show deleted',
  'stores.confirmDelete': 'Delete store "{name}"? Its data is kept, but members can no longer open it.',
  'stores.exportName': 'Stores',
};
export default en;
