import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, logIn, logOut, register, DEMO_PASSWORD, waitForHydration } from '../fixtures';

// A job seeker hides from one company: that company's people get "not
// found" for the profile, and so does anyone who could be one of them
// without the site being able to tell (a visitor who is not logged in).

test('a job seeker hides their profile from a company', async ({ page, browser }) => {
  const email = `quiet.${Date.now()}@example.com`;
  await register(page, email, 'confidential good 1 password');
  await expect(page.getByRole('status')).toContainText('Welcome!');
  await page.goto('/profile');
  const about = page.getByRole('region', { name: 'About you' });
  await about.getByLabel('First name').fill('Kemi');
  await about.getByLabel('Last name').fill('Bello');
  await about.getByRole('button', { name: 'Save about you' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');
  const profileAddress = await page.getByRole('link', { name: 'See your profile as others do' }).getAttribute('href');

  await page.goto('/settings');
  // The company names are suggested as they are typed, once the page has hydrated.
  await waitForHydration(page);
  const confidential = page.getByRole('region', { name: 'Confidential mode' });
  await expect(confidential.getByText('No companies yet.')).toBeVisible();
  const company = confidential.getByRole('combobox', { name: 'Company name or email domain' });
  await company.fill('Nobody Holdings');
  await confidential.getByRole('button', { name: 'Hide from this company' }).click();
  await expect(confidential.getByText('No company called “Nobody Holdings” is on Hirewell yet.')).toBeVisible();
  await company.fill('');
  await company.pressSequentially('Kestr');
  await expect(confidential.locator('datalist option[value="Kestrel Payments"]')).toHaveCount(1);
  await company.fill('Kestrel Payments');
  await confidential.getByRole('button', { name: 'Hide from this company' }).click();
  await expect(page.getByRole('status')).toContainText('Added to the companies that cannot see you.');
  await expect(confidential.getByRole('button', { name: 'Remove Kestrel Payments' })).toBeVisible();
  await confidential.getByLabel('Confidential mode is on').check();
  await confidential.getByRole('button', { name: 'Save confidential mode' }).click();
  await expect(page.getByRole('status')).toContainText('Your settings are saved.');
  await expect(confidential.getByLabel('Confidential mode is on')).toBeChecked();
  await expectNoA11yViolations(page);
  await logOut(page, email);

  // Kestrel's owner gets "not found", logged in or out.
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Company', exact: true })).toBeVisible();
  await page.goto(profileAddress!);
  await expect(page.getByText('We could not find what you were looking for.')).toBeVisible();
  await expect(page.getByText('Kemi Bello')).toHaveCount(0);

  const visitor = await browser.newPage();
  await visitor.goto(profileAddress!);
  await expect(visitor.getByText('We could not find what you were looking for.')).toBeVisible();
  await expect(visitor.getByText('Kemi Bello')).toHaveCount(0);
  await visitor.close();
});
