import type zh from '../zh-CN/validation';

const en: Record<keyof typeof zh, string> = {
  'validation.required': 'Required',
  'validation.storeCode': '2–32 lowercase letters, digits or hyphens, starting with a letter or digit',
  'validation.login': '2–64 letters, digits, Chinese characters or _ . @ : -',
  'validation.password': 'At least 8 characters',
  'validation.passwordMismatch': 'The two passwords do not match',
  'validation.phone': 'Enter a valid phone number',
  'validation.maxLength': 'At most {max} characters',
  'validation.rolesRequired': 'Choose at least one role',
  'validation.duplicateStore': 'Each store can be added only once',
};
export default en;
