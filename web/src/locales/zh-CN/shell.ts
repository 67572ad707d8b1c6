export default {
  'shell.storeSwitcher': '切换店铺',
  'shell.lang.zh': '中文',
  'shell.lang.en': 'English',
  'shell.user.account': '我的账号',
  'shell.user.tokens': 'API 令牌',
  'shell.user.logout': '退出登录',
  'shell.loggedOut': '已退出登录',
  'shell.openMenu': '打开菜单',
  'shell.collapse': '收起菜单',
  'shell.expand': '展开菜单',
  'shell.footer': 'StoreOps · 店铺运营工作台',
  'shell.owner': '老板',
};
