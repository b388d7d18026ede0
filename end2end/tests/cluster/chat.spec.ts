import { expect, Page } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn, logInAsAdmin, waitForHydration } from '../fixtures';

// The demo job seeker and the demo employer, each served by a different
// server instance of scripts/cluster.sh (one database), talk about the
// application in interview: messages, typing, read receipts, a photo, edits
// and deletions reach the other instance's browser live, and so does the
// header's unread count. Someone else opening the thread finds nothing;
// without JavaScript the thread is a page with a form that posts.

const cluster = new URL(process.env.CLUSTER_URL ?? 'http://127.0.0.1:3100');
const instance = (n: number) => `${cluster.protocol}//${cluster.hostname}:${Number(cluster.port) + n}`;

/** Fails the test on errors in a page of another context than the fixture's. */
function watchErrors(page: Page, errors: string[]) {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${m.text()}`);
    }
  });
}

async function hydrated(page: Page) {
  await waitForHydration(page);
}

test('a job seeker and an employer on two instances talk live', async ({ browser }) => {
  const errors: string[] = [];
  const candidate = await (await browser.newContext({ baseURL: instance(2) })).newPage();
  const employer = await (await browser.newContext({ baseURL: instance(1) })).newPage();
  watchErrors(candidate, errors);
  watchErrors(employer, errors);

  // The job seeker has an unread message, counted in the header.
  await logIn(candidate, 'candidate@example.com', DEMO_PASSWORD);
  await expect(candidate.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await candidate.getByRole('link', { name: 'Messages, 1 unread conversation' }).click();
  await expect(candidate.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  await expectNoA11yViolations(candidate);
  await candidate.getByRole('link', { name: /^Kestrel Payments.*, 1 unread$/ }).click();
  const thread = candidate.getByRole('log', { name: 'Conversation' });
  await expect(thread.getByText('could you bring an example of a report')).toBeVisible();
  await expect(thread.getByText('New messages', { exact: true })).toBeVisible();
  // Links in a message are links; opening the thread read it.
  await expect(thread.getByRole('link', { name: 'https://www.kestrel-payments.example/careers' })).toBeVisible();
  await expect(candidate.getByRole('link', { name: 'Messages', exact: true })).toBeVisible();
  await hydrated(candidate);
  await expectNoA11yViolations(candidate);
  const address = new URL(candidate.url()).pathname;

  await logIn(employer, 'employer@example.com', DEMO_PASSWORD);
  await expect(employer.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await employer.goto(address);
  await expect(employer.getByRole('heading', { level: 1, name: 'Amara Okafor' })).toBeVisible();
  await hydrated(employer);
  const employerThread = employer.getByRole('log', { name: 'Conversation' });

  // Typing shows on the other instance; the message arrives there live.
  const candidateBox = candidate.getByRole('textbox', { name: 'Message' });
  await candidateBox.pressSequentially('Bringing the Q3 board pack', { delay: 20 });
  await expect(employer.getByText('Amara Okafor is writing…')).toBeVisible();
  await candidateBox.press('Enter');
  await expect(thread.getByText('Bringing the Q3 board pack')).toBeVisible();
  await expect(candidateBox).toHaveValue('');
  await expect(employerThread.getByText('Bringing the Q3 board pack')).toBeVisible();
  // The employer's open page read it: the job seeker sees it seen.
  await expect(thread.getByText('Seen', { exact: true })).toBeVisible();

  // A reply, quoting the job seeker's message.
  await employerThread
    .getByRole('listitem')
    .filter({ hasText: 'Bringing the Q3 board pack' })
    .getByRole('button', { name: 'Reply' })
    .click();
  await expect(employer.getByText('Replying to Amara Okafor')).toBeVisible();
  await employer.getByRole('textbox', { name: 'Message' }).fill('Perfect, see you on Thursday.');
  await employer.getByRole('button', { name: 'Send', exact: true }).click();
  const reply = thread.getByRole('listitem').filter({ hasText: 'Perfect, see you on Thursday.' });
  await expect(reply).toBeVisible();
  await expect(reply.getByRole('link', { name: /Amara Okafor: Bringing the Q3 board pack/ })).toBeVisible();

  // A photo from the job seeker's phone, shown in place on both sides.
  await candidate.getByLabel('Attach a file').setInputFiles({
    name: 'whiteboard.png',
    mimeType: 'image/png',
    buffer: await candidate.screenshot({ clip: { x: 0, y: 0, width: 240, height: 160 } }),
  });
  await expect(thread.getByRole('img', { name: 'whiteboard.png' })).toBeVisible();
  await expect(employerThread.getByRole('img', { name: 'whiteboard.png' })).toBeVisible();

  // Edited and then deleted, live on the other side.
  const mine = thread.getByRole('listitem').filter({ hasText: 'Bringing the Q3 board pack' }).first();
  await mine.getByRole('button', { name: 'Edit' }).click();
  await mine.getByRole('textbox', { name: 'Edit your message' }).fill('Bringing the Q3 and Q4 board packs');
  await mine.getByRole('button', { name: 'Save' }).click();
  const edited = employerThread.getByRole('listitem').filter({ hasText: 'Bringing the Q3 and Q4 board packs' });
  await expect(edited).toBeVisible();
  await expect(edited.getByText('edited', { exact: true })).toBeVisible();
  const editedMine = thread.getByRole('listitem').filter({ hasText: 'Bringing the Q3 and Q4 board packs' }).first();
  await editedMine.getByRole('button', { name: 'Delete' }).click();
  await candidate.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete message' }).click();
  await expect(thread.getByText('Message deleted', { exact: true }).first()).toBeVisible();
  await expect(employerThread.getByText('Bringing the Q3 and Q4 board packs')).toHaveCount(0);
  await expect(employerThread.getByText('Message deleted', { exact: true }).first()).toBeVisible();

  // Elsewhere on the site, the employer's header counts a new message
  // without a reload.
  await employer.getByRole('link', { name: 'Vacancies' }).first().click();
  await expect(employer.getByRole('heading', { level: 1, name: 'Vacancies' })).toBeVisible();
  await candidateBox.fill('One more question about the start date.');
  await candidateBox.press('Enter');
  await expect(thread.getByText('One more question about the start date.')).toBeVisible();
  await expect(employer.getByRole('link', { name: 'Messages, 1 unread conversation' })).toBeVisible();

  // An admin is not in this conversation: not found.
  const admin = await (await browser.newContext({ baseURL: instance(1) })).newPage();
  await logInAsAdmin(admin);
  await expect(admin.getByRole('link', { name: 'Emails', exact: true })).toBeVisible();
  const refused = await admin.goto(address);
  expect(refused?.status()).toBe(404);
  await expect(admin.getByText('We could not find what you were looking for.')).toBeVisible();

  // Without JavaScript, the thread posts and comes back with the message.
  const plain = await (await browser.newContext({ baseURL: instance(1), javaScriptEnabled: false })).newPage();
  await logIn(plain, 'candidate@example.com', DEMO_PASSWORD);
  await expect(plain.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await plain.goto(address);
  await plain.getByRole('textbox', { name: 'Message' }).fill('Sent from a browser without script.');
  await plain.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(plain.getByRole('log', { name: 'Conversation' }).getByText('Sent from a browser without script.')).toBeVisible();
  expect(new URL(plain.url()).pathname).toBe(address);
  await expect(employer.getByRole('link', { name: 'Messages, 1 unread conversation' })).toBeVisible();

  expect(errors, 'errors in the pages').toEqual([]);
});
