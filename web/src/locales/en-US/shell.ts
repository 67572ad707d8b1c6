import type zh from '../zh-CN/shell';

const en: Record<keyof typeof zh, string> = {
  'shell.storeSwitcher': 'Switch store',
  'shell.lang.zh': '中文',
  'shell.lang.en': 'English',
  'shell.user.account': 'My account',
  'shell.user.tokens': 'API tokens',
  'shell.user.logout': 'Log out',
  'shell.loggedOut': 'Logged out',
  'shell.openMenu': 'Open menu',
  'shell.collapse': 'Collapse menu',
  'shell.expand': 'Expand menu',
  'shell.footer': 'StoreOps · store operations desk',
  'shell.owner': 'Owner',
};
export default en;
