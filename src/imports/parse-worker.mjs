// Worker-thread entry: registers tsx (the sources are TypeScript) and runs the parser.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker-main.ts');
