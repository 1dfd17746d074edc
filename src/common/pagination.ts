import { ArgsType, Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Max, Min, IsOptional, MaxLength } from 'class-validator';
import { badInput } from './errors.js';
import { isUuid } from './ids.js';

@ObjectType({ description: 'Relay-style page information.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1–100.' })
  @Min(1)
  @Max(100)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page.' })
  @IsOptional()
  @MaxLength(200)
  after?: string | null;
}

/** Cursors are opaque: base64url of (createdAt, id), the list's sort key. */
export interface CursorKey {
  createdAt: string;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): CursorKey {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt)) ||
        !isUuid(id)) throw new Error('shape');
    return { createdAt, id };
  } catch {
    throw badInput(field, 'not a cursor returned by this API');
  }
}

/** Paging arguments of a list that polling clients read: only what changed at or after a moment. */
@ArgsType()
export class PollArgs extends PageArgs {
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Only records whose last real change (updatedAt) is at or after this moment: poll with the time of your previous poll.',
  })
  @IsOptional()
  updatedSince?: Date | null;
}

const cursorTs = (alias: string) => `to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page of a list, newest first by (createdAt, id) of `alias`, with the total of the filtered rows: the
 * filter (row scope first) is `base`'s WHERE; pages continue from the `after` cursor.
 */
export async function keysetPage<T extends ObjectLiteral, N>(
  base: () => SelectQueryBuilder<T>,
  alias: string,
  args: PageArgs,
  node: (entity: T) => N,
) {
  const page = base().addSelect(cursorTs(alias), 'cursor_ts');
  if (args.after) {
    const k = decodeCursor(args.after);
    page.andWhere(`(${alias}.created_at, ${alias}.id) < (:afterTs::timestamptz, :afterId::uuid)`, { afterTs: k.createdAt, afterId: k.id });
  }
  page.orderBy(`${alias}.created_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').limit(args.first + 1);
  const { entities, raw } = await page.getRawAndEntities<{ cursor_ts: string }>();
  const totalCount = await base().getCount();
  const edges = entities.slice(0, args.first).map((e, i) => ({ node: node(e), cursor: encodeCursor({ createdAt: raw[i].cursor_ts, id: (e as unknown as { id: string }).id }) }));
  return { edges, totalCount, pageInfo: { hasNextPage: entities.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
}
