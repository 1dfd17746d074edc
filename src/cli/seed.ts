import 'reflect-metadata';
import { reseed } from '../seed/seed.js';
import { withDatabase } from './run.js';

/** npm run seed: migrate, then replace all data with the demo data of the four collaborations. */
void withDatabase(async (ds) => {
  await ds.runMigrations({ transaction: 'each' });
  await reseed(ds);
  process.stdout.write('demo data of the four collaborations loaded\n');
});
