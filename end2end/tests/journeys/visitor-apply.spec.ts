import { expect } from '@playwright/test';
import {
  test,
  DEMO_PASSWORD,
  expectNoA11yViolations,
  logIn,
  openEmail,
  publishVacancy,
  uploadResume,
  waitForHydration,
} from '../fixtures';

// A visitor reads a job, signs up from its page and comes back to it; the
// page leads them through what is missing (the email, a résumé) instead of
// a form that would fail; they apply, then withdraw after a confirmation.

test('a visitor signs up from a job page, gets ready, applies and withdraws', async ({ browser, page }) => {
  const word = `Liquidity${Date.now()}`;
  const title = `${word} Director`;
  const employer = await (await browser.newContext()).newPage();
  await logIn(employer, 'recruiter@example.com', DEMO_PASSWORD);
  await expect(employer.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await publishVacancy(employer, title);

  await page.goto(`/jobs?q=${word.toLowerCase()}`);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const jobPath = new URL(page.url()).pathname;
  const apply = page.getByRole('region', { name: 'Apply for this job' });
  await expect(apply).toBeVisible();
  await expectNoA11yViolations(page);
  await apply.getByRole('link', { name: 'Sign up to apply' }).click();

  const email = `visitor.${Date.now()}@example.com`;
  const password = 'visitor good 1 password';
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await page.getByLabel('A job seeker').check();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByLabel('I agree to the Terms of Service and the Privacy Policy').check();
  await page.getByRole('button', { name: 'Create account' }).click();

  // Back on the job, which now says what is still missing.
  await expect(page.getByRole('status')).toContainText('Welcome!');
  expect(new URL(page.url()).pathname).toBe(jobPath);
  const steps = page.getByRole('region', { name: 'Two steps before you apply' });
  await expect(steps).toBeVisible();
  await expect(steps.getByText('Confirm your email address (to do)')).toBeAttached();
  await expect(page.getByRole('button', { name: 'Apply now' })).toHaveCount(0);
  // An empty profile gets no made-up score.
  await expect(page.getByRole('heading', { name: 'Your match: not enough information yet' })).toBeVisible();
  await expect(page.getByText('Add your skills and experience to see how well you fit.')).toBeVisible();
  await expectNoA11yViolations(page);

  await openEmail(page, email, 'Confirm your email address');
  await page.getByRole('link', { name: /verify-email\?token=/ }).click();
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('status')).toContainText('Your email address is confirmed.');

  await page.goto(jobPath);
  const oneStep = page.getByRole('region', { name: 'One step before you apply' });
  await expect(oneStep.getByText('Confirm your email address (done)')).toBeAttached();
  await oneStep.getByRole('link', { name: 'Upload your résumé' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await waitForHydration(page);
  await uploadResume(page, 'visitor.pdf');
  await page.getByRole('link', { name: 'Continue where you were' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Apply now' }).click();
  await expect(page.getByRole('status')).toContainText('Your application is sent.');
  await expect(page.getByRole('heading', { name: 'You applied' })).toBeVisible();

  // Withdrawing asks first and says what it means.
  await page.goto('/applications');
  await expect(page.getByText('1 application', { exact: true })).toBeVisible();
  const card = page.getByRole('article').filter({ hasText: title });
  await card.getByRole('button', { name: `Withdraw application: ${title}` }).click();
  const confirm = page.getByRole('dialog', { name: `Withdraw your application for ${title}?` });
  await expect(confirm).toContainText('you cannot apply to it again');
  await expectNoA11yViolations(page);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(card.getByText('Submitted', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: `Withdraw application: ${title}` }).click();
  await confirm.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Your application is withdrawn.');
  await expect(card.getByText('Withdrawn', { exact: true })).toBeVisible();
});

test('a visitor on a phone filters in a sheet and has a sign-up bar under the job', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/jobs');
  await waitForHydration(page);
  // The filters wait in a sheet behind a button, not after the results.
  await expect(page.getByLabel('Way of working')).toBeHidden();
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByLabel('Way of working').selectOption({ label: 'Hybrid' });
  await expect(page).toHaveURL(/remote=hybrid/);
  await expect(page.getByRole('button', { name: 'Filters (1)' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Show results' }).click();
  await expect(page.getByLabel('Way of working')).toBeHidden();
  await expect(page.getByText(/Posted (today|yesterday|\d+ days ago)/).first()).toBeVisible();
  await page.getByRole('article').first().getByRole('heading').getByRole('link').click();
  await expect(page).toHaveURL(/\/jobs\/.+/);
  await expect(page.getByRole('region', { name: 'Apply for this job' })).toBeVisible();
  const path = new URL(page.url()).pathname;
  // The bar and the panel both lead to sign-up and back here.
  const bar = page.getByRole('link', { name: 'Sign up to apply' });
  await expect(bar).toHaveCount(2);
  await expect(bar.first()).toHaveAttribute('href', `/register?next=${encodeURIComponent(path)}`);
  await bar.last().click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await page.getByRole('link', { name: 'Log in' }).last().click();
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent(path)}`);
});

test('a candidate with skills can rank the jobs by their own match', async ({ page }) => {
  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto('/jobs');
  await waitForHydration(page);
  await page.getByLabel('Sort by').selectOption({ label: 'Best match' });
  await expect(page).toHaveURL(/sort=match/);
  // The ranked page as it loads (the old results stay until the new come).
  await page.reload();
  await waitForHydration(page);
  const scores = page.getByRole('article').getByText(/^\d+% match$/);
  await expect(scores.first()).toBeVisible();
  const shown = (await scores.allTextContents()).map((text) => parseInt(text, 10));
  expect(shown).toEqual([...shown].sort((a, b) => b - a));

  // A result is saved where it stands, and unsaved the same way.
  const unsaved = page.getByRole('article').filter({ has: page.locator('button[aria-pressed="false"]:visible') });
  const card = page.locator(`article#${await unsaved.nth(2).getAttribute('id')}`);
  const title = (await card.getByRole('heading').textContent())!.trim();
  await card.getByRole('button', { name: `Save ${title}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toContainText('Saved. Find it under Saved jobs.');
  const saved = card.getByRole('button', { name: `Remove ${title} from saved` });
  await expect(saved).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/sort=match/);
  await expect(card).toBeInViewport();
  await page.goto('/saved');
  await expect(page.getByRole('link', { name: title }).first()).toBeVisible();
  await page.goBack();
  await card.getByRole('button', { name: `Remove ${title} from saved` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removed' })).toContainText('Removed from your saved jobs.');
  await expect(card.getByRole('button', { name: `Save ${title}` })).toBeVisible();
});
