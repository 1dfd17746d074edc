import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printSdl } from '../server/schema.js';

/** npm run schema:emit writes schema/schema.graphql; with --check it fails when the file has drifted. */
async function main() {
  const file = path.resolve('schema/schema.graphql');
  const sdl = await printSdl();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== sdl) {
      process.stderr.write('schema/schema.graphql is out of date with the code: run `npm run schema:emit` and commit it\n');
      process.exitCode = 1;
      return;
    }
    process.stdout.write('schema/schema.graphql matches the code\n');
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, sdl);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
void main();
