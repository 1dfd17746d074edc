import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, execute, parse } from 'graphql';
import { ruleCoverageProblems } from '../../src/policy/rule-coverage';
import { applyFieldRules } from '../../src/policy/shield-adapter';
import { printSdl } from '../../src/server/schema';

const SDL_FILE = path.join(__dirname, '../../schema/schema.graphql');

describe('deny by default', () => {
  test('every field of schema/schema.graphql has a rule, and every rule a field', () => {
    const schema = buildSchema(fs.readFileSync(SDL_FILE, 'utf8'));
    expect(ruleCoverageProblems(schema)).toEqual([]);
  });

  test('the check fails when a field has no rule', () => {
    const sdl = fs.readFileSync(SDL_FILE, 'utf8').replace('type Case {', 'type Case {\n  bsn: String');
    expect(ruleCoverageProblems(buildSchema(sdl))).toEqual(['Case.bsn has no rule']);
  });

  test('a field without a rule is denied at run time with FORBIDDEN_FIELD', async () => {
    const schema = buildSchema(fs.readFileSync(SDL_FILE, 'utf8').replace('type Query {', 'type Query {\n  leak: String'));
    const guarded = applyFieldRules(schema);
    const res = await execute({
      schema: guarded,
      document: parse('{ leak }'),
      rootValue: { leak: 'secret' },
      contextValue: { principal: { memberId: 'm' } },
    });
    expect(res.data?.leak ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN_FIELD');
  });

  test('schema/schema.graphql is what the code emits (no drift)', async () => {
    expect(fs.readFileSync(SDL_FILE, 'utf8')).toBe(await printSdl());
  });
});
