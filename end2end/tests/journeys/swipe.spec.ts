import { expect, Page } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn, publishVacancy, register, waitForHydration } from '../fixtures';

// A new job seeker goes through the deck with the buttons, the keyboard and
// by dragging, takes a like back, narrows the deck with a filter chip, and finds the
// jobs they liked among their saved jobs.

// Titles repeat across companies; a card's link (its job page) does not.
const topCard = (page: Page) => page.getByRole('article').getByRole('heading', { level: 2 }).getByRole('link');
const topCardHref = async (page: Page) => (await topCard(page).getAttribute('href'))!;

test('a job seeker swipes with buttons and keys, undoes one and filters', async ({ page }) => {
  await register(page, `swiper${Date.now()}@example.com`, 'a long enough password 1');
  await page.getByRole('link', { name: 'Discover' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Discover jobs' })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByText('3 of 3 super-likes left today')).toBeVisible();
  // A new profile is not scored yet; the card says what is missing.
  await expect(page.getByText('Your match: not enough information yet')).toBeVisible();
  await expectNoA11yViolations(page);

  // Pass with the button: the next card is there at once.
  const passed = await topCardHref(page);
  await page.getByRole('button', { name: 'Pass' }).click();
  await expect(topCard(page)).not.toHaveAttribute('href', passed);

  // Like with the right arrow, then take it back with Backspace.
  const liked = await topCardHref(page);
  const likedTitle = (await topCard(page).textContent())!;
  await page.keyboard.press('ArrowRight');
  await expect(topCard(page)).not.toHaveAttribute('href', liked);
  await page.keyboard.press('Backspace');
  await expect(topCard(page)).toHaveAttribute('href', liked);

  // Like it for good, and super-like the next one.
  await page.keyboard.press('ArrowRight');
  await expect(topCard(page)).not.toHaveAttribute('href', liked);
  const superLiked = await topCardHref(page);
  await page.keyboard.press('ArrowUp');
  await expect(topCard(page)).not.toHaveAttribute('href', superLiked);
  // Swiped cards do not come back.
  await page.reload();
  await expect(page.getByText('2 of 3 super-likes left today')).toBeVisible();
  await expect(page.getByText('3 swipes today · 3 this week · you liked 67%')).toBeVisible();
  expect([passed, liked, superLiked]).not.toContain(await topCardHref(page));

  // Dragged to the right, the card follows the pointer and is liked.
  await waitForHydration(page);
  const dragged = await topCardHref(page);
  const grip = (await page.getByRole('article').locator('p').first().boundingBox())!;
  await page.mouse.move(grip.x + 20, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 320, grip.y + grip.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(topCard(page)).not.toHaveAttribute('href', dragged);

  // A filter chip narrows the deck; the cards after it are remote.
  await page.getByText('Filters', { exact: true }).click();
  await page.getByRole('group', { name: 'Way of working' }).getByLabel('Remote').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('Filters (1 on)')).toBeVisible();
  await expect(page.getByRole('article').getByText(/(^|· )Remote( ·|$)/)).toBeVisible();

  // Likes are saved; a pass is not.
  await page.locator('summary', { hasText: 'Account menu for' }).click();
  await page.getByRole('link', { name: 'Saved jobs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Saved/ })).toBeVisible();
  await expect(page.locator(`a[href="${liked}"]`)).toHaveText(likedTitle);
  await expect(page.locator(`a[href="${superLiked}"]`)).toBeVisible();
  await expect(page.locator(`a[href="${dragged}"]`)).toBeVisible();
  await expect(page.locator(`a[href="${passed}"]`)).toHaveCount(0);
});

test('an employer sees who super-liked their vacancy', async ({ browser }) => {
  const employer = await (await browser.newContext()).newPage();
  const candidate = await (await browser.newContext()).newPage();
  // A town of its own, so the candidate's filter leaves just this card.
  const town = `Ilesa${Date.now()}`;
  const title = `Payments Director ${town}`;
  await logIn(employer, 'recruiter@example.com', DEMO_PASSWORD);
  await expect(employer.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await publishVacancy(employer, title, town);

  await register(candidate, `fan${Date.now()}@example.com`, 'a long enough password 1');
  await expect(candidate.getByRole('link', { name: 'Discover' })).toBeVisible();
  await candidate.goto('/swipe');
  await waitForHydration(candidate);
  await candidate.getByText('Filters', { exact: true }).click();
  await candidate.getByRole('group', { name: 'Way of working' }).getByLabel('Hybrid').check();
  await candidate.getByLabel(/^Places/).fill(town);
  await candidate.getByRole('button', { name: 'Apply filters' }).click();
  // The deck has reloaded with the filters once it counts them.
  await expect(candidate.getByText('Filters (2 on)')).toBeVisible();
  await expect(candidate.getByRole('article').getByRole('heading', { level: 2, name: title })).toBeVisible();
  await candidate.getByRole('button', { name: 'Super-like' }).click();
  await expect(candidate.getByText('You have seen every job that fits your filters')).toBeVisible();

  await employer.getByRole('link', { name: 'Vacancies', exact: true }).click();
  const row = employer.getByRole('row').filter({ hasText: title });
  await expect(row.getByText('1 super')).toBeVisible();
  await row.getByRole('link', { name: 'Applicants' }).click();
  const superLikes = employer.getByRole('region', { name: 'Super-liked by' });
  await expect(superLikes.getByRole('link', { name: 'A candidate' })).toBeVisible();
  await expect(superLikes.getByText(/\d+% match/)).toBeVisible();
});

test('auto-apply queues a liked match, sends it on request and labels it', async ({ browser }) => {
  const employer = await (await browser.newContext()).newPage();
  const candidate = await (await browser.newContext()).newPage();
  const town = `Ede${Date.now()}`;
  const title = `Treasury Director ${town}`;
  await logIn(employer, 'recruiter@example.com', DEMO_PASSWORD);
  await expect(employer.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await publishVacancy(employer, title, town);

  // The demo job seeker has a confirmed email and a résumé.
  await logIn(candidate, 'candidate@example.com', DEMO_PASSWORD);
  await expect(candidate.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await candidate.goto('/swipe');
  await waitForHydration(candidate);
  await candidate.getByText('Auto-apply: off').click();
  await candidate.getByLabel('Apply for me when I like a good match').check();
  await candidate.getByLabel('Lowest match (%)').fill('0');
  await candidate.getByRole('button', { name: 'Save auto-apply' }).click();
  await expect(candidate.getByText('Auto-apply: on, from 0% match')).toBeVisible();
  await expectNoA11yViolations(candidate);

  await candidate.getByText('Filters', { exact: true }).click();
  await candidate.getByRole('group', { name: 'Way of working' }).getByLabel('Hybrid').check();
  await candidate.getByLabel(/^Places/).fill(town);
  await candidate.getByRole('button', { name: 'Apply filters' }).click();
  // The deck has reloaded with the filters once it counts them.
  await expect(candidate.getByText('Filters (2 on)')).toBeVisible();
  await expect(candidate.getByRole('article').getByRole('heading', { level: 2, name: title })).toBeVisible();
  await candidate.getByRole('button', { name: 'Like', exact: true }).click();
  await expect(candidate.getByText('You have seen every job that fits your filters')).toBeVisible();

  // The like waits in the queue; sent now, it lands in the tracker.
  await candidate.goto('/swipe/queue');
  const entry = candidate.getByRole('listitem').filter({ hasText: title });
  await expect(entry.getByText(/^Sends at/)).toBeVisible();
  await expectNoA11yViolations(candidate);
  await entry.getByRole('button', { name: `Send now: ${title}` }).click();
  await expect(entry.getByText('Sent: find it under Applications')).toBeVisible();
  await candidate.getByRole('link', { name: 'Applications' }).click();
  const application = candidate.getByRole('article').filter({ hasText: title });
  await expect(application.getByText('Auto-applied')).toBeVisible();

  // The employer sees the label in the pipeline.
  await employer.getByRole('link', { name: 'Vacancies', exact: true }).click();
  await employer.getByRole('row').filter({ hasText: title }).getByRole('link', { name: 'Applicants' }).click();
  await expect(employer.getByRole('list', { name: /^Submitted/ }).getByText('Auto-applied')).toBeVisible();

  // Back as the demo data has it.
  await candidate.goto('/swipe');
  await waitForHydration(candidate);
  await candidate.getByText(/^Auto-apply: on/).click();
  await candidate.getByLabel('Apply for me when I like a good match').uncheck();
  await candidate.getByRole('button', { name: 'Save auto-apply' }).click();
  await expect(candidate.getByText('Auto-apply: off')).toBeVisible();
  await candidate.getByText(/^Filters/).click();
  await candidate.getByRole('group', { name: 'Way of working' }).getByLabel('Hybrid').uncheck();
  await candidate.getByLabel(/^Places/).fill('');
  await candidate.getByRole('button', { name: 'Apply filters' }).click();
  await expect(candidate.getByText('Filters', { exact: true })).toBeVisible();
});
