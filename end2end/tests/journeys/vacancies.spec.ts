import { expect } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn, openEmail, publishVacancy, register, writeVacancy, waitForHydration } from '../fixtures';

// An employer writes a vacancy while its preview follows along, is told
// what publishing still needs, publishes it with its pay, pauses it, and
// finds it in the list with its status.

test('an employer writes, publishes and pauses a vacancy', async ({ page }) => {
  const title = `Data Analyst ${Date.now()}`;
  await logIn(page, 'recruiter@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await page.getByRole('link', { name: 'Vacancies', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vacancies' })).toBeVisible();
  await page.getByRole('link', { name: 'New vacancy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New vacancy' })).toBeVisible();
  await waitForHydration(page);
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

  // An "apply by" day gone by is refused: the listing closes once it is over.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const applyBy = page.getByLabel('Apply by (optional)');
  await applyBy.fill(day(-2));
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Choose today or a later day.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Job title')).toHaveValue(title);
  await applyBy.fill(day(5));
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

// A new company whose owner confirmed an address at its domain publishes
// as many vacancies as the trial allows; the next is refused with a way
// to the plans, and what was typed stays. Its page lists the open ones.
test('a trial company is told when it reaches its open vacancies', async ({ page }) => {
  const stamp = Date.now();
  const domain = `limits-${stamp}.example.com`;
  const owner = `owner@${domain}`;
  await register(page, owner, 'limits good 1 password', 'An employer');
  await expect(page.getByRole('status')).toContainText('Welcome!');
  await openEmail(page, owner, 'Confirm your email address');
  await page.getByRole('link', { name: /verify-email\?token=/ }).click();
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('status')).toContainText('Your email address is confirmed.');
  await page.goto('/company');
  const details = page.getByRole('region', { name: 'Company details' });
  await details.getByLabel('Company name').fill(`Limits ${stamp}`);
  await details.getByLabel('Industry').selectOption({ label: 'Technology' });
  await details.getByLabel('Company size').selectOption({ label: '1 to 10 people' });
  await details.getByLabel('Headquarters').fill('Ikeja, Lagos');
  await details.getByLabel('Website (optional)').fill(domain);
  await details.getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByRole('status')).toContainText('Your company is set up.');

  await publishVacancy(page, `Analyst ${stamp}`);
  await publishVacancy(page, `Treasurer ${stamp}`);
  await writeVacancy(page, `Risk Lead ${stamp}`);
  await page.getByRole('button', { name: 'Publish' }).click();
  const limit = page.getByRole('alert').filter({ hasText: 'Your plan allows' });
  await expect(limit).toContainText('Your plan allows 2 vacancies open at once. Pause or close one, or upgrade for more.');
  await expect(page.getByLabel('Job title')).toHaveValue(`Risk Lead ${stamp}`);
  await expectNoA11yViolations(page);
  await limit.getByRole('link', { name: 'See plans' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plans for hiring teams' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Trial' }).getByText('Your plan')).toBeVisible();

  // The company's page lists what it has open, newest first, to anyone.
  await page.goto(`/companies/limits-${stamp}`);
  const roles = page.getByRole('region', { name: 'Open roles' });
  await expect(roles.getByText('2 open roles')).toBeVisible();
  await expect(roles.getByRole('heading', { level: 3 })).toHaveText([`Treasurer ${stamp}`, `Analyst ${stamp}`]);
  await expectNoA11yViolations(page);
  await roles.getByRole('link', { name: `Analyst ${stamp}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Analyst ${stamp}` })).toBeVisible();
});
