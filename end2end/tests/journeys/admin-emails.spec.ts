import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, openEmail, logInAsAdmin, waitForHydration } from '../fixtures';

// The demo administrator opens the email log, edits the invitation
// template: a mistake is caught by the preview before saving, the saved
// text reaches the test email, and going back to the default asks first.
// Only the body changes, so other journeys' invitations keep their subject.

test('an administrator edits an email template with a preview and a test send', async ({ page }) => {
  await logInAsAdmin(page);
  await page.getByRole('link', { name: 'Emails', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Emails' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent email' })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole('link', { name: 'Invitation to a hiring team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invitation to a hiring team' })).toBeVisible();
  await waitForHydration(page);
  const body = page.getByLabel('Plain-text body');
  const original = await body.inputValue();

  // A misspelt variable: the preview says where, nothing is saved.
  await body.fill(`${original}\n{{ compnay }}`);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText(/Line \d+: .*undefined/)).toBeVisible();
  await expect(body).toHaveAttribute('aria-invalid', 'true');

  await body.fill(`${original}\nWelcome aboard, from everyone at {{ company }}.`);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByText('Plain-text version').click();
  await expect(page.getByText('Welcome aboard, from everyone at Acme & Sons.')).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByRole('status')).toContainText('The template is saved; the next emails use it.');
  await expect(page.getByText('Edited by an administrator.')).toBeVisible();

  await page.getByRole('button', { name: 'Send a test to me' }).click();
  await expect(page.getByRole('status')).toContainText('A test email is on its way to you.');
  const mailbox = await page.context().newPage();
  await openEmail(mailbox, 'admin@example.com', 'Join Acme & Sons on Hirewell');
  await expect(mailbox.getByText('Welcome aboard, from everyone at Acme & Sons.')).toBeVisible();
  await mailbox.close();

  await page.getByRole('button', { name: 'Go back to the default' }).click();
  const confirm = page.getByRole('dialog', { name: 'Go back to the default text?' });
  await expect(confirm).toContainText('Your changes to this template are deleted');
  await confirm.getByRole('button', { name: 'Use the default' }).click();
  await expect(page.getByRole('status')).toContainText('The template is back to the default text.');
  await expect(page.getByText('The default text; saving makes it yours.')).toBeVisible();
  await expect(page.getByLabel('Plain-text body')).toHaveValue(original);
});
