import type { DataSource } from 'typeorm';
import { CollaborationEntity } from '../domain/collaboration/collaboration.entity.js';
import { seedDemoData } from './demo-data.js';

/** Every table of the domain (not the migrations table), for a reseed. */
async function domainTables(ds: DataSource): Promise<string[]> {
  return ds.entityMetadatas.flatMap((m) => [m.tableName, ...m.manyToManyRelations.map((r) => r.junctionEntityMetadata!.tableName)]);
}

/** Replace all data by the demo data of the four collaborations, in one transaction. */
export async function reseed(ds: DataSource): Promise<void> {
  const tables = [...new Set(await domainTables(ds))].map((t) => `"${t}"`).join(', ');
  await ds.transaction(async (em) => {
    await em.query(`TRUNCATE ${tables} CASCADE`);
    await seedDemoData(em);
  });
}

/** Seed the demo data when the database holds no collaboration yet. Returns whether it seeded. */
export async function seedIfEmpty(ds: DataSource): Promise<boolean> {
  if ((await ds.getRepository(CollaborationEntity).count()) > 0) return false;
  await reseed(ds);
  return true;
}
