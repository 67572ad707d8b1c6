export default {
  'validation.required': '此项必填',
  'validation.storeCode': '2–32 位小写字母、数字或连字符，以字母或数字开头',
  'validation.login': '2–64 位字母、数字、中文或 _ . @ : -',
  'validation.password': '密码至少 8 位',
  'validation.passwordMismatch': '两次输入的密码不一致',
  'validation.phone': '请输入有效的电话号码',
  'validation.maxLength': '最多 {max} 个字符',
  'validation.rolesRequired': '至少选择一个角色',
  'validation.duplicateStore': '同一家店铺只能添加一次',
};
