import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expectNoA11yViolations, logIn, register, DEMO_PASSWORD, logInAsAdmin, waitForHydration } from '../fixtures';

// The demo administrator reviews accounts and changes an account type; the
// change is in the audit log. They read the billing figures and adjust a
// company's credits. A job seeker cannot open the admin area.

test('an administrator changes an account type and sees it audited', async ({ page }) => {
  await logInAsAdmin(page);
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel('Search by email').fill('employer@example.com');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('1 user', { exact: true })).toBeVisible();
  await page.getByLabel('Account type of employer@example.com', { exact: true }).selectOption('candidate');
  await page.getByRole('button', { name: 'Save the account type of employer@example.com' }).click();
  // A confirmation first, that says what the change does.
  const confirm = page.getByRole('dialog', { name: 'Change the account type of employer@example.com?' });
  await expect(confirm).toContainText('changes at once');
  await expectNoA11yViolations(page);
  await confirm.getByRole('button', { name: 'Change account type' }).click();
  await expect(page.getByRole('status')).toContainText('The account type has been changed.');

  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Admin dashboard' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Account type changed by an administrator' }).first()).toBeVisible();
  await expectNoA11yViolations(page);

  // Put it back so other tests find the demo employer as it was.
  await page.goto('/admin/users?q=employer%40example.com');
  await page.getByLabel('Account type of employer@example.com', { exact: true }).selectOption('employer');
  await page.getByRole('button', { name: 'Save the account type of employer@example.com' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Change account type' }).click();
  await expect(page.getByRole('status')).toContainText('The account type has been changed.');
});

test('an administrator withdraws and grants a company\'s verification', async ({ page }) => {
  await logInAsAdmin(page);
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Companies', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
  await page.getByLabel('Search by name or domain').fill('kestrel');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('1 company', { exact: true })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Kestrel Payments' });
  await expect(row.getByText('Verified', { exact: true })).toBeVisible();
  await expectNoA11yViolations(page);

  await row.getByRole('button', { name: 'Withdraw the verification of Kestrel Payments' }).click();
  // Cancel leaves everything as it was; confirming withdraws.
  const dialog = page.getByRole('dialog', { name: 'Withdraw the verification of Kestrel Payments?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText('Verified', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Withdraw the verification of Kestrel Payments' }).click();
  await dialog.getByRole('button', { name: 'Withdraw verification' }).click();
  await expect(page.getByRole('status')).toContainText("The company's verification is changed.");
  await expect(row.getByText('Pending', { exact: true })).toBeVisible();
  await page.goto('/companies/kestrel-payments');
  await expect(page.getByRole('heading', { level: 1, name: 'Kestrel Payments' })).toBeVisible();
  // Others than its own people see no badge at all while it waits.
  await expect(page.getByText('Verified')).toHaveCount(0);
  await expect(page.getByText('Verification pending')).toHaveCount(0);

  // Verified again, as the demo data has it.
  await page.goto('/admin/companies?q=kestrel');
  await page.getByRole('button', { name: 'Verify Kestrel Payments' }).click();
  await page.getByRole('dialog', { name: 'Verify Kestrel Payments?' }).getByRole('button', { name: 'Verify company' }).click();
  await expect(page.getByRole('status')).toContainText("The company's verification is changed.");
  await page.goto('/companies/kestrel-payments');
  await expect(page.getByRole('heading', { level: 1, name: 'Kestrel Payments' })).toBeVisible();
  await expect(page.getByText('Verified')).toBeVisible();
  await page.goto('/admin');
  await expect(page.getByRole('cell', { name: 'Company verified by an administrator' }).first()).toBeVisible();
});

test('an administrator features a job and it stands out in search', async ({ page }) => {
  await logInAsAdmin(page);
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
  await page.goto('/jobs?q=Product+Manager&company=kestrel-payments');
  const result = page.getByRole('article').filter({ hasText: 'Kestrel Payments' }).first();
  await expect(result.getByText('Featured', { exact: true })).toHaveCount(0);
  await result.getByRole('link', { name: 'Product Manager' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Product Manager' })).toBeVisible();
  await waitForHydration(page);
  await expectNoA11yViolations(page);

  await page.getByRole('button', { name: 'Feature this job' }).click();
  await expect(page.getByRole('status')).toContainText('The vacancy is featured');
  await expect(page.getByRole('button', { name: 'Stop featuring' })).toBeVisible();
  await page.goto('/jobs?q=Product+Manager&company=kestrel-payments');
  await expect(result.getByText('Featured', { exact: true })).toBeVisible();
  await page.goto('/admin');
  await expect(page.getByRole('cell', { name: 'Vacancy featured by an administrator' }).first()).toBeVisible();

  // Back as the demo data has it.
  await page.goto('/jobs?q=Product+Manager&company=kestrel-payments');
  await result.getByRole('link', { name: 'Product Manager' }).click();
  await page.getByRole('button', { name: 'Stop featuring' }).click();
  await expect(page.getByRole('status')).toContainText('The vacancy is no longer featured.');
});

test('an administrator reads the revenue, finds a company\'s invoices and adjusts its credits', async ({ page }) => {
  await logInAsAdmin(page);
  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
  await expect(page.getByText('Monthly recurring revenue')).toBeVisible();
  // The chart has its numbers in a table, for reading them exactly.
  const chart = page.getByRole('figure', { name: 'Paid invoices less refunds, the last 12 months' });
  await expect(chart.getByRole('img')).toBeVisible();
  await expect(chart.getByRole('row')).toHaveCount(13);
  await expect(page.getByRole('row', { name: /^Basic/ })).toBeVisible();
  await expectNoA11yViolations(page);

  // The filters live in the address.
  await page.getByLabel('Buyer or number', { exact: true }).fill('Kestrel');
  await page.getByLabel('Status', { exact: true }).selectOption('paid');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/q=Kestrel/);
  const invoices = page.getByRole('table').filter({ hasText: 'Number' });
  await expect(invoices.getByRole('link', { name: 'Kestrel Payments' }).first()).toBeVisible();
  await expect(invoices.getByRole('row').filter({ hasNotText: 'Kestrel Payments' })).toHaveCount(1);
  await page.getByLabel('Issued from', { exact: true }).fill('2099-01-01');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No invoice matches these filters.')).toBeVisible();
  await page.goBack();

  await invoices.getByRole('link', { name: 'Kestrel Payments' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kestrel Payments' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Basic, billed monthly/ }).first()).toBeVisible();
  const available = page.getByRole('definition').first();
  const before = Number(await available.textContent());
  await expectNoA11yViolations(page);

  await page.getByLabel('Credits', { exact: true }).fill('3');
  await page.getByLabel('Why', { exact: true }).fill('Goodwill after the demo outage');
  await page.getByRole('button', { name: 'Adjust credits' }).click();
  await expect(page.getByRole('status')).toContainText('The credits are adjusted');
  await expect(available).toHaveText(String(before + 3));
  const entry = page.getByRole('row').filter({ hasText: 'Goodwill after the demo outage' });
  await expect(entry).toContainText('Adjusted by an admin');
  await expect(entry).toContainText('+3');
  await expect(entry).toContainText('admin@example.com');

  // Not more than it has, and the form says so where it matters.
  await page.getByLabel('Change', { exact: true }).selectOption('remove');
  await page.getByLabel('Credits', { exact: true }).fill('1000');
  await page.getByLabel('Why', { exact: true }).fill('Taking back what was never used');
  await page.getByRole('button', { name: 'Adjust credits' }).click();
  await expect(page.getByText(`Only ${before + 3} available credits can be taken back.`)).toBeVisible();
  await expect(page.getByLabel('Credits', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(available).toHaveText(String(before + 3));
  await expectNoA11yViolations(page);
});

test('an administrator changes a plan as a new version', async ({ page }) => {
  await logInAsAdmin(page);
  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  await page.getByRole('link', { name: 'Edit plans' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plans' })).toBeVisible();
  const enterprise = page.getByRole('row', { name: /^Enterprise/ });
  await expect(enterprise).toContainText('By agreement');
  await expect(page.getByRole('row', { name: /^Plus/ })).toContainText('Job seekers');
  await expectNoA11yViolations(page);

  await enterprise.getByRole('link', { name: 'Edit Enterprise' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit Enterprise' })).toBeVisible();
  // Versions agreed with single companies count too: the next number is said.
  const next = (await page.getByText(/^Saving makes version \d+/).textContent())!.match(/\d+/)![0];
  // A wrong limit is named where it was typed, and nothing is saved.
  await page.getByLabel('Recruiters', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByText('Recruiters must be a whole number from 1 to 1000000.')).toBeVisible();
  await expect(page.getByLabel('Recruiters', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectNoA11yViolations(page);

  const description = `Limits, price and support agreed with you (${Date.now()}).`;
  await page.getByLabel('Recruiters', { exact: true }).fill('');
  await page.getByLabel('Description', { exact: true }).fill(description);
  await expect(page.getByLabel('API access')).toBeChecked();
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByRole('status')).toContainText('The plan is saved as a new version');
  await expect(page.getByRole('row', { name: /^Enterprise/ }).getByRole('cell').nth(2)).toHaveText(next);

  // The price list shows it at once.
  await page.goto('/pricing');
  await expect(page.getByRole('region', { name: 'Enterprise' }).getByText(description)).toBeVisible();
});

test('a job seeker is refused the admin area', async ({ page }) => {
  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toHaveCount(0);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByText('You do not have access to this page.')).toBeVisible();
});

test('an administrator filters the audit log and verifies its chain', async ({ page }) => {
  await logInAsAdmin(page);
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
  await page.goto('/admin');
  await page.getByRole('link', { name: 'The whole log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();

  // Their own logins, found by who acted and the action's start.
  await page.getByLabel('By (email)', { exact: true }).fill('admin@example.com');
  await page.getByLabel('Action, or its start', { exact: true }).fill('login.');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/actor=admin%40example\.com/);
  const rows = page.getByRole('row').filter({ hasText: 'login.succeeded' });
  await expect(rows.first()).toContainText('Logged in');
  await expect(page.getByRole('row').filter({ hasText: 'account.registered' })).toHaveCount(0);
  await expectNoA11yViolations(page);

  // Nothing matches a day to come; the filters clear with one link.
  await page.getByLabel('From', { exact: true }).fill('2099-01-01');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No entries match these filters.')).toBeVisible();
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page.getByLabel('By (email)', { exact: true })).toHaveValue('');
  await expect(page.getByRole('row').filter({ hasText: 'login.succeeded' }).first()).toBeVisible();

  // The filters above are plain GET forms, so each loaded the page afresh;
  // the verdict is shown in place by the hydrated page.
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The chain is' })).toContainText('The chain is intact.');
  await expectNoA11yViolations(page);
});

test('an administrator suspends a person, who is signed out and told why, then reinstates them', async ({ page, browser }) => {
  const email = `suspended.${Date.now()}@example.com`;
  const password = 'suspended good 1 password';
  const person = await (await browser.newContext()).newPage();
  await register(person, email, password);
  await expect(person.getByRole('status')).toContainText('Welcome!');

  await logInAsAdmin(page);
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await page.getByLabel('Search by email').fill(email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: email }).click();
  await expect(page.getByRole('heading', { level: 1, name: email })).toBeVisible();
  await expect(page.getByText('Email not confirmed', { exact: true })).toBeVisible();
  await expectNoA11yViolations(page);

  // A reason is needed; the dialog keeps what was typed with the error.
  await page.getByRole('button', { name: 'Suspend…' }).click();
  const dialog = page.getByRole('dialog', { name: `Suspend ${email}?` });
  await dialog.getByLabel('Reason').fill('Spam');
  await dialog.getByRole('button', { name: 'Suspend the account' }).click();
  await expect(dialog.getByText('Say why in a sentence or two')).toBeVisible();
  await dialog.getByLabel('Reason').fill('Posted the same advert in forty conversations.');
  await dialog.getByRole('button', { name: 'Suspend the account' }).click();
  await expect(dialog).toBeHidden();
  const suspension = page.getByRole('region', { name: 'Suspended' });
  await expect(suspension).toContainText('Posted the same advert in forty conversations.');
  await expectNoA11yViolations(page);

  // Their browser is signed out at once and cannot log in again.
  await person.goto('/');
  await expect(person.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' })).toBeVisible();
  await logIn(person, email, password);
  await expect(person.getByRole('alert')).toContainText('This account is suspended.');

  await page.getByRole('button', { name: 'Reinstate…' }).click();
  const back = page.getByRole('dialog', { name: `Reinstate ${email}?` });
  await back.getByLabel('Reason').fill('A misunderstanding: welcome back.');
  await back.getByRole('button', { name: 'Reinstate the account' }).click();
  await expect(page.getByRole('region', { name: 'Suspended' })).toHaveCount(0);
  await logIn(person, email, password);
  await expect(person.getByRole('link', { name: 'Profile', exact: true })).toBeVisible();
  await person.close();
});

test('an administrator reads the activity charts for a period and downloads the numbers', async ({ page }) => {
  await logInAsAdmin(page);
  await expect(page.getByRole('heading', { name: 'The last 30 days' })).toBeVisible();
  // The demo accounts were made today: the chart has bars, and a funnel
  // follows job seekers from a vacancy to an application.
  await expect(page.getByRole('img', { name: /^New accounts: the numbers are in the table “Day by day” below$/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Job seekers' })).toContainText('Created an account');
  await expect(page.getByRole('figure', { name: 'Hiring' })).toContainText('Vacancies published');

  const period = page.getByRole('navigation', { name: 'Period' });
  await period.getByRole('link', { name: '7 days' }).click();
  await expect(page.getByRole('heading', { name: 'The last 7 days' })).toBeVisible();
  await expect(period.getByRole('link', { name: '7 days' })).toHaveAttribute('aria-current', 'page');
  await page.getByText('Day by day', { exact: true }).click();
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Active people' }) });
  await expect(table.getByRole('row')).toHaveCount(8);
  await expectNoA11yViolations(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('hirewell-daily-figures-7-days.csv');
  const csv = readFileSync(await file.path(), 'utf8').trim().split('\r\n');
  expect(csv).toHaveLength(8);
  expect(csv[0]).toMatch(/^Date,New job seekers,.*,Revenue \(NGN\)$/);
});
