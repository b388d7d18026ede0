import { expect, type Page } from '@playwright/test';
import {
  test, DEMO_PASSWORD, claimModerationCase, expectNoA11yViolations, logIn, logInAsAdmin, publishVacancy, waitForHydration,
} from '../fixtures';

// Moderation end to end: a job seeker reports a vacancy; a moderator claims
// the case and hides it, and it is gone from the job search; its team reads
// the reason and appeals; the moderator reinstates it and it is back.

async function searchJobs(page: Page, word: string) {
  await page.goto(`/jobs?q=${word.toLowerCase()}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Find a job' })).toBeVisible();
}

test('a reported vacancy is hidden by a moderator, appealed and reinstated', async ({ browser }) => {
  const word = `Cashier${Date.now()}`;
  const title = `${word} Lead`;
  const employer = await (await browser.newContext()).newPage();
  const seeker = await (await browser.newContext()).newPage();
  const admin = await (await browser.newContext()).newPage();

  await logIn(employer, 'recruiter@example.com', DEMO_PASSWORD);
  await expect(employer.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await publishVacancy(employer, title);

  // The job seeker reports it from its page.
  await logIn(seeker, 'candidate@example.com', DEMO_PASSWORD);
  await expect(seeker.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await searchJobs(seeker, word);
  await seeker.getByRole('link', { name: title }).click();
  await seeker.getByRole('link', { name: 'Report this vacancy' }).click();
  await expect(seeker.getByRole('heading', { level: 1, name: 'Report a vacancy' })).toBeVisible();
  await waitForHydration(seeker);
  await expectNoA11yViolations(seeker);
  // "Something else" needs a word of explanation.
  await seeker.getByLabel('Something else').check();
  await seeker.getByRole('button', { name: 'Send report' }).click();
  await expect(seeker.getByText('Say what is wrong in a sentence or two.')).toBeVisible();
  await seeker.getByLabel('A scam or fraud').check();
  await seeker.getByRole('textbox', { name: 'Details' }).fill('The recruiter asked me for a registration fee on the phone.');
  await seeker.getByRole('button', { name: 'Send report' }).click();
  await expect(seeker.getByRole('status')).toContainText('Thank you: our team will look at your report.');
  await expect(seeker.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // A moderator claims the case and hides the vacancy with a reason.
  await logInAsAdmin(admin);
  await claimModerationCase(admin, title);
  await expect(admin.getByText('The recruiter asked me for a registration fee on the phone.')).toBeVisible();
  await expectNoA11yViolations(admin);
  await admin.getByLabel('Hide it').check();
  await admin.getByRole('textbox', { name: 'Reason' }).fill('Applicants were asked for a registration fee.');
  await admin.getByRole('button', { name: 'Decide' }).click();
  await expect(admin.getByRole('status')).toContainText('The decision is made');
  await expect(admin.getByText('Hidden', { exact: true }).first()).toBeVisible();

  // Gone from the job search at once.
  await searchJobs(seeker, word);
  await expect(seeker.getByRole('link', { name: title })).toHaveCount(0);

  // Its team reads why in their notifications and appeals once.
  await employer.goto('/notifications');
  await employer.getByRole('link', { name: new RegExp(`Our team hid your vacancy “${title}”`) }).click();
  await expect(employer.getByRole('heading', { level: 1, name: "Our team's decision" })).toBeVisible();
  await expect(employer.getByText('Applicants were asked for a registration fee.')).toBeVisible();
  await waitForHydration(employer);
  await expectNoA11yViolations(employer);
  await employer.getByRole('textbox', { name: 'Your appeal' }).fill('That recruiter has left; nobody pays to apply with us.');
  await employer.getByRole('button', { name: 'Send appeal' }).click();
  await expect(employer.getByRole('status')).toContainText('Your appeal is sent');
  await expect(employer.getByText('Waiting for a moderator\'s answer.')).toBeVisible();

  // The moderator reinstates it, and it is back in the search.
  await claimModerationCase(admin, title);
  await admin.getByLabel('Reinstate').check();
  await admin.getByRole('textbox', { name: 'Reason' }).fill('Thanks for explaining; the listing is back.');
  await admin.getByRole('button', { name: 'Answer' }).click();
  await expect(admin.getByRole('status')).toContainText('The appeal is answered');
  await searchJobs(seeker, word);
  await expect(seeker.getByRole('link', { name: title })).toBeVisible();
});
