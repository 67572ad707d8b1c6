#!/usr/bin/env node
// The `storeops` command. Runs the TypeScript sources through tsx (no build step for the server).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
