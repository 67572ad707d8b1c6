import account from './account';
import audit from './audit';
import auth from './auth';
import common from './common';
import imports from './imports';
import menu from './menu';
import modules from './modules';
import service from './service';
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
  modules,
  shell,
  stores,
  team,
  today,
  validation,
  service,
};

const enUS = {
  ...account,
  ...audit,
  ...auth,
  ...common,
  ...imports,
  ...menu,
  ...modules,
  ...shell,
  ...stores,
  ...team,
  ...today,
  ...validation,
  ...service,
};
export default enUS;
