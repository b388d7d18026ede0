import { expect } from '@playwright/test';
import { test, holdWasm } from '../fixtures';

// Bug: text typed into a form before the page finished hydrating was wiped
// when hydration set the inputs' value property back to the rendered value.

test('what a person types before the page hydrates is kept', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/login');
  await page.getByLabel('Email').fill('early@example.com');
  await page.getByLabel('Password', { exact: true }).fill('typed early 1');

  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  release();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');

  await expect(page.getByLabel('Email')).toHaveValue('early@example.com');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('typed early 1');
});
