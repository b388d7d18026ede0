import { expect } from '@playwright/test';
import { test, logIn, openEmail, register } from '../fixtures';

// Someone behind a network that many failed logins came from (an office
// where a password sprayer sits) still gets in: the right password brings
// a one-time sign-in link by email instead of a flat refusal.

test('a person on a throttled network logs in with an emailed link', async ({ browser }) => {
  // Its own network: the test server trusts X-Forwarded-For.
  const network = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': network } });
  const page = await context.newPage();
  const email = `throttled.${Date.now()}@example.com`;
  const password = 'throttled good 1 password';
  await register(page, email, password);
  await expect(page.getByRole('status')).toContainText('Welcome!');
  await page.getByText(email, { exact: true }).first().click();
  await page.getByRole('button', { name: 'Log out' }).click();

  // A sprayer on the same network tries twenty addresses.
  for (let n = 0; n < 20; n++) {
    const reply = await page.request.post('/api/login', {
      form: { email: `sprayed${n}@example.com`, password: 'spring2026 password' },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(reply.status()).toBe(409);
  }

  await logIn(page, email, password);
  await expect(page.getByRole('alert')).toContainText('we have sent a one-time sign-in link');
  await openEmail(page, email, 'Your sign-in link');
  await page.getByRole('link', { name: /sign-in\?token=/ }).click();
  await expect(page.getByRole('heading', { name: 'Log in with your link' })).toBeVisible();
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText(email, { exact: true }).first()).toBeVisible();
  await context.close();
});
