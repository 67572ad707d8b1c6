import type zh from '../zh-CN/account';

const en: Record<keyof typeof zh, string> = {
  'account.title': 'My account',
  'account.profile': 'Profile',
  'account.login': 'Login',
  'account.displayName': 'Display name',
  'account.language': 'Language',
  'account.password': 'Change password',
  'account.currentPassword': 'Current password',
  'account.newPassword': 'New password',
  'account.confirmPassword': 'Confirm new password',
  'account.changePassword': 'Change password',
  'account.passwordChanged': 'Password changed',
  'tokens.title': 'API tokens',
  'tokens.intro':
    'Scripts and integrations call the API with Authorization: Bearer <token>; a token has your own permissions.',
  'tokens.create': 'New token',
  'tokens.name': 'Name',
  'tokens.namePlaceholder': 'e.g. daily import script',
  'tokens.prefix': 'Prefix',
  'tokens.lastUsedAt': 'Last used',
  'tokens.never': 'Never',
  'tokens.revoke': 'Revoke',
  'tokens.confirmRevoke': 'Revoke token "{name}"? Scripts using it stop working at once.',
  'tokens.revoked': 'Revoked',
  'tokens.createdTitle': 'Token created',
  'tokens.createdOnce': 'Copy it now and keep it safe: this token is shown only once.',
  'tokens.empty': 'No API tokens yet',
};
export default en;
