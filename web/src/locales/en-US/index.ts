import account from './account';
import aftersales from './aftersales';
import audit from './audit';
import auth from './auth';
import catalog from './catalog';
import common from './common';
import imports from './imports';
import inventory from './inventory';
import marketing from './marketing';
import menu from './menu';
import metrics from './metrics';
import modules from './modules';
import notify from './notify';
import orders from './orders';
import service from './service';
import shell from './shell';
import stores from './stores';
import team from './team';
import today from './today';
import validation from './validation';
import work from './work';

export const enUSParts = {
  account,
  aftersales,
  audit,
  auth,
  common,
  imports,
  marketing,
  menu,
  metrics,
  modules,
  orders,
  shell,
  stores,
  team,
  today,
  validation,
  work,
  notify,
  inventory,
  catalog,
  service,
};

const enUS = {
  ...account,
  ...aftersales,
  ...audit,
  ...auth,
  ...common,
  ...imports,
  ...marketing,
  ...menu,
  ...metrics,
  ...modules,
  ...orders,
  ...shell,
  ...stores,
  ...team,
  ...today,
  ...validation,
  ...work,
  ...notify,
  ...inventory,
  ...catalog,
  ...service,
};
export default enUS;
