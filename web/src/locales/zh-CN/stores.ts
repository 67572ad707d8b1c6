export default {
  'stores.title': '店铺管理',
  'stores.create': '新建店铺',
  'stores.edit': '编辑店铺',
  'stores.code': '店铺编码',
  'stores.name': '店铺名称',
  'stores.platform': '平台',
  'stores.timeZone': '时区',
  'stores.showDeleted': '显示已删除',
  'stores.confirmDelete': '确定删除店铺「{name}」？数据会保留，但成员将无法再访问此店铺。',
  'stores.exportName': '店铺',
};
