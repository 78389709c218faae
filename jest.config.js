// Unit and route tests. PGlite by default; DATABASE_URL switches to a real PostgreSQL (see test/pg/run.sh).
module.exports = {
  // Jest's node environment, keeping PGlite's compiled WebAssembly for the whole worker.
  testEnvironment: '<rootDir>/test/support/environment.ts',
  // Jest's runtime, keeping V8's compiled code of each module for the whole worker (test/support/runtime.js).
  runtime: '<rootDir>/test/support/runtime.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Jest gives hooks the tests' timeout. A file's beforeAll builds its database (and often loads the
  // demo case): well under 10 s on an idle machine, but 30 s was not enough on a busy CI machine
  // (eight files failed in beforeAll). Speed is measured by the benchmarks, not by these limits.
  testTimeout: 120000,
  maxWorkers: 2,
  // Each test file leaves 15–30 MB on a worker's heap (its module registry), and a worker's files
  // get slower as its heap grows: run in one process, the suite's largest files cost 8.5 s of CPU
  // each while its first 15 ran, then 17 s each from the 31st on (heap 2.2 GB). A worker past
  // 512 MB is replaced after its file; on 12 files, restarts cost nothing measurable (49 s of CPU
  // either way).
  workerIdleMemoryLimit: '512MB',
};
