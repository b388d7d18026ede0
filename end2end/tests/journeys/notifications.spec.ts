import { expect, Page } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn, openEmail, publishVacancy, waitForHydration } from '../fixtures';

// An employer moves an application; the job seeker's bell counts it at once,
// without a reload; the notification leads to the application and an email
// went out. The email's unsubscribe link works logged out; from then on the
// next move still rings the bell but sends no email.

/** Whether the mailbox holds an email to `to` with `subject`. */
async function mailboxHas(page: Page, to: string, subject: string): Promise<boolean> {
  await page.goto('/dev/mailbox');
  return (await page.getByRole('listitem').filter({ hasText: to }).filter({ hasText: subject }).count()) > 0;
}

test('a move rings the bell at once and the emails follow the settings', async ({ browser }) => {
  const word = `Bellwether${Date.now()}`;
  const title = `${word} Director`;
  const employer = await (await browser.newContext()).newPage();
  const candidate = await (await browser.newContext()).newPage();
  const mailbox = await (await browser.newContext()).newPage();

  await logIn(employer, 'recruiter@example.com', DEMO_PASSWORD);
  await expect(employer.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await publishVacancy(employer, title);

  await logIn(candidate, 'candidate@example.com', DEMO_PASSWORD);
  await expect(candidate.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  // Replies by email too (the default, set again so that a rerun starts alike).
  await candidate.goto('/settings');
  const replies = candidate.getByRole('group', { name: 'Replies to your applications' });
  await replies.getByLabel('In the app and by email').check();
  await candidate.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(candidate.getByRole('status')).toContainText('Your settings are saved.');
  // Start from nothing unread.
  await candidate.goto('/notifications');
  await expect(candidate.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const readAll = candidate.getByRole('button', { name: 'Mark all as read' });
  if (await readAll.isVisible()) {
    await readAll.click();
    await expect(candidate.getByRole('status')).toContainText('All your notifications are marked read.');
  }
  await expect(candidate.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

  await candidate.goto(`/jobs?q=${word.toLowerCase()}`);
  await candidate.getByRole('article').filter({ hasText: title }).getByRole('link', { name: title }).click();
  await candidate.getByRole('button', { name: 'Apply now' }).click();
  await expect(candidate.getByRole('status')).toContainText('Your application is sent.');
  await waitForHydration(candidate);

  // The employer hears of the application in the bell too, and advances it.
  await employer.reload();
  await expect(employer.getByRole('link', { name: /^Notifications, \d+ unread$/ })).toBeVisible();
  await employer.getByRole('link', { name: /^Notifications/ }).click();
  await employer.getByRole('link', { name: `Unread: New applicant for ${title}` }).click();
  await expect(employer.getByRole('heading', { name: /Amara Okafor · \d+% match/ })).toBeVisible();
  await employer.getByRole('button', { name: 'Advance to Reviewing' }).click();
  await expect(employer.getByRole('status')).toContainText('Moved.');

  // No reload on the job seeker's side: the live stream brings it.
  const bell = candidate.getByRole('link', { name: 'Notifications, 1 unread' });
  await expect(bell).toBeVisible();
  await bell.click();
  const moved = `Your application for ${title} moved to Reviewing`;
  await expect(candidate.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expectNoA11yViolations(candidate);
  await candidate.getByRole('link', { name: `Unread: ${moved}` }).click();
  await expect(candidate).toHaveURL(/\/applications$/);
  await expect(candidate.getByRole('article').filter({ hasText: title })).toBeVisible();
  await expect(candidate.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await expect.poll(() => mailboxHas(mailbox, 'candidate@example.com', moved)).toBe(true);

  // The unsubscribe link of that email works without logging in.
  await openEmail(mailbox, 'candidate@example.com', moved);
  await mailbox.getByRole('link', { name: 'Unsubscribe (as a mail client offers it)' }).click();
  await expect(mailbox.getByRole('heading', { name: 'Unsubscribe' })).toBeVisible();
  await expect(mailbox.getByText('Stop emails about “replies to your applications”')).toBeVisible();
  await expectNoA11yViolations(mailbox);
  await mailbox.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(mailbox.getByRole('heading', { name: 'You are unsubscribed' })).toBeVisible();
  await expect(
    mailbox.getByText('You will no longer get emails about “replies to your applications”'),
  ).toBeVisible();

  // Replies now stay in the app: the settings say so, and the next move
  // rings the bell but sends nothing.
  await candidate.goto('/settings');
  await expect(replies.getByLabel('In the app', { exact: true })).toBeChecked();
  await waitForHydration(candidate);

  await employer.getByRole('button', { name: 'Advance to Interview' }).click();
  await expect(employer.getByRole('status')).toContainText('Moved.');
  await expect(candidate.getByRole('link', { name: 'Notifications, 1 unread' })).toBeVisible();
  const interview = `Your application for ${title} moved to Interview`;
  // The email would have been queued with the notification and sent at once.
  await candidate.waitForTimeout(2000);
  expect(await mailboxHas(mailbox, 'candidate@example.com', interview)).toBe(false);
  expect(await mailboxHas(mailbox, 'candidate@example.com', moved)).toBe(true);
});
