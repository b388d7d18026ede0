import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, register, uploadResume } from '../fixtures';

// A new job seeker starts from their résumé: they upload it, take what it
// suggests with a click, then fill in who they are and what they look for,
// one step at a time with the progress shown, and end ready to discover jobs.

test('a new job seeker’s onboarding starts from the résumé', async ({ page }) => {
  await register(page, `onboarding.${Date.now()}@example.com`, 'onboarding good 1 password');
  await expect(page.getByRole('heading', { level: 1, name: 'Let’s get you ready to apply' })).toBeVisible();
  await page.getByRole('link', { name: 'Upload your résumé', exact: true }).click();

  // Step 1: the résumé, and a skill it suggests.
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Start with your résumé' })).toBeVisible();
  const steps = page.getByRole('list', { name: 'Steps' });
  await expect(steps.getByRole('listitem').first()).toHaveAttribute('aria-current', 'step');
  await expect(page.getByText('Step 1 of 3')).toBeVisible();
  await expectNoA11yViolations(page);
  const resumes = page.getByRole('region', { name: 'Résumés' });
  await uploadResume(page, 'ngozi-eze.pdf');
  await expect(page).toHaveURL(/\/welcome/);
  await expect(resumes.getByText('Found in your résumé')).toBeVisible();
  await resumes.getByRole('button', { name: 'Add SQL' }).click();
  await expect(resumes.getByRole('button', { name: 'Add SQL' })).toHaveCount(0);
  await expect(page).toHaveURL(/\/welcome\?step=1/);
  await page.getByRole('link', { name: 'Continue' }).click();

  // Step 2: who they are; saving keeps them on the step.
  await expect(page.getByRole('heading', { level: 1, name: 'About you' })).toBeVisible();
  await expect(page.getByText('Step 2 of 3')).toBeVisible();
  await page.getByLabel('First name').fill('Ngozi');
  await page.getByLabel('Last name').fill('Eze');
  await page.getByLabel('Headline').fill('Senior data analyst');
  await page.getByRole('button', { name: 'Save about you' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');
  await expect(page).toHaveURL(/\/welcome\?step=2/);
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Continue' }).click();

  // Step 3 can be skipped; the last screen says what comes next.
  await expect(page.getByRole('heading', { level: 1, name: 'What you are looking for' })).toBeVisible();
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You are ready' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Profile completeness' })).toBeVisible();
  await page.getByRole('link', { name: 'Discover jobs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Discover jobs' })).toBeVisible();
});
