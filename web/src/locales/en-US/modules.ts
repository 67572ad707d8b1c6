import type zh from '../zh-CN/modules';

const en: Record<keyof typeof zh, string> = {
  'module.notBuiltTitle': 'The {module} module is not built yet',
  'module.notBuiltSubtitle': 'When it arrives: {what}',
  'module.desc.metrics':
    'Compares the store, its competitors and the industry every day (visitors, sales, conversion) and finds big swings and whether the market or the store caused them.',
  'module.desc.orders':
    'Follows up unpaid orders, keeps shipping within 24 h (never later than 48 h), tells CS about stock-outs and handles disputes.',
  'module.desc.aftersales':
    'Records refund reasons and amounts every day, handles bad reviews with a same-day call to the buyer, and answers buyer Q&A in time.',
  'module.desc.service':
    'Shows CS chats, first response and inquiry conversion, checks chat quality, applies the fine rules, and keeps shifts and handovers.',
  'module.desc.inventory':
    'Keeps the daily stock sheet, sellable days per SKU, stock-take differences, and restocks with suppliers before stock runs out.',
  'module.desc.catalog':
    'Manages products and SKUs, the 3–5 hero products, the new-product plan, and title and subtitle optimisation.',
  'module.desc.marketing':
    'Tracks paid-ad plans (through-train, diamond booth, Yinli Mofang) with early-offline alerts, activity sign-ups, coupon expiry and content posts.',
  'module.desc.work':
    'Holds each role’s daily routine, tasks, the handover book, escalation chains and design requests.',
  'module.desc.finance':
    'Keeps the ledger of platform income and outgoings, supplier settlement on the 11th–15th, invoices, and monthly, quarterly and yearly reports.',
  'module.desc.pay':
    'Computes attendance, performance-score tiers, commission and payroll, approved by the owner.',
  'module.desc.crm':
    'Sorts customers into VIP tiers by amount, frequency and loyalty, runs the 1-3-10-30 revisit plan and records every contact.',
  'module.desc.notify': 'Delivers in-app notifications and pushes to DingTalk, WeCom and webhooks.',
  'module.desc.imports':
    'Imports the platforms’ exported CSV (often GBK-encoded) and XLSX files and explains every rejected row.',
};
export default en;
