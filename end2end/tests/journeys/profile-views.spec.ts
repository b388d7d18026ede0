import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, logIn, register, DEMO_PASSWORD } from '../fixtures';

// An employer looks at a job seeker's profile; the job seeker sees which
// company looked.

test('a job seeker sees which companies viewed their profile', async ({ page, browser }) => {
  await register(page, `seen.${Date.now()}@example.com`, 'profile views good 1 password');
  await expect(page.getByRole('status')).toContainText('Welcome!');
  await page.goto('/profile');
  const views = page.getByRole('region', { name: 'Who viewed your profile' });
  await expect(views.getByText('0 views in the last 30 days')).toBeVisible();
  const about = page.getByRole('region', { name: 'About you' });
  await about.getByLabel('First name').fill('Musa');
  await about.getByLabel('Last name').fill('Danjuma');
  await about.getByRole('button', { name: 'Save about you' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');
  const profileAddress = await page.getByRole('link', { name: 'See your profile as others do' }).getAttribute('href');

  // Kestrel's owner opens the profile twice; it counts as one view.
  const employer = await (await browser.newContext()).newPage();
  await logIn(employer, 'employer@example.com', DEMO_PASSWORD);
  await expect(employer.getByRole('link', { name: 'Company', exact: true })).toBeVisible();
  for (let i = 0; i < 2; i++) {
    await employer.goto(profileAddress!);
    await expect(employer.getByRole('heading', { name: 'Musa Danjuma' })).toBeVisible();
  }
  await employer.context().close();

  await page.reload();
  await expect(views.getByText('1 view in the last 30 days')).toBeVisible();
  await expect(views.getByRole('listitem')).toHaveCount(1);
  await expect(views.getByRole('listitem')).toContainText('Kestrel Payments');
  await expectNoA11yViolations(page);
});
