export default {
  'module.notBuiltTitle': '「{module}」模块尚未上线',
  'module.notBuiltSubtitle': '上线后：{what}',
  'module.desc.metrics': '每天对比本店、竞品与行业的访客、销售和转化，找出大幅波动并判断是市场还是自身原因。',
  'module.desc.orders':
    '跟进未付款订单的催付，盯住 24 小时内发货（最晚 48 小时），缺货及时告知客服，处理纠纷。',
  'module.desc.aftersales': '记录每天的退款原因与金额，处理中差评并当天回访买家，及时回复问大家。',
  'module.desc.service': '查看客服的聊天、首次响应与询单转化，做聊天质检，按规则计罚款，排班与交接。',
  'module.desc.inventory': '每日库存表、每个 SKU 的可售天数、盘点差异，以及在断货前向供应商补货。',
  'module.desc.catalog': '管理商品与 SKU、3–5 个主打款、上新计划，以及标题和副标题的优化。',
  'module.desc.marketing':
    '直通车、钻展、引力魔方等推广计划（含提前下线提醒）、活动报名、优惠券到期与微淘内容。',
  'module.desc.work': '按角色的每日例行工作、任务、交接本、困难升级链和美工需求。',
  'module.desc.finance': '平台收支台账、每月 11–15 日的供应商结算、发票，以及月、季、年报表。',
  'module.desc.pay': '考勤、绩效评分档位、提成与工资单，由老板审批。',
  'module.desc.crm': '按消费金额、频次和忠诚度划分会员等级，执行 1-3-10-30 回访计划并记录每次联系。',
  'module.desc.notify': '站内通知，以及推送到钉钉、企业微信和 Webhook。',
  'module.desc.imports': '导入平台导出的 CSV（常为 GBK 编码）和 XLSX 文件，并逐行说明被拒绝的原因。',
};
