// What dist/cli.js is: it runs the CLI bundle (dist/cli-main.js, built from cli.ts) through V8's code
// cache (codeCache.ts), as dist/server.js runs the language server: most of what starting the CLI costs
// above Node's own start is compiling its code. One cache per command (each compiles its own functions),
// written when the first run of that command exits, so that it holds every function that run compiled.
import * as path from 'node:path';
import { loadWithCodeCache } from './codeCache';

const command = process.argv[2];
const variant = command === 'check' || command === 'match' || command === 'drift' || command === 'schema' ? command : 'other';
const cli = loadWithCodeCache(path.join(__dirname, 'cli-main.js'), variant, (write) => process.once('exit', write)) as { run(): void };
cli.run();
