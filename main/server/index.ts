import { fileURLToPath } from 'node:url';
import { reportStartupError, runHeadless } from './cli';

// `npm run serve` entry (out/main/server.js): the build's root is one folder up.
const outDir = fileURLToPath(new URL('..', import.meta.url));
runHeadless(process.argv.slice(2), { outDir }).catch(reportStartupError);
