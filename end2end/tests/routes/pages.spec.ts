import { expect } from '@playwright/test';
import { test, expectNoA11yViolations } from '../fixtures';

// Every page renders, hydrates without errors and passes axe.

const publicPages: [string, string][] = [
  ['/', 'Hiring that respects your time'],
  ['/login', 'Log in'],
  ['/register', 'Create your account'],
  ['/forgot-password', 'Forgot your password?'],
  ['/reset-password?token=abc', 'Choose a new password'],
  ['/verify-email?token=abc', 'Confirm your email address'],
  ['/dev/mailbox', 'Mailbox (development)'],
];

for (const [path, heading] of publicPages) {
  test(`${path} renders and is accessible`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoA11yViolations(page);
  });
}

test('an unknown address shows the 404 page with status 404', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectNoA11yViolations(page);
});

test('the account page asks visitors to log in', async ({ page }) => {
  const response = await page.goto('/account');
  expect(response?.status()).toBe(401);
  await expect(page.getByText('Please log in to continue.')).toBeVisible();
  await expectNoA11yViolations(page);
});

test('keyboard users can skip to the content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
});
