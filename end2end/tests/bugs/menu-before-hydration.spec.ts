import { expect } from '@playwright/test';
import { test, holdWasm, register } from '../fixtures';

// Bug: the account menu, opened while the page was still loading, shut by
// itself when the page hydrated (its "close on navigation" effect also ran
// at hydration), so the reader's next click found nothing.

test('the account menu opened before the page hydrates stays open', async ({ page }) => {
  const email = `menu.${Date.now()}@example.com`;
  await register(page, email, 'menu good 1 password', 'An employer');
  await expect(page.getByRole('heading', { name: 'Set up hiring at your company' })).toBeVisible();

  const release = await holdWasm(page);
  await page.goto('/settings');
  await page.getByText(email, { exact: true }).first().click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  release();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');

  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  // Moving to another page still closes it.
  await page.getByRole('link', { name: 'Your account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeHidden();
});
