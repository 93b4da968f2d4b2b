import { defineConfig } from 'vitest/config';

// Speed is never asserted in a test: the limits are only there to end a test
// that hangs. They are generous because test files run side by side on two
// cores, with the browser tests' Chromium and servers among them.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
