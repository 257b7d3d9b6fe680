// Stryker's build step in its sandbox: compile the (instrumented) sources and tests with tsc, and
// bundle dist/ with esbuild so the tests that spawn the CLI or the server run the mutated code too.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', '.'], { stdio: 'inherit' });
execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
