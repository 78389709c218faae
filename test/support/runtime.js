// Jest's runtime, keeping V8's compiled code of each module for the whole jest worker. Every test
// file gets a fresh module registry, so jest compiles the app's ~1,400 modules (express, knex, zod,
// pdfkit… and src/) again in every file: a fifth of a small file's CPU. V8 cannot reuse that work
// across files by itself (vm.compileFunction has no cache), so the code each compilation produces
// is kept here, by the hash of the module's transformed source, and given back to V8 next time
// (cachedData: V8 checks it against the source and compiles anew when it does not match). On 12
// files run on two workers: 46 s of CPU instead of 51.
//
// Modules holding an `import()` are compiled as jest does: Node 20 loses the dynamic import
// callback of a function compiled from cached data ("A dynamic import callback was not specified").
// Loaded by jest-runner with a plain require (jest.config.js `runtime`): CommonJS, no transform.
const crypto = require('node:crypto');
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

/** Compiled code by the sha1 of the module's source, for the life of this jest worker. */
const codeCache = new Map();
/** Each module's source, and its transformed code, by file (and transform options), for the life of this worker. */
const sources = new Map();
const transformed = new Map();

class CachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    // jest reads each module's file and asks the transformer for its code (a hash of the source and
    // a read of jest's transform cache on disk) again in every test file: kept here instead. The
    // files do not change during a run. The test file's own bookkeeping (source maps for stack
    // traces) is filled in as jest's transform would.
    const { fileCache, transformCache } = this;
    if (typeof fileCache?.readFile === 'function' && typeof transformCache?.transform === 'function') {
      const readFile = fileCache.readFile.bind(fileCache);
      fileCache.readFile = (filename) => {
        let source = sources.get(filename);
        if (source === undefined) sources.set(filename, (source = readFile(filename)));
        return source;
      };
      const transform = transformCache.transform.bind(transformCache);
      transformCache.transform = (filename, options) => {
        if (options?.isInternalModule || !(transformCache.transforms instanceof Map))
          return transform(filename, options);
        const key = `${filename}\0${JSON.stringify(options ?? null)}`;
        const file = transformed.get(key);
        if (!file) {
          const code = transform(filename, options);
          const done = transformCache.transforms.get(filename);
          if (done?.code === code) transformed.set(key, done);
          return code;
        }
        transformCache.transforms.set(filename, file);
        if (file.sourceMapPath) transformCache.sourceMaps.set(filename, file.sourceMapPath);
        return file.code;
      };
    }
    // jest-runtime's module executor compiles each module's source into its wrapper function.
    const executor = this.executor;
    if (typeof executor?.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)) return;
    const compile = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      if (!context || /\bimport\s*\(/.test(source)) return compile(source, filename);
      const key = crypto.createHash('sha1').update(source).digest('base64');
      const cachedData = codeCache.get(key);
      let fn;
      try {
        fn = vm.compileFunction(source, executor.injectedModuleParameters, {
          filename,
          parsingContext: context,
          cachedData,
          produceCachedData: !cachedData,
        });
      } catch {
        return compile(source, filename); // jest's own errors (syntax, ESM syntax in a CommonJS file)
      }
      if (fn.cachedDataProduced) codeCache.set(key, fn.cachedData);
      else if (fn.cachedDataRejected) codeCache.delete(key);
      return fn;
    };
  }
}

module.exports = CachingRuntime;
