import { expect } from '@playwright/test';
import { test, DEMO_PASSWORD, logInAsAdmin, register } from '../fixtures';

// axe needs script in the page, so it runs in the hydrated tests instead.

// The server renders every page fully and plain form posts work.
test.use({ javaScriptEnabled: false });

test('the home page works without JavaScript', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Hiring that respects your time' })).toBeVisible();
  await page.getByRole('link', { name: 'Create a free account' }).click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
});

test('logging in and out works without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('candidate@example.com');
  await page.getByLabel('Password', { exact: true }).fill('not the password 1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');

  await page.getByLabel('Email').fill('candidate@example.com');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();

  await page.getByText('candidate@example.com', { exact: true }).first().click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText('You have been logged out.')).toBeVisible();
});

test('an action brings the reader back to what they acted on without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('candidate@example.com');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(page).toHaveURL(/\/settings\?notice=settings_saved#notifications$/);
  await expect(page.getByText('Your settings are saved.')).toBeVisible();
});

test('a form failing twice in a row shows only its latest error without JavaScript', async ({ page }) => {
  const password = 'nojs settings good 1 password';
  await register(page, `nojs-twice${Date.now()}@example.com`, password);
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(page.getByText('Your settings are saved.')).toBeVisible();

  // A failure after a success: the error, and no "saved" over it.
  const passwordForm = page.getByRole('region', { name: 'Password' });
  await passwordForm.getByLabel('Current password').fill('not my password 1');
  await passwordForm.getByLabel('New password', { exact: true }).fill('a new good 2 password');
  await passwordForm.getByLabel('Confirm new password').fill('a new good 2 password');
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordForm.getByText('That is not your current password.')).toBeVisible();
  await expect(page.getByText('Your settings are saved.')).toHaveCount(0);

  // A second failure replaces the first.
  await passwordForm.getByLabel('Current password').fill(password);
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordForm.getByText('Enter a password.')).toBeVisible();
  await expect(passwordForm.getByText('That is not your current password.')).toHaveCount(0);
  await expect(page).toHaveURL(/\/settings\?__path=[^&]+&__err=[^&]+&__values=[^&#]+(#.*)?$/);
});

test('a failed form keeps its ticks and other forms keep theirs without JavaScript', async ({ page }) => {
  await register(page, `nojs-ticks${Date.now()}@example.com`, 'nojs ticks good 1 password');
  await page.goto('/profile');
  const location = page.getByRole('region', { name: 'Location' });
  await location.getByLabel('Country').fill('Nigeria');
  await location.getByLabel('I am willing to relocate').check();
  await location.getByRole('button', { name: 'Save location' }).click();
  await expect(location.getByLabel('I am willing to relocate')).toBeChecked();

  const wants = page.getByRole('region', { name: 'What you want' });
  await wants.getByLabel('Way of working').selectOption('hybrid');
  await wants.getByLabel('I am open to new opportunities').check();
  await wants.getByRole('button', { name: 'Save what you want' }).click();
  await expect(wants.getByLabel('I am open to new opportunities')).toBeChecked();

  // A box ticked and one unticked, sent with an error: both come back as sent.
  await wants.getByLabel('Contract').check();
  await wants.getByLabel('I am open to new opportunities').uncheck();
  await wants.getByLabel('Minimum salary').fill('lots');
  await wants.getByRole('button', { name: 'Save what you want' }).click();
  await expect(wants.getByText('Enter an amount like 85,000 or 85,000.50.')).toBeVisible();
  await expect(wants.getByLabel('Contract')).toBeChecked();
  await expect(wants.getByLabel('I am open to new opportunities')).not.toBeChecked();
  await expect(wants.getByLabel('Minimum salary')).toHaveValue('lots');
  // Another form's box was not in the post: it shows what is saved.
  await expect(location.getByLabel('I am willing to relocate')).toBeChecked();
});

test('a failed edit of one entry leaves the others as they are without JavaScript', async ({ page }) => {
  await register(page, `nojs-entries${Date.now()}@example.com`, 'nojs entries good 1 password');
  await page.goto('/profile');
  const work = page.getByRole('region', { name: 'Work history' });
  for (const [title, company] of [['Data Analyst', 'Lagos Retail Group'], ['Treasurer', 'Paystack']]) {
    const newJob = work.getByRole('form', { name: 'New job' });
    if (!(await newJob.isVisible())) await work.getByText('Add a job').click();
    await newJob.getByLabel('Job title').fill(title);
    await newJob.getByLabel('Company').fill(company);
    await newJob.getByLabel('Started').fill('2016-02');
    await newJob.getByRole('button', { name: 'Add job' }).click();
    await expect(work.getByText(`${title} at ${company}`, { exact: true })).toBeVisible();
  }

  // One entry sent with an error comes back open, with the error and what
  // was typed; the other entry and the new one show neither.
  await work.getByText('Edit Treasurer at Paystack').click();
  const treasurer = work.getByRole('form', { name: 'Edit Treasurer at Paystack' });
  await treasurer.getByLabel('Job title').fill('');
  await treasurer.getByLabel('Company').fill('Paystack Ltd');
  await treasurer.getByRole('button', { name: 'Save job' }).click();
  await expect(treasurer.getByText('Enter your job title.')).toBeVisible();
  await expect(treasurer.getByLabel('Company')).toHaveValue('Paystack Ltd');
  await work.getByText('Edit Data Analyst at Lagos Retail Group').click();
  const analyst = work.getByRole('form', { name: 'Edit Data Analyst at Lagos Retail Group' });
  await expect(analyst.getByLabel('Job title')).toHaveValue('Data Analyst');
  await expect(analyst.getByLabel('Company')).toHaveValue('Lagos Retail Group');
  await expect(analyst.getByText('Enter your job title.')).toHaveCount(0);
  await work.getByText('Add a job').click();
  const newJob = work.getByRole('form', { name: 'New job' });
  await expect(newJob.getByLabel('Company')).toHaveValue('');
  await expect(newJob.getByText('Enter your job title.')).toHaveCount(0);
});

test('a form in a dialog comes back open with its error without JavaScript', async ({ page, browser }) => {
  const email = `nojs-dialog${Date.now()}@example.com`;
  const them = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await register(them, email, 'nojs dialog good 1 password');
  await logInAsAdmin(page);
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole('link', { name: email }).click();
  await page.getByRole('button', { name: 'Verify identity…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Verify their identity' });
  await dialog.getByLabel('How you checked').fill('Looked');
  await dialog.getByRole('button', { name: 'Verify identity' }).click();
  await expect(dialog.getByText('Say how you checked who they are (a passport over a video call, say).')).toBeVisible();
  await expect(dialog.getByLabel('How you checked')).toHaveValue('Looked');
});

test('an administrator verifies the audit chain without JavaScript', async ({ page }) => {
  await logInAsAdmin(page);
  await page.goto('/admin/audit');
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?chain=verify/);
  await expect(page.getByRole('status').filter({ hasText: 'The chain is' })).toContainText('The chain is intact.');
});

test('registration errors show without JavaScript', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('Email').fill('nojs@example');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(page.getByText('You need to accept the terms to create an account.')).toBeVisible();
});

test('job search and a vacancy page work without JavaScript', async ({ page }) => {
  await page.goto('/jobs');
  await expect(page.getByRole('heading', { level: 1, name: 'Find a job' })).toBeVisible();
  await page.getByLabel('What').fill('analyst');
  await page.getByLabel('Sort by').selectOption({ label: 'Newest' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=analyst/);
  await expect(page).toHaveURL(/sort=newest/);
  const first = page.getByRole('article').first();
  await expect(first).toContainText(/analyst/i);
  await first.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/analyst/i);
  await expect(page.getByText('How well do you match?')).toBeVisible();
});

test('the swipe deck works without JavaScript', async ({ page }) => {
  await register(page, `nojs-swiper${Date.now()}@example.com`, 'a long enough password 1');
  await expect(page.getByRole('link', { name: 'Discover' })).toBeVisible();
  await page.goto('/swipe');
  const top = page.getByRole('article').getByRole('heading', { level: 2 }).getByRole('link');
  const first = (await top.getAttribute('href'))!;
  await page.getByRole('button', { name: 'Like', exact: true }).click();
  await expect(page).toHaveURL(/\/swipe$/);
  await expect(top).not.toHaveAttribute('href', first);
  await page.getByRole('button', { name: 'Undo last swipe' }).click();
  await expect(top).toHaveAttribute('href', first);
});
