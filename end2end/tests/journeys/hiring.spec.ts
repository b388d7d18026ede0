import { expect } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn, logOut, publishVacancy, waitForHydration } from '../fixtures';

// The whole hiring loop: an employer publishes a role; a candidate finds it
// by search with filters, reads the match, saves and applies; the employer
// advances the application to interview from the board's side panel and
// schedules it; the candidate sees the new stage; the employer closes the
// role and its page says so.

test('a role is found, applied to, moved to interview and closed', async ({ browser }) => {
  const word = `Treasury${Date.now()}`;
  const title = `${word} Director`;
  const employer = await (await browser.newContext()).newPage();
  const candidate = await (await browser.newContext()).newPage();

  await logIn(employer, 'recruiter@example.com', DEMO_PASSWORD);
  await expect(employer.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await publishVacancy(employer, title);

  // The candidate searches with words and filters; results follow typing.
  await logIn(candidate, 'candidate@example.com', DEMO_PASSWORD);
  await expect(candidate.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await candidate.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(candidate.getByRole('heading', { level: 1, name: 'Find a job' })).toBeVisible();
  await waitForHydration(candidate);
  await candidate.getByLabel('What').fill(word.toLowerCase());
  await candidate.getByLabel('Way of working').selectOption({ label: 'Hybrid' });
  await candidate.getByLabel('Seniority').selectOption({ label: 'Director' });
  await expect(candidate).toHaveURL(/remote=hybrid/);
  const result = candidate.getByRole('article').filter({ hasText: title });
  await expect(result).toBeVisible();
  await expect(result.getByText('NGN 2,500,000 – 3,500,000 per month')).toBeVisible();
  await expect(result.getByText(/\d+% match/)).toBeVisible();
  await expectNoA11yViolations(candidate);
  // A filter that excludes it empties the list.
  await candidate.getByLabel('Way of working').selectOption({ label: 'Remote' });
  await expect(candidate.getByText('No jobs match this search.')).toBeVisible();
  await candidate.getByLabel('Way of working').selectOption({ label: 'Hybrid' });
  await result.getByRole('link', { name: title }).click();

  // The vacancy page: the match and its factors, the company card.
  await expect(candidate.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(candidate.getByRole('heading', { name: /Your match: \d+%/ })).toBeVisible();
  await expect(candidate.getByText(/of 2 required skills|add your skills/)).toBeVisible();
  await expect(candidate.getByRole('heading', { name: 'Baobab Bank' })).toBeVisible();
  await expectNoA11yViolations(candidate);

  await candidate.getByLabel('Private note (optional)').fill('Ask about the board reporting line');
  await candidate.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(candidate.getByRole('status')).toContainText('Saved.');
  await expect(candidate.getByRole('heading', { name: 'Saved for later' })).toBeVisible();

  await candidate.getByLabel('Cover letter (optional)').fill('I ran treasury at a tier-2 bank for six years.');
  await candidate.getByRole('button', { name: 'Apply now' }).click();
  await expect(candidate.getByRole('status')).toContainText('Your application is sent.');
  await expect(candidate.getByRole('heading', { name: 'You applied' })).toBeVisible();

  await candidate.locator('summary', { hasText: 'Account menu for' }).click();
  await candidate.getByRole('link', { name: 'Saved jobs', exact: true }).click();
  await expect(
    candidate.getByRole('article').filter({ hasText: title }).getByText('Your note: Ask about the board reporting line'),
  ).toBeVisible();

  // The employer moves the application to interview and schedules it.
  await employer.getByRole('link', { name: 'Applicants' }).first().click();
  await expect(employer.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await employer.getByRole('link', { name: 'Amara Okafor' }).click();
  await expect(employer.getByRole('heading', { name: /Amara Okafor · \d+% match/ })).toBeVisible();
  await expect(employer.getByText('I ran treasury at a tier-2 bank for six years.')).toBeVisible();
  await expect(employer.getByRole('link', { name: /Download résumé/ })).toBeVisible();
  await expectNoA11yViolations(employer);
  // One click advances; the key a does the same.
  await employer.getByRole('button', { name: 'Advance to Reviewing' }).click();
  await expect(employer.getByRole('status')).toContainText('Moved.');
  await expect(employer.getByRole('button', { name: 'Advance to Interview' })).toBeVisible();
  await employer.keyboard.press('a');
  await expect(employer.getByRole('button', { name: 'Advance to Offer' })).toBeVisible();
  await employer.getByLabel('What happened').selectOption({ label: 'Interview' });
  // Both demo accounts keep Lagos time (UTC+1); interviews are ahead.
  const day = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const ymd = day.toISOString().slice(0, 10);
  const month = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[day.getUTCMonth()];
  const shown = `${day.getUTCDate()} ${month} ${day.getUTCFullYear()}`;
  await employer.getByLabel('Date and time').fill(`${ymd}T10:00`);
  await employer.getByLabel('Place or video link').fill('https://meet.example.com/treasury');
  await employer.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(employer.getByRole('status')).toContainText('Added to the timeline.');
  await expect(employer.getByText('Interview scheduled')).toBeVisible();

  // The candidate sees the new stage and the interview.
  await candidate.getByRole('link', { name: 'Applications' }).click();
  const application = candidate.getByRole('article').filter({ hasText: title });
  await expect(application.getByText('Interview', { exact: true })).toBeVisible();
  await application.getByText('Timeline').click();
  await expect(application.getByText('Where: https://meet.example.com/treasury')).toBeVisible();
  await expect(application.getByText(`On ${shown}, 10:00 UTC+1`)).toBeVisible();
  await expectNoA11yViolations(candidate);

  // The employer closes the role; its page says so and takes no applications.
  await employer.getByRole('link', { name: 'Edit vacancy' }).click();
  await employer.getByRole('region', { name: 'Status' }).getByRole('button', { name: 'Close' }).click();
  await expect(employer.getByRole('status')).toContainText('The vacancy is closed');
  await application.getByRole('link', { name: title }).click();
  await expect(candidate.getByRole('alert')).toContainText('This vacancy is closed');
  await expect(candidate.getByRole('button', { name: 'Apply now' })).toHaveCount(0);
  await logOut(candidate, 'candidate@example.com');
});
