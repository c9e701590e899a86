// Jest transform for this repository's TypeScript test files, the part a user's ts-jest or Babel plays:
// TypeScript's own transpileModule (already a devDependency), emitting CommonJS for Jest's default module
// system. It never sees our library: tests import playwright-okta/jest by name, the built CommonJS entry,
// as a user's tests do. Type checking is `tsc`'s job (npm run typecheck); this only strips types.
const { createHash } = require('node:crypto');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: true,
  inlineSources: true,
};

module.exports = {
  process(source, filename) {
    const { outputText, sourceMapText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
    return { code: outputText, map: sourceMapText };
  },
  getCacheKey(source, filename, options) {
    return createHash('sha256')
      .update(ts.version).update('\0').update(filename).update('\0').update(source).update('\0')
      .update(options.configString).update(String(options.supportsStaticESM))
      .digest('hex');
  },
};
