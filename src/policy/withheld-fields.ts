import type { ApolloServerPlugin } from '@apollo/server';
import { getLocation, responsePathAsArray, type FieldNode, type FormattedExecutionResult, type GraphQLResolveInfo, type SourceLocation } from 'graphql';
import type { ErrorCode } from '../common/errors.js';
import type { Context } from '../server/context.js';

/** What every error of one query field withheld for one reason has in common, and its JSON around the path. */
interface ErrorForm {
  message: string;
  locations: SourceLocation[];
  extensions: Record<string, unknown>;
  /** `{"message":…,"locations":…,"path":` */
  head: string;
  /** `,"extensions":…}` */
  tail: string;
}

/**
 * The forms per field node of a query, per reason. A parsed query is cached by Apollo and its nodes reused by every
 * request with the same query text, so a page's hundreds of denials share a few forms across requests.
 */
const forms = new WeakMap<FieldNode, Map<string, ErrorForm>>();

function formOf(info: GraphQLResolveInfo, key: string, message: string, extensions: Record<string, unknown>): ErrorForm {
  const node = info.fieldNodes[0];
  let byKey = forms.get(node);
  if (!byKey) forms.set(node, (byKey = new Map()));
  let form = byKey.get(key);
  if (!form) {
    // Shared by every error of the form (and frozen so): nothing after this may change one error's parts.
    const locations = Object.freeze(node.loc ? [Object.freeze(getLocation(node.loc.source, node.loc.start))] : []) as SourceLocation[];
    Object.freeze(extensions);
    form = {
      message,
      locations,
      extensions,
      head: `{"message":${JSON.stringify(message)},"locations":${JSON.stringify(locations)},"path":`,
      tail: `,"extensions":${JSON.stringify(extensions)}}`,
    };
    byKey.set(key, form);
  }
  return form;
}

const FORM = Symbol('form');

/**
 * One withheld field's FORBIDDEN_FIELD error, as graphql-js and Apollo would report it (message, locations, path,
 * extensions, in that order): a formatted error like any other of the answer, which also writes itself as JSON from
 * its form's parts and its path.
 */
export class WithheldField {
  readonly message: string;
  readonly locations: SourceLocation[];
  readonly path: ReadonlyArray<string | number>;
  readonly extensions: Record<string, unknown>;

  constructor(form: ErrorForm, path: ReadonlyArray<string | number>) {
    this.message = form.message;
    this.locations = form.locations;
    this.path = path;
    this.extensions = form.extensions;
    this[FORM] = form;
  }

  /** Its form (a symbol key: JSON.stringify and Object.keys pass it by). */
  readonly [FORM]: ErrorForm;
}

/**
 * The fields the field policy withholds in one operation (issue 11). A withheld field that may be null resolves to
 * null at once and is noted here; its FORBIDDEN_FIELD error joins the answer's errors when the answer is sent
 * (`withheldFieldsPlugin`). Before, each denial was an error the resolver returned, which graphql-js threw and caught
 * and Apollo rebuilt twice; a case list withholds hundreds of fields, and those errors were most of what the field
 * policy cost. The answer is the same: the field is null and its error names the field, the category, the reason and
 * the policy version.
 */
export class WithheldFields {
  private readonly errors: WithheldField[] = [];

  /** Note this field as withheld; `key` tells apart the reasons (with their message and extensions) of one query field. */
  add(info: GraphQLResolveInfo, code: ErrorCode, key: string, message: string, extensions: () => Record<string, unknown>): null {
    const node = info.fieldNodes[0];
    const form = forms.get(node)?.get(key) ?? formOf(info, key, message, { code, ...extensions() });
    this.errors.push(new WithheldField(form, responsePathAsArray(info.path)));
    return null;
  }

  get size(): number {
    return this.errors.length;
  }

  /** The answer's errors with the withheld fields' after those graphql-js reported. */
  appendTo(result: FormattedExecutionResult): void {
    if (!this.errors.length) return;
    (result as { errors?: readonly unknown[] }).errors = result.errors?.length ? [...result.errors, ...this.errors] : this.errors;
  }
}

/**
 * An answer as compact JSON (errors, data, extensions), as `JSON.stringify` would write it; a withheld field's error
 * is written from its form's parts around its path.
 */
export function answerJson(result: FormattedExecutionResult): string {
  const parts: string[] = [];
  if (result.errors) {
    const errors = result.errors.map((e) => {
      return e instanceof WithheldField ? e[FORM].head + JSON.stringify(e.path) + e[FORM].tail : JSON.stringify(e);
    });
    parts.push(`"errors":[${errors.join(',')}]`);
  }
  if (result.data !== undefined) parts.push(`"data":${JSON.stringify(result.data)}`);
  if (result.extensions !== undefined) parts.push(`"extensions":${JSON.stringify(result.extensions)}`);
  return `{${parts.join(',')}}`;
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
