// Writes benchmark figures into BENCHMARKS.md: each benchmark owns one section between markers and
// replaces only that section, so the notes written around them stay.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/fixture';

/** Replaces (or appends) the section `name` of BENCHMARKS.md with `markdown`. */
export function writeSection(name: string, markdown: string): void {
  const file = path.join(repoRoot, 'BENCHMARKS.md');
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n\n_Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}._\n${end}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = current.indexOf(begin);
  const b = current.indexOf(end);
  const next = a !== -1 && b > a ? current.slice(0, a) + block + current.slice(b + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
  console.log(`(written to ${path.relative(process.cwd(), file) || file}, section ${name})`);
}
