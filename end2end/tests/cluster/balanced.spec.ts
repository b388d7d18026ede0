import { expect, Page } from '@playwright/test';
import { test, openEmail, register, waitForHydration } from '../fixtures';

// Through the load balancer of scripts/cluster.sh: two server instances
// answer in turn (no sticky sessions), sharing one database and one bucket.
// A job seeker signs up, confirms the address, adds a photo and a résumé
// and applies, whichever instance answers each request.

/** A real PDF, printed by the browser. */
async function resumePdf(page: Page): Promise<Buffer> {
  const printer = await page.context().newPage();
  await printer.setContent('<h1>Kofi Mensah</h1><h2>Data Analyst</h2><p>Skills: SQL, Python</p>');
  const pdf = await printer.pdf({ format: 'A4' });
  await printer.close();
  return pdf;
}

test('a job seeker signs up, adds a photo and applies across two instances', async ({ page }) => {
  const answeredBy = new Set<string>();
  page.on('response', (response) => {
    const instance = response.headers()['x-instance'];
    if (instance) answeredBy.add(instance);
  });

  const email = `balanced.${Date.now()}@example.com`;
  await register(page, email, 'balanced good 1 password');
  await expect(page.getByRole('status')).toContainText('Welcome!');
  await openEmail(page, email, 'Confirm your email address');
  await page.getByRole('link', { name: /verify-email\?token=/ }).click();
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('status')).toContainText('Your email address is confirmed.');

  await page.goto('/profile');
  await waitForHydration(page);
  const photos = page.getByRole('region', { name: 'Photos' });
  await photos.getByLabel('Add a photo').setInputFiles({
    name: 'me.png',
    mimeType: 'image/png',
    buffer: await page.screenshot(),
  });
  await photos.getByRole('button', { name: 'Upload photo' }).click();
  await expect(page.getByRole('status')).toContainText('Your photo is uploaded.');
  const thumbnail = photos.getByRole('img', { name: 'Thumbnail of your main photo' });
  await expect(thumbnail).toBeVisible();
  // Stored in the bucket, so every instance serves it.
  for (let i = 0; i < 4; i++) {
    const src = await thumbnail.getAttribute('src');
    const response = await page.request.get(src!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/jpeg');
  }

  const resumes = page.getByRole('region', { name: 'Résumés' });
  await resumes.getByLabel('Add a résumé').setInputFiles({
    name: 'kofi.pdf',
    mimeType: 'application/pdf',
    buffer: await resumePdf(page),
  });
  await resumes.getByRole('button', { name: 'Upload résumé' }).click();
  await expect(resumes.getByRole('link', { name: 'kofi.pdf' })).toBeVisible();
  // Read by a job on whichever instance took it.
  await expect(resumes.getByText('Found in your résumé')).toBeVisible({ timeout: 30_000 });

  await page.goto('/jobs');
  const first = page.getByRole('article').first();
  await first.getByRole('heading').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Apply now' }).click();
  await expect(page.getByRole('status')).toContainText('Your application is sent.');
  await page.getByRole('link', { name: 'Applications', exact: true }).click();
  await expect(page.getByRole('article')).toHaveCount(1);

  expect([...answeredBy].sort()).toEqual(['instance1', 'instance2']);
});
