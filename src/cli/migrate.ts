import 'reflect-metadata';
import { withDatabase } from './run.js';

/** npm run migrate (all pending up) · npm run migrate:revert (the last one down). */
const direction = process.argv[2] === 'down' ? 'down' : 'up';
void withDatabase(async (ds) => {
  if (direction === 'up') {
    const done = await ds.runMigrations({ transaction: 'each' });
    process.stdout.write(done.length ? done.map((m) => `migrated up: ${m.name}\n`).join('') : 'database is up to date\n');
  } else {
    await ds.undoLastMigration({ transaction: 'each' });
    process.stdout.write('reverted the last migration\n');
  }
});
