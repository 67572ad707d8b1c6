import type zh from '../zh-CN/today';

const en: Record<keyof typeof zh, string> = {
  'today.title': 'Today',
  'today.date': '{weekday}, {monthDay}',
  'today.myRoles': 'My roles:',
  'today.noRoles': 'No role in this store',
  'today.now': 'Now {time}',
  'today.rhythm.title': 'Daily operations rhythm (manager / operations)',
  'today.rhythm.current': 'Now',
  'today.rhythm.next': 'Next',
  'today.rhythm.over': "Today's rhythm is over",
  'today.rhythm.break': 'Break. Next: {block}',
  'today.rhythm.before': 'before 08:30',
  'today.rhythm.otherRole': 'No routine for your role yet; a manager can add one under Work → Setup.',
  'today.block.designHandover': 'Design handover',
  'today.block.designHandover.desc':
    "Confirm today's design work and delivery times with the designer: store style (big frame) and copy, layout, pictures (details)",
  'today.block.dataDiagnosis': 'Data diagnosis',
  'today.block.dataDiagnosis.desc':
    'Own store yesterday, competitors, industry: if the whole industry moved it is the market; if only we moved, find our own cause',
  'today.block.storeFoundation': 'Store foundation',
  'today.block.storeFoundation.desc':
    'Transactions and disputes, payment reminders, daily refund-reason statistics; bad reviews and buyer Q&A; coupon and activity expiry times',
  'today.block.promotion': 'Promotion',
  'today.block.promotion.desc':
    'Through-train, diamond booth, Yinli Mofang: balance, plans that went offline early yesterday, keyword rank and bids; affiliates',
  'today.block.activities': 'Activities',
  'today.block.activities.desc':
    "Official, the store's own, third-party and off-site activities: a plan, content and expected result before the start",
  'today.block.content': 'Content',
  'today.block.content.desc':
    'Content posts: activity notices when there are activities, useful knowledge when not',
  'today.block.csCheck': 'CS check',
  'today.block.csCheck.desc':
    'Online times, consultation volume, response speed and conversion; brief CS before every activity, plan extra shifts',
  'today.block.products': 'Products (every 3–7 days)',
  'today.block.products.desc':
    'Stock on sale and follow-ups, new-product plan, title and subtitle optimisation',
  'today.block.adsRecheck': 'Ads re-check',
  'today.block.adsRecheck.desc': 'Afternoon ad data: any abnormal swings?',
  'today.block.communication': 'Communication',
  'today.block.communication.desc': 'With customers and designers',
  'today.tasks.title': 'My tasks',
  'today.tasks.empty': 'No open tasks.',
  'today.handover.title': 'Handover',
  'today.handover.empty': 'No open handover items.',
  'today.escalations.title': 'Escalated to me',
  'today.escalations.empty': 'No difficulties waiting on you.',
  'today.team.escalationsEmpty': 'Nothing escalated in the team.',
};
export default en;
