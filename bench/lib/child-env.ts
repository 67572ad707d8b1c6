/**
 * The environment of a bench's measuring child: as `npm start` runs the server (package.json),
 * glibc keeps at most two malloc arenas (MALLOC_ARENA_MAX=2, fewer arenas for V8's helper
 * threads), so a child's peak RSS is the product's as it runs. Both sides of a bench run with it.
 */
export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
}
