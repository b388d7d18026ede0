import { expect, Page } from '@playwright/test';
import { test, expectNoA11yViolations, logIn, logOut, register, DEMO_PASSWORD } from '../fixtures';

// theNexus's loop: a hiring team asks a job seeker for an introduction and
// pays with a credit held until the answer; the job seeker accepts and only
// then do both see each other's contact details. A second request is
// declined and its credit comes back.

const MESSAGE =
  'Your work on payment systems stands out: we are hiring for this role in Lagos and would love to talk.';

/** The company's credits as the introductions page shows them. */
async function credits(page: Page) {
  const box = page.getByRole('region', { name: 'Introduction credits' });
  const figure = async (label: string) =>
    Number(await box.getByText(label, { exact: true }).locator('xpath=preceding-sibling::p').innerText());
  return { available: await figure('Credits available'), held: await figure('Held') };
}

/** Logs in and waits until the account menu shows who is signed in. */
async function signIn(page: Page, email: string, password: string) {
  await logIn(page, email, password);
  await expect(page.getByText(email, { exact: true }).first()).toBeVisible();
}

async function ask(page: Page, profile: string, name: string) {
  await page.goto(profile);
  await page.getByRole('link', { name: 'Ask for an introduction' }).click();
  await expect(page.getByRole('heading', { name: `Ask ${name} for an introduction` })).toBeVisible();
  await page.getByRole('radio').first().check();
  await page.getByLabel('Your message').fill(MESSAGE);
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('status')).toContainText('Your request is sent.');
}

test('a hiring team asks for an introduction; accepted, then declined', async ({ page }) => {
  const email = `nneka.${Date.now()}@example.com`;
  // A surname of this run only, so that a search finds her alone.
  const surname = `Eze${[...Date.now().toString().slice(-6)].map((d) => 'abcdefghij'[Number(d)]).join('')}`;
  const name = `Nneka ${surname}`;
  await register(page, email, 'introduce me 1 password');
  await expect(page.getByRole('status')).toContainText('Welcome!');
  await page.goto('/profile');
  const about = page.getByRole('region', { name: 'About you' });
  await about.getByLabel('First name').fill('Nneka');
  await about.getByLabel('Last name').fill(surname);
  await about.getByRole('button', { name: 'Save about you' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');
  const profile = (await page.getByRole('link', { name: 'See your profile as others do' }).getAttribute('href'))!;
  await page.goto('/settings');
  const privacy = page.getByRole('region', { name: 'Privacy' });
  await privacy.getByLabel('Companies').check();
  await privacy.getByRole('button', { name: 'Save privacy settings' }).click();
  await expect(page.getByRole('status')).toContainText('Your settings are saved.');
  await logOut(page, email);

  // The hiring team finds her, keeps her with a note, and asks: one credit
  // is held.
  await signIn(page, 'employer@example.com', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Talent' }).first().click();
  await expect(page.getByRole('heading', { name: 'Find talent', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Introductions' }).click();
  await expect(page.getByRole('heading', { name: 'Introductions', level: 1 })).toBeVisible();
  const before = await credits(page);
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await page.getByLabel('Role, skill or keyword').fill(name);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const found = page.getByRole('article').filter({ hasText: name });
  await expect(found).toBeVisible();
  await expectNoA11yViolations(page);
  await found.getByText(`Save ${name}`).click();
  await found.getByLabel('Private note for your team').fill('Met at the fintech meetup');
  await found.getByLabel('Tags (comma separated)').fill('payments, lagos');
  await found.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await expect(found.getByRole('link', { name: 'Saved by your team' })).toBeVisible();
  await page.getByRole('link', { name: 'Saved', exact: true }).click();
  await expect(page.getByRole('article').filter({ hasText: name }).getByRole('paragraph').filter({ hasText: 'Met at the fintech meetup' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: `Ask for an introduction: ${name}` }).click();
  await expect(page.getByRole('heading', { name: `Ask ${name} for an introduction` })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('radio').first().check();
  await page.getByLabel('Your message').fill('Too short.');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByText('Write a little more: at least 50 characters')).toBeVisible();
  await page.getByLabel('Your message').fill(MESSAGE);
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('status')).toContainText('Your request is sent.');
  const sent = page.getByRole('article').filter({ hasText: name });
  await expect(sent.getByText('Waiting for an answer')).toBeVisible();
  expect(await credits(page)).toEqual({ available: before.available - 1, held: before.held + 1 });
  // Nothing of how to reach her yet, anywhere in the page.
  expect(await page.content()).not.toContain(email);
  await expectNoA11yViolations(page);
  await logOut(page, 'employer@example.com');

  // She reads it and accepts.
  await signIn(page, email, 'introduce me 1 password');
  await page.getByText(email, { exact: true }).first().click();
  await page.getByRole('link', { name: 'Introduction requests' }).click();
  await expect(page.getByText('New', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Read and answer' }).click();
  await expect(page.getByText('Kestrel Payments would like to be introduced to you')).toBeVisible();
  await expect(page.getByText(MESSAGE)).toBeVisible();
  await expect(page.getByText('employer@example.com')).toHaveCount(0);
  await expectNoA11yViolations(page);
  await page.getByLabel('A reply (optional)').fill('Happy to talk next week.');
  await page.getByRole('button', { name: 'Accept and share my contact details' }).click();
  await expect(page.getByRole('status')).toContainText('You accepted.');
  await expect(page.getByRole('link', { name: 'employer@example.com' })).toBeVisible();
  await logOut(page, email);

  // The team sees her address now, and asks about a second role.
  await signIn(page, 'employer@example.com', DEMO_PASSWORD);
  await page.goto('/company/introductions?status=accepted');
  const accepted = page.getByRole('article').filter({ hasText: name });
  await expect(accepted.getByRole('link', { name: email })).toBeVisible();
  await expect(accepted.getByText('Happy to talk next week.')).toBeVisible();
  await ask(page, profile, name);
  const afterSecond = await credits(page);
  await logOut(page, 'employer@example.com');

  await signIn(page, email, 'introduce me 1 password');
  await page.goto('/introductions');
  await page.getByRole('link', { name: 'Read and answer' }).click();
  await page.getByLabel('Reason').selectOption({ label: 'The pay is too low' });
  await page.getByRole('button', { name: 'Decline', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('You declined.');
  await logOut(page, email);

  // The declined request's credit is back.
  await signIn(page, 'employer@example.com', DEMO_PASSWORD);
  await page.goto('/company/introductions?status=declined');
  await expect(
    page.getByRole('article').filter({ hasText: name }).getByText('Declined: the pay is too low'),
  ).toBeVisible();
  expect(await credits(page)).toEqual({ available: afterSecond.available + 1, held: afterSecond.held - 1 });
});

test('a recruiter ranks people for a vacancy and keeps the search with a daily alert', async ({ page }) => {
  const search = `Finance leads ${Date.now()}`;
  await signIn(page, 'employer@example.com', DEMO_PASSWORD);
  await page.goto('/talent');
  await page.getByLabel('Role, skill or keyword').fill('finance');
  await page.getByText('More filters').click();
  const vacancy = page.getByLabel('Match to your vacancy');
  const firstVacancy = (await vacancy.locator('option').nth(1).innerText()).trim();
  await vacancy.selectOption({ label: firstVacancy });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/vacancy=/);
  // Each person found is scored against the vacancy, best first.
  const scores = page.getByRole('article').getByText(/^\d+% match$/);
  await expect(scores.first()).toBeVisible();
  const shown = (await scores.allInnerTexts()).map((s) => parseInt(s, 10));
  expect(shown).toEqual([...shown].sort((a, b) => b - a));
  await expectNoA11yViolations(page);

  await page.getByText('Save this search').click();
  await page.getByRole('button', { name: 'Save search' }).click();
  await expect(page.getByText('Give the search a name')).toBeVisible();
  await page.getByLabel('Name of the search').fill(search);
  await expect(page.getByLabel('Tell me once a day of people who newly match')).toBeChecked();
  await page.getByRole('button', { name: 'Save search' }).click();
  await expect(page.getByRole('status')).toContainText('The search is saved. Once a day');

  await page.getByRole('link', { name: 'Saved', exact: true }).click();
  const searches = page.getByRole('region', { name: 'Your saved searches' });
  const row = searches.getByRole('listitem').filter({ hasText: search });
  await expect(row.getByText(/Daily alert on/)).toBeVisible();
  await expectNoA11yViolations(page);
  await row.getByRole('button', { name: `Turn alert off: ${search}` }).click();
  await expect(page.getByRole('status')).toContainText('The daily alert is off.');
  await expect(row.getByText(/No alert/)).toBeVisible();
  // Running it again brings back the same search.
  await row.getByRole('link', { name: search }).click();
  await expect(page).toHaveURL(/q=finance/);
  await expect(page.getByLabel('Role, skill or keyword')).toHaveValue('finance');
  await page.getByRole('link', { name: 'Saved', exact: true }).click();
  await row.getByRole('button', { name: `Delete: ${search}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status')).toContainText('The saved search is deleted.');
  await expect(searches.getByRole('link', { name: search })).toHaveCount(0);
});
