import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, logOut, openEmail, register } from '../fixtures';

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

  // Inviting a colleague as an admin.
  await page.getByRole('link', { name: 'Team', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  const invite = page.getByRole('region', { name: 'Invite someone' });
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
  await expectNoA11yViolations(page);
});
