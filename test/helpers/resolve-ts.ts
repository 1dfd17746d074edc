/**
 * Jest's moduleNameMapper does not apply to globalSetup/globalTeardown, which are loaded by Node's own
 * require. Sources import with `.js` suffixes (module nodenext); here such relative imports resolve to
 * the `.ts` file next to them when there is no `.js` file. Imported first by the global hooks only.
 */
import Module from 'node:module';

type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
mod._resolveFilename = function resolveTs(request, parent, ...rest) {
  try {
    return original.call(this, request, parent, ...rest);
  } catch (err) {
    if (/^\.{1,2}\/.*\.js$/.test(request)) return original.call(this, request.replace(/\.js$/, '.ts'), parent, ...rest);
    throw err;
  }
};
