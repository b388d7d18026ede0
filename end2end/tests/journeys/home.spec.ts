import { expect } from '@playwright/test';
import { DEMO_ADMIN, DEMO_ADMIN_KEY, DEMO_PASSWORD, enterAuthenticatorCode, expectNoA11yViolations, logIn, register, test } from '../fixtures';

// Each role's home shows what needs them, with one main action.

test('a job seeker’s home shows the next interview and what is new', async ({ page }) => {
  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Amara' })).toBeVisible();
  const interviews = page.getByRole('region', { name: 'Next interviews' });
  await expect(interviews).toContainText('Kestrel Payments');
  await expect(interviews).toContainText('Video call');
  await expect(interviews).toContainText('in 3 days');
  await expect(page.getByRole('region', { name: 'Replies from employers' })).toContainText('Moved to Interview');
  await expectNoA11yViolations(page);
});

test('a new job seeker is led to their first steps', async ({ page }) => {
  await register(page, `home.${Date.now()}@example.com`, 'home good 1 password');
  await expect(page.getByRole('heading', { level: 1, name: 'Let’s get you ready to apply' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Profile completeness' })).toBeVisible();
  await page.getByRole('link', { name: 'Upload your résumé', exact: true }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Start with your résumé' })).toBeVisible();
});

test('an employer’s home leads to the applicants waiting for a look', async ({ page }) => {
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome back/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Interviews this week' })).toContainText('Amara Okafor');
  const waiting = page.getByRole('region', { name: 'New applicants' });
  await expect(waiting.getByRole('listitem').first()).toContainText(/\d+ new of \d+/);
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Review new applicants' }).click();
  await expect(page).toHaveURL(/\/employer\/vacancies\/[^/]+\/pipeline\?stage=submitted$/);
});

test('an administrator signs in with a code from their authenticator and lands on the dashboard', async ({ page }) => {
  await logIn(page, DEMO_ADMIN, DEMO_PASSWORD);
  // The password alone is not enough: the second step asks for the code.
  await expect(page).toHaveURL(/\/login\/second-factor\?next=/);
  await expect(page.getByText(`Signing in as ${DEMO_ADMIN}`)).toBeVisible();
  await expectNoA11yViolations(page);
  await page.goto('/admin');
  await expect(page.getByText('Please log in to continue.')).toBeVisible();
  await page.goBack();
  await enterAuthenticatorCode(page, DEMO_ADMIN, DEMO_ADMIN_KEY);
  await expect(page).toHaveURL(/\/admin$/);
});
