import { expect } from '@playwright/test';
import http from 'node:http';
import { test, waitForHydration } from '../fixtures';

// The first visit to a public page downloads at most this much script
// (JavaScript and WebAssembly, as served: brotli-compressed). Every other
// page's code is a chunk loaded when that page is first visited.
const BUDGET_BYTES = 400 * 1024;

/** The size of a file as the server sends it to a browser that accepts brotli. */
function servedSize(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'br' } }, (response) => {
        let size = 0;
        response.on('data', (chunk: Buffer) => (size += chunk.length));
        response.on('end', () => resolve(size));
      })
      .on('error', reject);
  });
}

async function firstJobAddress(baseURL: string): Promise<string> {
  const page = await fetch(`${baseURL}/jobs`).then((r) => r.text());
  const slug = page.match(/href="(\/jobs\/[^"?#]+)"/);
  expect(slug, 'a job on the board').not.toBeNull();
  return slug![1];
}

for (const which of ['/', '/jobs', 'a job page']) {
  test(`the first visit to ${which} loads less than 400 KB of script`, async ({ page, baseURL }) => {
    const path = which === 'a job page' ? await firstJobAddress(baseURL!) : which;
    const scripts = new Set<string>();
    page.on('request', (request) => {
      const url = request.url();
      if (/\.(js|wasm)(\?|$)/.test(url)) scripts.add(url);
    });
    await page.goto(path);
    await waitForHydration(page);
    await page.waitForLoadState('networkidle');
    let total = 0;
    const sizes: string[] = [];
    for (const url of scripts) {
      const size = await servedSize(url);
      total += size;
      sizes.push(`${new URL(url).pathname}: ${(size / 1024).toFixed(1)} KB`);
    }
    console.log(`${path}: ${(total / 1024).toFixed(1)} KB of script\n  ${sizes.join('\n  ')}`);
    expect(total, sizes.join(', ')).toBeLessThan(BUDGET_BYTES);
  });
}

// The page names its chunks (metas the server writes), so the browser
// fetches them with the main module rather than after it has started; and it
// asks for none of its script before its first paint, which therefore waits
// for no file but the page.
for (const which of ['/jobs', 'a job page']) {
  test(`the first visit to ${which} names every chunk it loads, after its first paint`, async ({ page, baseURL }) => {
    const path = which === 'a job page' ? await firstJobAddress(baseURL!) : which;
    const chunks = new Set<string>();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (/\/(chunk|split)_[^/]*\.wasm$/.test(url.pathname)) chunks.add(url.pathname);
    });
    await page.goto(path);
    await waitForHydration(page);
    await page.waitForLoadState('networkidle');
    const named = new Set(
      (await page.locator('meta[name="bundle-chunks"]').evaluateAll((metas) =>
        metas.flatMap((meta) => (meta as HTMLMetaElement).content.split(' ')),
      )),
    );
    expect(chunks.size, 'the page loads chunks of its own').toBeGreaterThan(0);
    expect([...chunks].filter((chunk) => !named.has(chunk)), 'chunks loaded without being named').toEqual([]);
    const { paint, earliest } = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      earliest: Math.min(
        ...performance
          .getEntriesByType('resource')
          .filter((entry) => /\.(js|wasm)$/.test(new URL(entry.name).pathname))
          .map((entry) => entry.startTime),
      ),
    }));
    expect(paint, 'the page reports its first paint').toBeDefined();
    expect(earliest, 'the first script asked for after the first paint').toBeGreaterThanOrEqual(paint!);
  });
}

// The stylesheet comes inside the page, so the first paint waits for no
// other file; the page is styled before any script runs.
test('a public page carries its stylesheet and asks for none', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const stylesheets: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'stylesheet') stylesheets.push(request.url());
  });
  await page.goto('/jobs');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(stylesheets).toEqual([]);
  // Styled: the search button is bold, as the browser's own is not.
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toHaveCSS('font-weight', '600');
  await context.close();
});
