// Jest transform for this repository's TypeScript: TypeScript's own transpileModule (already a
// devDependency; no ts-jest, no Babel), emitting ES modules for Jest's native ESM mode
// (`node --experimental-vm-modules`), which is what lets the engine's ESM-only dependencies load as they are.
// Type checking is `tsc`'s job (npm run typecheck); this only strips types.
const { createHash } = require('node:crypto');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.ESNext,
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
