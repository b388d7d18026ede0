import { expect } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn, logOut, openEmail, register, waitForHydration } from '../fixtures';

// An employer sets up their company with a logo and their own photo,
// invites a colleague by email, the colleague joins as an admin and sees
// the team, and the company page is public.

test('an employer sets up a company and brings in a colleague', async ({ page, browser }) => {
  const stamp = Date.now();
  const owner = `owner.${stamp}@example.com`;
  const colleague = `colleague.${stamp}@example.com`;
  const company = `Harbour Freight ${stamp}`;
  const password = 'company good 1 password';

  await register(page, owner, password, 'An employer');
  await expect(page.getByRole('status')).toContainText('Welcome!');
  await page.getByRole('link', { name: 'Set up your company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your company' })).toBeVisible();
  await expectNoA11yViolations(page);

  const details = page.getByRole('region', { name: 'Company details' });
  await details.getByRole('button', { name: 'Create company' }).click();
  await expect(details.getByText('Enter your company name.')).toBeVisible();
  await expect(details.getByText('Choose an industry from the list.')).toBeVisible();
  await details.getByLabel('Company name').fill(company);
  await details.getByLabel('Industry').selectOption({ label: 'Transportation & Logistics' });
  await details.getByLabel('Company size').selectOption({ label: '51 to 200 people' });
  await details.getByLabel('Headquarters').fill('Apapa, Lagos');
  await details.getByLabel('Website (optional)').fill('harbour-freight.example.com');
  await details.getByLabel('About the company (optional)').fill('We move containers from the port to your door.');
  await details.getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByRole('status')).toContainText('Your company is set up.');
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expect(page.getByText('Verification pending')).toBeVisible();

  // A logo, shown as soon as it is uploaded.
  const logo = page.getByRole('region', { name: 'Logo' });
  await logo.getByLabel('Add a logo').setInputFiles({
    name: 'logo.png',
    mimeType: 'image/png',
    buffer: await page.screenshot({ clip: { x: 0, y: 0, width: 200, height: 200 } }),
  });
  await logo.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByRole('status')).toContainText('The logo is uploaded.');
  await expect(page.getByRole('img', { name: `${company} logo` })).toBeVisible();

  const me = page.getByRole('region', { name: 'Your details' });
  await me.getByLabel('First name').fill('Ngozi');
  await me.getByLabel('Last name').fill('Eze');
  await me.getByLabel('Job title').fill('Head of People');
  await me.getByRole('button', { name: 'Save your details' }).click();
  await expect(page.getByRole('status')).toContainText('Your details are saved.');
  await me.getByLabel('Add your photo').setInputFiles({
    name: 'ngozi.png',
    mimeType: 'image/png',
    buffer: await page.screenshot({ clip: { x: 0, y: 0, width: 300, height: 300 } }),
  });
  await me.getByRole('button', { name: 'Upload photo' }).click();
  await expect(page.getByRole('status')).toContainText('Your photo is uploaded.');
  await expect(me.getByRole('img', { name: 'Photo of Ngozi Eze' })).toBeVisible();

  // Inviting a colleague as an admin: the trial is for one recruiter, so
  // the owner is sent to the plans, pays for Basic and invites again.
  await page.getByRole('link', { name: 'Team', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  const invite = page.getByRole('region', { name: 'Invite someone' });
  await invite.getByLabel('Their work email').fill(colleague);
  await invite.getByLabel('Role').selectOption({ label: 'Admin' });
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  const noSeat = invite.getByRole('alert');
  await expect(noSeat).toContainText('Your plan has 1 seat on the team, invitations waiting included.');
  await expect(invite.getByLabel('Their work email')).toHaveValue(colleague);
  await noSeat.getByRole('link', { name: 'See plans' }).click();
  await page.getByRole('region', { name: 'Basic' }).getByRole('button', { name: 'Choose Basic' }).click();
  await page.getByRole('button', { name: 'Pay ₦53,750.00' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment received' })).toContainText(
    'Payment received: your company is on the Basic plan.',
  );
  await page.getByRole('link', { name: 'Team', exact: true }).first().click();
  await invite.getByLabel('Their work email').fill(colleague);
  await invite.getByLabel('Role').selectOption({ label: 'Admin' });
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status')).toContainText('The invitation is on its way.');
  await expect(page.getByRole('region', { name: 'Open invitations' }).getByText(colleague, { exact: true })).toBeVisible();
  await expectNoA11yViolations(page);

  // The only owner cannot leave.
  await page.getByRole('button', { name: 'Leave the company' }).click();
  await page.getByRole('dialog', { name: 'Leave the company?' }).getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByText('You are the only owner.')).toBeVisible();

  // The colleague opens the link from the email, signs up and joins.
  await openEmail(page, colleague, `Join ${company} on Hirewell`);
  const link = await page.getByRole('link', { name: /company\/join\?token=/ }).getAttribute('href');
  await logOut(page, owner);
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(link!);
  await expect(other.getByRole('heading', { name: `Join ${company}` })).toBeVisible();
  await expect(other.getByRole('link', { name: 'Log in to accept' })).toBeVisible();
  await register(other, colleague, password, 'An employer');
  await expect(other.getByRole('status')).toContainText('Welcome!');
  await other.goto(link!);
  await other.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(other.getByRole('status')).toContainText('Welcome to the team!');
  await expect(other.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expect(other.getByText('You are admin')).toBeVisible();
  // The link works once.
  await other.goto(link!);
  await expect(other.getByText('This invitation link is not valid any more')).toBeVisible();

  await other.goto('/company/team');
  const members = other.getByRole('region', { name: /Members/ });
  await expect(members.getByText('Ngozi Eze')).toBeVisible();
  await expect(members.getByRole('img', { name: 'Photo of Ngozi Eze' })).toBeVisible();
  await expect(members.getByText(/\(you\)/)).toBeVisible();
  await context.close();

  // Anyone can read the company page.
  await page.goto('/');
  const slug = company.toLowerCase().replaceAll(' ', '-');
  await page.goto(`/companies/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: company })).toBeVisible();
  await expect(page.getByText('We move containers from the port to your door.')).toBeVisible();
  await expect(page.getByRole('img', { name: `${company} logo` })).toBeVisible();
  // Nothing open yet: someone outside it is pointed at the other jobs.
  const roles = page.getByRole('region', { name: 'Open roles' });
  await expect(roles.getByText(`${company} has no open roles right now.`)).toBeVisible();
  await expectNoA11yViolations(page);
  await roles.getByRole('link', { name: 'Browse all jobs' }).click();
  await expect(page).toHaveURL(/\/jobs$/);
});

// Someone who already has a confirmed employer account hears of an
// invitation in the app: the bell leads to the join page, where it waits.
test('an existing employer accepts an invitation from the bell', async ({ browser }) => {
  const stamp = Date.now();
  const recruiter = `recruiter.${stamp}@example.com`;
  const password = 'company good 1 password';
  const them = await (await browser.newContext()).newPage();
  await register(them, recruiter, password, 'An employer');
  await expect(them.getByRole('status')).toContainText('Welcome!');
  await openEmail(them, recruiter, 'Confirm your email address');
  await them.getByRole('link', { name: /verify-email\?token=/ }).click();
  await them.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(them.getByRole('status')).toContainText('Your email address is confirmed.');
  await waitForHydration(them);

  const owner = await (await browser.newContext()).newPage();
  await logIn(owner, 'employer@example.com', DEMO_PASSWORD);
  await expect(owner.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await owner.goto('/company/team');
  const invite = owner.getByRole('region', { name: 'Invite someone' });
  await invite.getByLabel('Their work email').fill(recruiter);
  await invite.getByLabel('Role').selectOption({ label: 'Member' });
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(owner.getByRole('status')).toContainText('The invitation is on its way.');

  // No reload: the bell counts it.
  await them.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await them.getByRole('link', { name: 'Unread: Kestrel Payments invited you to their hiring team' }).click();
  await expect(them.getByRole('heading', { name: 'Invitations for you' })).toBeVisible();
  await expectNoA11yViolations(them);
  await them.getByRole('button', { name: 'Accept the invitation of Kestrel Payments' }).click();
  await expect(them.getByRole('status')).toContainText('Welcome to the team!');
  await expect(them.getByRole('heading', { level: 1, name: 'Kestrel Payments' })).toBeVisible();

  // The demo company keeps its team as it was for other journeys.
  await owner.goto('/company/team');
  const members = owner.getByRole('region', { name: /Members/ });
  await members.getByRole('button', { name: `Remove ${recruiter}` }).click();
  await owner.getByRole('dialog').getByRole('button', { name: 'Remove from team' }).click();
  await expect(owner.getByRole('status')).toContainText('They are no longer on the team.');
});
