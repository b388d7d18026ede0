import { expect } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn } from '../fixtures';

// On a phone, a signed-in person moves around with the tab bar at the
// bottom of the screen; the current place is marked for everyone, screen
// readers included. Wide screens mark the same place in the header.

test.use({ viewport: { width: 390, height: 844 } });

test('a job seeker moves around with the tab bar on a phone', async ({ page }) => {
  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  const tabs = page.getByRole('navigation', { name: 'Sections' });
  await expect(tabs).toBeVisible();
  await expect(tabs.getByRole('link')).toHaveText(['Home', 'Jobs', 'Discover', 'Applications', 'Profile']);
  await expect(tabs.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
  // The header keeps only the account menu on a phone.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' })).toBeHidden();
  await expectNoA11yViolations(page);

  await tabs.getByRole('link', { name: 'Applications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your applications' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Applications' })).toHaveAttribute('aria-current', 'page');
  await expect(tabs.getByRole('link', { name: 'Home' })).not.toHaveAttribute('aria-current', 'page');

  // A job's page belongs to Jobs.
  await tabs.getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find a job' })).toBeVisible();
  const job = page.getByRole('article').first().getByRole('heading').getByRole('link');
  const title = (await job.textContent())!.trim();
  await job.click();
  await expect(page).toHaveURL(/\/jobs\/.+/);
  await expect(tabs.getByRole('link', { name: 'Jobs' })).toHaveAttribute('aria-current', 'page');
  // The job's page has come (the address changes before it does).
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The bar covers nothing: the page's end scrolls clear of it.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const footer = await page.getByRole('contentinfo').boundingBox();
  const bar = await tabs.boundingBox();
  expect(footer!.y + footer!.height).toBeLessThanOrEqual(bar!.y + 1);
});

test('an employer has their own tabs, and the header marks the page on wide screens', async ({ page }) => {
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  const tabs = page.getByRole('navigation', { name: 'Sections' });
  await expect(tabs.getByRole('link')).toHaveText(['Home', 'Vacancies', 'Talent', 'Company', 'Team']);

  // Vacancies are cards on a phone, their applicants the main button; nothing
  // scrolls sideways.
  await tabs.getByRole('link', { name: 'Vacancies' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vacancies' })).toBeVisible();
  const applicants = page.getByRole('listitem').getByRole('link', { name: /^\d+ applicants?$/ }).first();
  await expect(applicants).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoA11yViolations(page);
  await applicants.click();
  await expect(page).toHaveURL(/\/pipeline$/);

  await tabs.getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Team' })).toHaveAttribute('aria-current', 'page');
  await expect(tabs.getByRole('link', { name: 'Company' })).not.toHaveAttribute('aria-current', 'page');

  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(tabs).toBeHidden();
  const header = page.getByRole('navigation', { name: 'Main' });
  await expect(header.getByRole('link', { name: 'Team' })).toHaveAttribute('aria-current', 'page');
  await header.getByRole('link', { name: 'Vacancies' }).click();
  await expect(header.getByRole('link', { name: 'Vacancies' })).toHaveAttribute('aria-current', 'page');
});
