// Every module's tables, re-exported for drizzle (`import * as schema`) and drizzle-kit.
export * from '../modules/team/team.schema';
