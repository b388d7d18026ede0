import { expect, Page } from '@playwright/test';
import { test, expectNoA11yViolations, logIn, register as submitRegistration, waitForHydration } from '../fixtures';

// A member adjusts privacy, notifications, language and time zone, changes
// the password and then the email address.

const password = 'settings good 1 password';
const newPassword = 'settings good 2 password';

async function register(page: Page, email: string) {
  await submitRegistration(page, email, password, 'An employer');
  await expect(page.getByRole('heading', { name: 'Set up hiring at your company' })).toBeVisible();
}

test('a member changes settings, password and email address', async ({ page }) => {
  const email = `sam.${Date.now()}@example.com`;
  const newEmail = `sam.new.${Date.now()}@example.com`;
  await register(page, email);

  await page.getByText(email, { exact: true }).first().click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectNoA11yViolations(page);

  const privacy = page.getByRole('region', { name: 'Privacy' });
  await privacy.getByLabel('Private').check();
  await privacy.getByLabel('Show my phone number on my profile').check();
  await privacy.getByLabel('Send me occasional product news by email').check();
  await privacy.getByRole('button', { name: 'Save privacy settings' }).click();
  await expect(page.getByRole('status')).toContainText('Your settings are saved.');

  const notifications = page.getByRole('region', { name: 'Notifications' });
  await notifications.getByRole('group', { name: 'New applications' }).getByLabel('In the app and by email').check();
  await expect(
    notifications.getByRole('group', { name: 'Account security' }).getByLabel('In the app and by email'),
  ).toBeDisabled();
  await notifications.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(page.getByRole('status')).toContainText('Your settings are saved.');

  const locale = page.getByRole('region', { name: 'Language and time zone' });
  await expect(locale.getByLabel('Language')).toHaveAccessibleDescription(/in English for now/);
  await locale.getByLabel('Language').selectOption('fr');
  await locale.getByLabel('Time zone').selectOption('Africa/Lagos');
  await locale.getByRole('button', { name: 'Save language and time zone' }).click();
  await expect(page.getByRole('status')).toContainText('Your settings are saved.');

  await page.reload();
  // A failed password change keeps what was typed in place once hydrated
  // (without script, passwords are not carried back).
  await waitForHydration(page);
  await expect(page.getByRole('region', { name: 'Privacy' }).getByLabel('Private')).toBeChecked();
  await expect(page.getByLabel('Show my phone number on my profile')).toBeChecked();
  await expect(page.getByLabel('Send me occasional product news by email')).toBeChecked();
  await expect(
    page.getByRole('group', { name: 'New applications' }).getByLabel('In the app and by email'),
  ).toBeChecked();
  await expect(page.getByLabel('Language', { exact: true })).toHaveValue('fr');
  await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue('Africa/Lagos');

  const passwordForm = page.getByRole('region', { name: 'Password' });
  await passwordForm.getByLabel('Current password').fill('not my password 1');
  await passwordForm.getByLabel('New password', { exact: true }).fill(newPassword);
  await passwordForm.getByLabel('Confirm new password').fill(newPassword);
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordForm.getByText('That is not your current password.')).toBeVisible();
  await passwordForm.getByLabel('Current password').fill(password);
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password has been changed.');

  const emailForm = page.getByRole('region', { name: 'Email address' });
  await emailForm.getByLabel('New email address').fill(newEmail);
  await emailForm.getByLabel('Current password').fill(newPassword);
  await emailForm.getByRole('button', { name: 'Change email address' }).click();
  await expect(page.getByRole('status')).toContainText('Your email address has been changed.');
  await expect(page.getByText('Please confirm your email address')).toBeVisible();

  // The worker sends it a moment after the change.
  const toOldAddress = page
    .getByRole('listitem')
    .filter({ hasText: email })
    .filter({ hasText: 'Your email address was changed' });
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await expect(toOldAddress).toBeVisible({ timeout: 1000 });
  }).toPass();

  await page.getByText(newEmail, { exact: true }).first().click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, newEmail, newPassword);
  await expect(page.getByRole('heading', { name: 'Set up hiring at your company' })).toBeVisible();
});

test('a member downloads their data and deletes the account', async ({ page }) => {
  const email = `leaver.${Date.now()}@example.com`;
  await register(page, email);
  await page.goto('/settings');
  const data = page.getByRole('region', { name: 'Your data' });

  const downloading = page.waitForEvent('download');
  await data.getByRole('link', { name: 'Download my data' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('hirewell-my-data.json');
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream()) as AsyncIterable<Buffer>) chunks.push(chunk);
  const exported = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  expect(exported.account.email).toBe(email);
  expect(exported.settings.timezone).toBe('UTC');

  await data.getByRole('button', { name: 'Delete my account' }).click();
  await expect(data.getByText('Tick the box to confirm')).toBeVisible();
  await data.getByLabel('Current password').fill(password);
  await data.getByLabel('I understand that this cannot be undone').check();
  await data.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('status')).toContainText('Your account has been deleted.');
  await expect(page.getByRole('link', { name: 'Log in' }).first()).toBeVisible();

  await logIn(page, email, password);
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
});

test.describe('a browser in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('a new member sees times on their own clock from the start', async ({ page }) => {
    await page.goto('/register');
    await waitForHydration(page);
    await page.getByLabel('A job seeker').check();
    await page.getByLabel('Email').fill(`nyc.${Date.now()}@example.com`);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Confirm password').fill(password);
    await page.getByLabel('I agree to the Terms of Service and the Privacy Policy').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/notice=registered/);

    await page.goto('/account');
    await expect(page.getByText(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC−[45]/).first()).toBeVisible();
    await page.goto('/settings');
    await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue('America/New_York');
    // Changing it changes every time shown.
    const locale = page.getByRole('region', { name: 'Language and time zone' });
    await locale.getByLabel('Time zone').selectOption('Asia/Kolkata');
    await locale.getByRole('button', { name: /Save/ }).click();
    await expect(page.getByRole('status')).toContainText('Your settings are saved.');
    await page.goto('/account');
    await expect(page.getByText(/UTC\+5:30/).first()).toBeVisible();
  });
});
