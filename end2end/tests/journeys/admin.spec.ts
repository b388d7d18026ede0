import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, logIn, DEMO_PASSWORD } from '../fixtures';

// The demo administrator reviews accounts and changes an account type; the
// change is in the audit log. A job seeker cannot open the admin area.

test('an administrator changes an account type and sees it audited', async ({ page }) => {
  await logIn(page, 'admin@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel('Search by email').fill('employer@example.com');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('1 user', { exact: true })).toBeVisible();
  await page.getByLabel('Account type of employer@example.com').selectOption('candidate');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('The account type has been changed.');

  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Admin dashboard' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Account type changed by an administrator' }).first()).toBeVisible();
  await expectNoA11yViolations(page);

  // Put it back so other tests find the demo employer as it was.
  await page.goto('/admin/users?q=employer%40example.com');
  await page.getByLabel('Account type of employer@example.com').selectOption('employer');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('The account type has been changed.');
});

test('a job seeker is refused the admin area', async ({ page }) => {
  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toHaveCount(0);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByText('You do not have access to this page.')).toBeVisible();
});
