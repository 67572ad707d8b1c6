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

/** zh-CN is the source locale: its keys define the message keys of the desk. */
export const zhCNParts = {
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

const zhCN = {
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
export default zhCN;
