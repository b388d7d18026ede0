import { expect, Page } from '@playwright/test';
import { test, DEMO_PASSWORD, claimModerationCase, expectNoA11yViolations, logIn, logInAsAdmin, waitForHydration } from '../fixtures';

// Around the conversations: the job seeker asks support for help and an
// admin answers; a message from the recruiter is reported to the
// moderators; the recruiter is written to one to one, then blocked; a
// moderator removes the reported message from the conversation.

async function hydrated(page: Page) {
  await waitForHydration(page);
}

test('support, a report and a private conversation', async ({ page, browser }) => {
  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('contentinfo').getByRole('button', { name: 'Contact support' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hirewell support' })).toBeVisible();
  await hydrated(page);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Where do I find the jobs I saved?');
  await box.press('Enter');
  const thread = page.getByRole('log', { name: 'Conversation' });
  await expect(thread.getByText('Where do I find the jobs I saved?')).toBeVisible();
  await expectNoA11yViolations(page);

  // Every admin sees it waiting, and one answers.
  const admin = await (await browser.newContext()).newPage();
  await logInAsAdmin(admin);
  await expect(admin.getByRole('link', { name: 'Emails', exact: true })).toBeVisible();
  await admin.goto('/messages');
  await admin.getByRole('link', { name: /^Amara Okafor.*, 1 unread$/ }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Amara Okafor' })).toBeVisible();
  await hydrated(admin);
  await admin.getByRole('textbox', { name: 'Message' }).fill('Under Applications, in the Saved tab.');
  await admin.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(thread.getByText('Under Applications, in the Saved tab.')).toBeVisible();

  // A message of the recruiter, reported with a reason.
  await page.goto('/messages');
  await page.getByRole('link', { name: /^Kestrel Payments.*, 1 unread$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kestrel Payments' })).toBeVisible();
  const conversation = page.url();
  await hydrated(page);
  const recruiter = page
    .getByRole('log', { name: 'Conversation' })
    .getByRole('listitem')
    .filter({ hasText: 'could you bring an example of a report' });
  await recruiter.getByRole('button', { name: 'Report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Report this message?' });
  await dialog.getByLabel('Why are you reporting it?').selectOption({ label: 'Spam or advertising' });
  await dialog.getByLabel('Anything the moderators should know (optional)').fill('Testing the report form.');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(recruiter.getByText('Reported', { exact: true })).toBeVisible();

  // Written to one to one; then blocked, which closes the conversation.
  await recruiter.getByRole('button', { name: 'Message privately' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tobi Adeyemi' })).toBeVisible();
  await expect(page.getByText('Direct message', { exact: true })).toBeVisible();
  await hydrated(page);
  await page.getByRole('textbox', { name: 'Message' }).fill('A quick question about the salary band.');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page.getByRole('log', { name: 'Conversation' }).getByText('A quick question about the salary band.')).toBeVisible();
  await page.getByLabel('Conversation options').click();
  await page.getByRole('button', { name: 'Block this person' }).click();
  await page.getByRole('dialog', { name: 'Block this person?' }).getByRole('button', { name: 'Block', exact: true }).click();
  await expect(page.getByText('You have blocked this person. Unblock them to write again.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await expectNoA11yViolations(page);

  // A moderator reads the report with the message's words and removes it.
  await claimModerationCase(admin, 'A message from Tobi Adeyemi');
  await expect(admin.getByText('could you bring an example of a report')).toBeVisible();
  await expect(admin.getByText('Testing the report form.')).toBeVisible();
  await admin.getByLabel('Hide it').check();
  await admin.getByRole('textbox', { name: 'Reason' }).fill('Reported messages are removed in this test.');
  await admin.getByRole('button', { name: 'Decide' }).click();
  await expect(admin.getByRole('status')).toContainText('The decision is made');

  // The conversation keeps its place, without the words.
  await page.goto(conversation);
  await expect(page.getByRole('heading', { level: 1, name: 'Kestrel Payments' })).toBeVisible();
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log.getByText('Removed by a moderator')).toBeVisible();
  await expect(log.getByText('could you bring an example of a report')).toHaveCount(0);
});
