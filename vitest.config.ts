import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'plugins/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Wechaty and gRPC keep module-level state; separate forks keep suites independent.
    pool: 'forks',
    // Wechaty's console logger (brolog) reads this at import: the puppet servers the end-to-end tests run
    // in-process would otherwise print their internal warnings between passing tests.
    env: { WECHATY_LOG: 'silent' },
  },
})
