// PGlite's CommonJS build loads Node built-ins with `await import("fs")` and the like. Jest runs CommonJS
// in a VM without dynamic-import support (short of --experimental-vm-modules), so for PGlite's files only
// we turn `import("<built-in>")` into the equivalent `require`. Production code loads PGlite untouched.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

const BUILTIN_DYNAMIC_IMPORT = /\bimport\(("[a-z/_:]+")\)/g;
const OWN_SOURCE = readFileSync(__filename, 'utf8');

module.exports = {
  process(sourceText) {
    // A module-level alias: Emscripten's glue declares its own `var require` in the same function.
    const code = sourceText.replace(
      BUILTIN_DYNAMIC_IMPORT,
      'Promise.resolve().then(() => requireBuiltinForPglite($1))',
    );
    return { code: `const requireBuiltinForPglite = require;${code}` };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256')
      .update(OWN_SOURCE)
      .update(sourcePath)
      .update(sourceText)
      .digest('hex');
  },
};
