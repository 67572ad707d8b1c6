import account from './account';
import audit from './audit';
import auth from './auth';
import common from './common';
import imports from './imports';
import menu from './menu';
import metrics from './metrics';
import modules from './modules';
import shell from './shell';
import stores from './stores';
import team from './team';
import today from './today';
import validation from './validation';

export const enUSParts = {
  account,
  audit,
  auth,
  common,
  imports,
  menu,
  metrics,
  modules,
  shell,
  stores,
  team,
  today,
  validation,
};

const enUS = {
  ...account,
  ...audit,
  ...auth,
  ...common,
  ...imports,
  ...menu,
  ...metrics,
  ...modules,
  ...shell,
  ...stores,
  ...team,
  ...today,
  ...validation,
};
export default enUS;
