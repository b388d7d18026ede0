import { expect } from '@playwright/test';
import { test, authenticatorCode, expectNoA11yViolations, logIn, logInAsAdmin, logOut, register } from '../fixtures';

// A job seeker made an administrator by the demo super admin sets up
// two-step sign-in at their next sign-in: they add the key to an app, keep
// their recovery codes and enter a first code. Later a recovery code stands
// in for a lost phone, once.

test('a new administrator sets up two-step sign-in, then uses a recovery code once', async ({ page, browser }) => {
  const email = `ops.${Date.now()}@example.com`;
  const password = 'ops good 2 password';
  const person = await (await browser.newContext()).newPage();
  await register(person, email, password);
  await expect(person.getByRole('status')).toContainText('Welcome!');

  await logInAsAdmin(page);
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByLabel(`Account type of ${email}`, { exact: true }).selectOption({ label: 'Administrator: Support' });
  await page.getByRole('button', { name: `Save the account type of ${email}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Change account type' }).click();
  await expect(page.getByRole('status')).toContainText('The account type has been changed.');

  // Their job seeker's session does not make them an administrator.
  await person.goto('/admin');
  await expect(person.getByText('Please log in to continue.')).toBeVisible();
  await logIn(person, email, password);
  await expect(person.getByRole('heading', { name: 'Set up two-step sign-in' })).toBeVisible();
  await expect(person.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expectNoA11yViolations(person);
  const key = (await person.getByLabel('Key', { exact: true }).innerText()).replace(/\s/g, '');
  const recovery = await person.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
  expect(recovery).toHaveLength(10);

  // A wrong code is refused in place; the app's code turns it on.
  await person.getByLabel('Code from your app').fill('000000');
  await person.getByRole('button', { name: 'Turn on and continue' }).click();
  await expect(person.getByText('That code is not right.')).toBeVisible();
  await person.getByLabel('Code from your app').fill(authenticatorCode(key));
  await person.getByRole('button', { name: 'Turn on and continue' }).click();
  await expect(person).toHaveURL(/\/admin$/);
  await expect(person.getByRole('heading', { name: 'Admin dashboard' })).toBeVisible();
  await logOut(person, email);

  // A lost phone: a recovery code signs them in, once.
  await logIn(person, email, password);
  await expect(person.getByRole('heading', { name: 'Enter your sign-in code' })).toBeVisible();
  await person.getByLabel('Code', { exact: true }).fill(recovery[0]);
  await person.getByRole('button', { name: 'Continue' }).click();
  await expect(person).toHaveURL(/\/admin$/);
  await logOut(person, email);
  await logIn(person, email, password);
  await person.getByLabel('Code', { exact: true }).fill(recovery[0]);
  await person.getByRole('button', { name: 'Continue' }).click();
  await expect(person.getByText('That code is not right.')).toBeVisible();
  await expectNoA11yViolations(person);
  await person.close();
});
