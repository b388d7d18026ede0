import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, logIn, logOut, openEmail, register } from '../fixtures';

// One person's whole account story: sign up, confirm the email, log out and
// in, get locked out by wrong passwords, reset the password by email and log
// in with the new one.

const password = 'first good 1 password';
const newPassword = 'second good 2 password';

test('a job seeker signs up, confirms, is locked out and resets the password', async ({ page }) => {
  const email = `jo.${Date.now()}@example.com`;

  await register(page, email, password);

  await expect(page.getByRole('status')).toContainText('Welcome!');
  await expect(page.getByText('Please confirm your email address')).toBeVisible();
  // Dismissing the notice needs the hydrated page.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('status')).not.toContainText('Welcome!');

  await openEmail(page, email, 'Confirm your email address');
  await page.getByRole('link', { name: /verify-email\?token=/ }).click();
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('status')).toContainText('Your email address is confirmed.');
  await expect(page.getByText('Please confirm your email address')).toHaveCount(0);

  await logOut(page, email);
  await logIn(page, email, password);
  await expect(page.getByRole('heading', { name: 'Let’s get you ready to apply' })).toBeVisible();
  await logOut(page, email);

  await page.goto('/login');
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(`wrong password ${attempt}`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
  }
  await page.getByLabel('Password', { exact: true }).fill('wrong password 5');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Too many failed attempts to log in to this account: wait 15 minutes',
  );
  // Even the right password does not open a locked account.
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Too many failed attempts');

  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account exists for that address');

  await openEmail(page, email, 'Reset your password');
  await page.getByRole('link', { name: /reset-password\?token=/ }).click();
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password has been changed.');

  await logIn(page, email, password);
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
  await logIn(page, email, newPassword);
  await expect(page.getByRole('heading', { name: 'Let’s get you ready to apply' })).toBeVisible();

  await page.goto('/account');
  await expect(page.getByText('Account locked after failed attempts')).toBeVisible();
  await expect(page.getByText('Password changed')).toBeVisible();
  await expectNoA11yViolations(page);
});

test('registration shows field errors inline and keeps nothing', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('different');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await expect(page.getByText('The two passwords do not match.')).toBeVisible();
  await expect(page.getByText('Choose whether you are looking for work or hiring.')).toBeVisible();
  await expect(page.getByText('You need to accept the terms to create an account.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expectNoA11yViolations(page);
});
