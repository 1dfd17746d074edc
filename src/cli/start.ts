import 'reflect-metadata';
import { createDataSource } from '../../ormconfig.js';
import { config } from '../config/config.js';
import { ensureDatabase } from '../db/ensure-database.js';
import { seedIfEmpty } from '../seed/seed.js';
import { startApp } from '../server/app.js';

/** npm start: database up, migrations run, demo data on an empty database, GraphQL served. */
async function main() {
  const c = config();
  const db = await ensureDatabase();
  const ds = await createDataSource().initialize();
  const migrated = await ds.runMigrations({ transaction: 'each' });
  if (migrated.length) process.stdout.write(`migrated: ${migrated.map((m) => m.name).join(', ')}\n`);
  if (await seedIfEmpty(ds)) process.stdout.write('seeded the demo data of the four collaborations\n');
  const app = await startApp(ds);
  process.stdout.write(
    `Schakel serves GraphQL at ${app.url}/graphql (GraphiQL at ${app.url}/)\n` +
      `database: ${db.embedded ? `embedded PostgreSQL in ${c.dataDir}/pg (port ${c.embeddedPgPort})` : 'DATABASE_URL'}\n` +
      'get a token: npm run token -- wijkagent.zeist   (send it as: Authorization: Bearer <token>)\n',
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.stop().catch(() => undefined);
    await ds.destroy().catch(() => undefined);
    await db.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
main().catch((e) => {
  process.stderr.write(`Schakel did not start: ${(e as Error).message ?? e}\n`);
  process.exit(1);
});
