import { expect } from '@playwright/test';
import { test, logIn, DEMO_PASSWORD } from '../fixtures';

// Bug: the profile page read the session outside a Transition, so the
// server and the browser rendered different markup and hydration panicked
// on a full page load. The fixture fails the test on any page error.

test('the profile page hydrates cleanly on a full page load', async ({ page }) => {
  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await page.goto('/profile');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByRole('link', { name: 'See your profile as others do' })).toBeVisible();
});
