import { isObjectType, type GraphQLSchema } from 'graphql';
import { RULE_MAP } from './rule-map.js';

/**
 * Deny by default, checked: every field of every object type in the schema must have a rule in the
 * rule map, and every rule must name a field that exists. Returns the problems found (empty = sound).
 */
export function ruleCoverageProblems(schema: GraphQLSchema, ruleMap: Record<string, Record<string, string>> = RULE_MAP): string[] {
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.keys(type.getFields())) {
      if (!ruleMap[type.name]?.[field]) problems.push(`${type.name}.${field} has no rule`);
    }
  }
  for (const [typeName, fields] of Object.entries(ruleMap)) {
    const type = schema.getType(typeName);
    for (const field of Object.keys(fields)) {
      if (!isObjectType(type) || !type.getFields()[field]) problems.push(`rule for ${typeName}.${field}, which is not in the schema`);
    }
  }
  return problems;
}
