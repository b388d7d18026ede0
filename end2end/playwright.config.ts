import { defineConfig, devices } from '@playwright/test';

// Run by scripts/test.sh against the release server it starts, and against
// the two-instance cluster (scripts/cluster.sh) it starts too.
// Browsers cannot be downloaded here, so Debian's Chromium is used.
export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:3000',
    // New accounts take the browser's time zone: the same on every machine.
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'cluster/**',
      use: { ...devices['Desktop Chrome'] },
    },
    // Against the two instances behind the load balancer of scripts/cluster.sh.
    {
      name: 'cluster',
      testMatch: 'cluster/**',
      use: {
        ...devices['Desktop Chrome'],
        baseURL: process.env.CLUSTER_URL ?? 'http://127.0.0.1:3100',
      },
    },
  ],
});
