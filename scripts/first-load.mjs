// Measures how long the first visit to the public pages takes to become
// interactive (the body's data-hydrated) on a throttled phone: Chromium's
// CPU slowed 4x and the "Fast 4G" network of Chrome's DevTools (9 Mbps
// down, 1.5 Mbps up, 165 ms round trip). Each page is loaded cold (new
// browser context, empty cache) five times; prints the median and the
// worst. Not a test: a measurement for the README.
//
//   node scripts/first-load.mjs [base address]   (default http://127.0.0.1:3000)
//
// scripts/first-load.sh runs it over HTTP/1.1 and over HTTP/2 (TLS).
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const runs = 5;
const fast4g = {
  offline: false,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
  latency: 60 * 2.75,
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// A local HTTPS front (first-load.sh) has a certificate of its own making.
const contextOptions = { ignoreHTTPSErrors: true };
const finder = await browser.newPage(contextOptions);
await finder.goto(`${base}/jobs`);
const job = await finder.locator('a[href^="/jobs/"]').first().getAttribute('href');
await finder.close();

for (const path of ['/', '/jobs', job]) {
  const times = [];
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({
      ...contextOptions,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    // The moment hydration marks the body, by the page's own clock.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body?.dataset.hydrated) {
          window.__hydratedAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', fast4g);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let transferred = 0;
    cdp.on('Network.loadingFinished', (e) => (transferred += e.encodedDataLength));
    await page.goto(base + path);
    await page.waitForFunction(() => window.__hydratedAt !== undefined, null, { timeout: 60_000 });
    times.push(await page.evaluate(() => window.__hydratedAt));
    bytes = transferred;
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)];
  console.log(
    `${path.padEnd(48)} interactive: median ${(median / 1000).toFixed(2)} s, worst ${(times[runs - 1] / 1000).toFixed(2)} s; ${(bytes / 1024).toFixed(0)} KB transferred`,
  );
}
await browser.close();
