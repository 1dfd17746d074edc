import { LocalDateResolver } from 'graphql-scalars';

/** Calendar dates (YYYY-MM-DD), as agreements and decisions state them. */
export const LocalDate = LocalDateResolver;
/** Moments in time, ISO 8601 with zone. */
export { GraphQLISODateTime as DateTime } from 'type-graphql';
