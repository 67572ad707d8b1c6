import type zh from '../zh-CN/menu';

const en: Record<keyof typeof zh, string> = {
  'menu.today': 'Today',
  'menu.metrics': 'Diagnosis',
  'menu.orders': 'Orders',
  'menu.aftersales': 'After-sales',
  'menu.service': 'Customer service',
  'menu.inventory': 'Inventory',
  'menu.catalog': 'Products',
  'menu.marketing': 'Marketing',
  'menu.work': 'Work',
  'menu.finance': 'Finance',
  'menu.pay': 'Performance & pay',
  'menu.crm': 'Customers',
  'menu.notify': 'Notifications',
  'menu.imports': 'Imports',
  'menu.team': 'Team',
  'menu.team.people': 'People',
  'menu.team.groups': 'Groups',
  'menu.admin': 'Organisation',
  'menu.admin.stores': 'Stores',
  'menu.admin.audit': 'Audit log',
  'menu.account': 'My account',
  'menu.tokens': 'API tokens',
};
export default en;
