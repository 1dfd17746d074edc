import 'reflect-metadata';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { config } from './src/config/config.js';
import { EMBEDDED_PASSWORD, EMBEDDED_USER } from './src/db/embedded-postgres.js';
import { ENTITIES } from './src/db/entities.js';

/** The database name of the embedded default. */
export const EMBEDDED_DATABASE = 'schakel';

/** DATABASE_URL, or the embedded server's URL (started by `ensureDatabase()`). */
export function databaseUrl(): string {
  const c = config();
  return (
    c.databaseUrl ??
    `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${c.embeddedPgPort}/${EMBEDDED_DATABASE}`
  );
}

/**
 * The one DataSource definition, used by the CLI, the server and the tests (which point it at a
 * database of their own). Migrations only: `synchronize` is never on.
 */
export function dataSourceOptions(url: string = databaseUrl()): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [path.join(__dirname, 'migrations', '*.{js,ts}').replace(/\\/g, '/')],
    migrationsTableName: 'schakel_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Failed statements are not logged by default: their parameters may hold personal data. Unexpected
    // errors are logged without them by the GraphQL error formatter.
    logging: config().logSql ? ['query', 'error'] : false,
    // Each request holds one connection for its session (row-level security); a privileged path may take a
    // second one. Waiting for a connection is bounded, so an exhausted pool gives an error, never a hang.
    extra: { max: config().dbPoolSize, connectionTimeoutMillis: 10_000, application_name: 'schakel' },
  };
}

export function createDataSource(url?: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

/** The default export the TypeORM CLI expects. */
const AppDataSource = createDataSource();
export default AppDataSource;
