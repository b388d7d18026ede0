import { expect } from '@playwright/test';
import { DEMO_PASSWORD, logIn, test, waitForHydration } from '../fixtures';

// A signed-in person's pages load their code when first visited, each chunk
// once, and moving between pages stays in the page (no new document).
test('signed-in pages load their own chunk once and navigate in place', async ({ page }) => {
  const chunkRequests: string[] = [];
  const documents: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/\.(js|wasm)$/.test(url.pathname)) chunkRequests.push(url.pathname);
    if (request.resourceType() === 'document') documents.push(url.pathname);
  });

  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { name: 'Find a job', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');

  // From here on, every page is reached through the router.
  const documentsBefore = documents.length;
  const loadedBefore = chunkRequests.length;
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  await nav.getByRole('link', { name: 'Applications' }).click();
  await expect(page).toHaveURL(/\/applications$/);
  await expect(page.getByRole('heading', { name: 'Your applications', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const applicationsChunks = chunkRequests.slice(loadedBefore);
  expect(applicationsChunks.length, 'the candidate pages arrive as chunks of their own').toBeGreaterThan(0);

  for (const [name, heading] of [
    ['Discover', 'Discover jobs'],
    ['Home', 'Welcome back'],
    ['Profile', 'Your profile'],
    ['Applications', 'Your applications'],
    ['Jobs', 'Find a job'],
    ['Profile', 'Your profile'],
  ]) {
    await nav.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  }
  await page.waitForLoadState('networkidle');

  expect(documents.length, 'no page was loaded anew').toBe(documentsBefore);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  const twice = chunkRequests.filter((url, i) => chunkRequests.indexOf(url) !== i);
  expect(twice, 'chunks loaded more than once').toEqual([]);
});
