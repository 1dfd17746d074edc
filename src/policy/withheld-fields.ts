import type { ApolloServerPlugin } from '@apollo/server';
import { getLocation, responsePathAsArray, type FieldNode, type FormattedExecutionResult, type GraphQLResolveInfo, type SourceLocation } from 'graphql';
import type { ErrorCode } from '../common/errors.js';
import type { Context } from '../server/context.js';

/** What every error of one query field withheld for one reason has in common. */
interface ErrorForm {
  message: string;
  locations: readonly SourceLocation[];
  extensions: Readonly<Record<string, unknown>>;
}

/** One withheld field's FORBIDDEN_FIELD error, as graphql-js and Apollo would report it (in this key order). */
interface WithheldField extends ErrorForm {
  path: ReadonlyArray<string | number>;
}

/**
 * The locations of a field's node in the query, worked out once per node (graphql-js would scan the query text for
 * every one of the hundreds of denials a page can carry), and frozen: every error of the node shares them.
 */
const locations = new WeakMap<FieldNode, readonly SourceLocation[]>();

export function fieldLocations(node: FieldNode): readonly SourceLocation[] {
  let l = locations.get(node);
  if (!l) locations.set(node, (l = Object.freeze(node.loc ? [Object.freeze(getLocation(node.loc.source, node.loc.start))] : [])));
  return l;
}

/**
 * The forms per field node of a query, per reason. A parsed query is cached by Apollo and its nodes reused by every
 * request with the same query text, so a page's hundreds of denials share a few forms across requests.
 */
const forms = new WeakMap<FieldNode, Map<string, ErrorForm>>();

function formOf(node: FieldNode, key: string, message: string, extensions: () => Record<string, unknown>): ErrorForm {
  let byKey = forms.get(node);
  if (!byKey) forms.set(node, (byKey = new Map()));
  let form = byKey.get(key);
  if (!form) {
    // Shared by every error of the form, and frozen so: nothing after this may change one error's parts.
    form = { message, locations: fieldLocations(node), extensions: Object.freeze(extensions()) };
    byKey.set(key, form);
  }
  return form;
}

/**
 * The fields the field policy withholds in one operation (issue 11). A withheld field that may be null resolves to
 * null at once and is noted here; its FORBIDDEN_FIELD error joins the answer's errors when the answer is sent
 * (`withheldFieldsPlugin`). Before, each denial was an error the resolver returned, which graphql-js threw and caught
 * and Apollo rebuilt twice; a case list withholds hundreds of fields, and those errors were most of what the field
 * policy cost. The answer is the same: the field is null and its error names the field, the category, the reason and
 * the policy version. Its parts but the path are made once per query field and reason, and shared.
 */
export class WithheldFields {
  private errors: WithheldField[] = [];

  /** Note this field as withheld; `key` tells apart the reasons (with their message and extensions) of one query field. */
  add(info: GraphQLResolveInfo, code: ErrorCode, key: string, message: string, extensions: () => Record<string, unknown>): null {
    const form = formOf(info.fieldNodes[0], key, message, () => ({ code, ...extensions() }));
    this.errors.push({ message: form.message, locations: form.locations, path: responsePathAsArray(info.path), extensions: form.extensions });
    return null;
  }

  /**
   * The answer's errors with the withheld fields' after those graphql-js reported. The answer takes them over: once it
   * is serialized they are garbage, not kept alive by the request's context while its disclosure records wait for the
   * log's chain head (under load, hundreds of objects per request that every garbage collection meanwhile copies).
   */
  appendTo(result: FormattedExecutionResult): void {
    const errors = this.errors;
    if (!errors.length) return;
    this.errors = [];
    (result as { errors?: readonly unknown[] }).errors = result.errors?.length ? [...result.errors, ...errors] : errors;
  }
}

/**
 * Gives every operation its own WithheldFields (a batched request's operations each get a copy of the context) and adds
 * their errors to the answer. Its willSendResponse does its work at once, so it must come before the plugins that
 * serialize the answer (the disclosure log's) in the plugin list: Apollo starts those hooks in that order.
 */
export function withheldFieldsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const withheld = new WithheldFields();
      contextValue.withheld = withheld;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') withheld.appendTo(response.body.singleResult);
        },
      };
    },
  };
}
