import { expect } from '@playwright/test';
import { test, logIn, DEMO_PASSWORD } from '../fixtures';

// Bug: a text node followed by optional text ("Python" + " Primary",
// "Tobi Adeyemi" + " (you)") is one text node in the server's HTML, and
// hydration panicked on the page when it was loaded fresh. The fixture fails
// the test on the panic.

test('the profile editor with badges hydrates when loaded fresh', async ({ page }) => {
  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Profile', exact: true })).toBeVisible();
  await page.goto('/profile');
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByText('Primary').first()).toBeVisible();
});

test('the team page hydrates when loaded fresh', async ({ page }) => {
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Team', exact: true })).toBeVisible();
  await page.goto('/company/team');
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByText('(you)')).toBeVisible();
});
