import { expect } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn } from '../fixtures';

// An employer writes a vacancy while its preview follows along, is told
// what publishing still needs, publishes it with its pay, pauses it, and
// finds it in the list with its status.

test('an employer writes, publishes and pauses a vacancy', async ({ page }) => {
  const title = `Data Analyst ${Date.now()}`;
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await page.getByRole('link', { name: 'Vacancies', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vacancies' })).toBeVisible();
  await page.getByRole('link', { name: 'New vacancy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New vacancy' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expectNoA11yViolations(page);

  // The preview shows the vacancy as candidates will read it, as it is typed.
  const preview = page.getByRole('complementary', { name: 'Preview' });
  await page.getByLabel('Job title').fill(title);
  await expect(preview.getByRole('heading', { name: title })).toBeVisible();
  await expect(preview.getByText('Before publishing:', { exact: true })).toBeVisible();
  await expect(preview.getByText('Add the salary range before publishing')).toBeVisible();

  // Publishing too early points at each missing field and keeps the text.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Describe the role in a few sentences before publishing.').first()).toBeVisible();
  await expect(page.getByLabel('Job title')).toHaveValue(title);

  await page
    .getByLabel('Description')
    .fill('Own our reporting end to end and help every team decide with data.');
  await page.getByLabel('Requirements').fill('SQL every day\nClear writing');
  await page.getByLabel('Required skills').fill('SQL, Python');
  await page.getByLabel('Where the work happens').selectOption({ label: 'Hybrid' });
  await page.getByLabel('City').fill('Lagos');
  await page.getByLabel('Country').fill('Nigeria');
  await page.getByLabel('Salary from').fill('850000');
  await page.getByLabel('Salary to').fill('1200000');
  await page.getByLabel('Currency').selectOption('NGN');
  await page.getByLabel('Salary period').selectOption({ label: 'per month' });
  await expect(preview.getByText('NGN 850,000 – 1,200,000 per month')).toBeVisible();
  await expect(preview.getByText('Lagos, Nigeria')).toBeVisible();
  await expect(preview.getByRole('listitem').filter({ hasText: 'Clear writing' })).toBeVisible();
  await expect(preview.getByText('Ready to publish.')).toBeVisible();

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toContainText('The vacancy is open');
  await expect(page.getByRole('heading', { level: 1, name: 'Edit vacancy' })).toBeVisible();
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status.getByText('Open', { exact: true })).toBeVisible();
  await expect(status.getByRole('link', { name: 'See the job page' })).toBeVisible();
  await expectNoA11yViolations(page);

  await status.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('The vacancy is paused');
  await expect(status.getByRole('button', { name: 'Reopen' })).toBeVisible();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByText('Open → Paused')).toBeVisible();

  await page.getByRole('link', { name: 'All vacancies' }).click();
  await page.getByRole('link', { name: /^Paused/ }).click();
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row.getByText('Paused')).toBeVisible();
  await expect(row.getByText('Lagos, Nigeria · Hybrid')).toBeVisible();
  await expectNoA11yViolations(page);
});
