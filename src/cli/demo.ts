import type { Ctx } from '../core/context';
import { ROLES } from '../modules/team/team.rules';
import * as team from '../modules/team/team.service';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_STORE = { code: 'demo', name: '测试旗舰店', platform: 'tmall' } as const;

/** Chinese display names per role, as a small store team would have them. */
const DEMO_NAMES: Record<string, string> = {
  owner: '王老板',
  manager: '张店长',
  ops_assistant: '李运营',
  cs_presale: '小美(售前)',
  cs_aftersale: '小丽(售后)',
  warehouse: '老赵(仓库)',
  finance: '钱会计',
  designer: '小王(美工)',
  marketing: '孙推广',
  analyst: '周分析',
  editor: '吴编辑',
};

/**
 * The demo organisation: the demo store and one login per role (login = role code, password
 * demo1234). Idempotent: a second start only prints the logins.
 */
export async function ensureDemo(ctx: Ctx, log: (s: string) => void): Promise<void> {
  if (await team.isSetupNeeded(ctx)) {
    await team.setUp(ctx, {
      organizationName: '演示公司',
      store: { ...DEMO_STORE },
      owner: { login: 'owner', displayName: DEMO_NAMES.owner, password: DEMO_PASSWORD },
    });
    const actor = (await team.cliActor(ctx))!;
    for (const role of ROLES) {
      if (role === 'owner') continue;
      await team.createPerson(ctx, actor, {
        login: role,
        displayName: DEMO_NAMES[role],
        password: DEMO_PASSWORD,
        csLevel: role.startsWith('cs_') ? 'mid' : null,
        memberships: [{ storeCode: DEMO_STORE.code, roles: [role] }],
      });
    }
  }
  log('Demo logins (password demo1234):');
  for (const role of ROLES) log(`  ${role.padEnd(14)} ${DEMO_NAMES[role]}`);
}
