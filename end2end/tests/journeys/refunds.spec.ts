import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, register, logInAsAdmin } from '../fixtures';

// A job seeker pays for Plus; an administrator finds the invoice and gives
// back half of it (more than was paid is refused first, in the dialog);
// the buyer sees the refund on the invoice and downloads its credit note.

test('an administrator refunds part of an invoice and the buyer gets a credit note', async ({ page, browser }) => {
  await register(page, `refund${Date.now()}@example.com`, 'a long enough password 1');
  await expect(page.getByRole('link', { name: 'Discover' }).first()).toBeVisible();
  await page.goto('/plus');
  await page.getByRole('region', { name: 'Plus', exact: true }).getByRole('button', { name: 'Get Plus' }).click();
  await page.getByRole('button', { name: 'Pay ₦2,687.50' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment received' })).toBeVisible();
  const invoiceLink = page.getByRole('region', { name: 'Invoices' }).getByRole('link', { name: /^HW-/ });
  const number = (await invoiceLink.textContent())?.trim() ?? '';
  expect(number).toMatch(/^HW-\d{4}-\d{6}$/);

  const admin = await (await browser.newContext()).newPage();
  await logInAsAdmin(admin);
  await admin.getByRole('link', { name: 'Billing', exact: true }).click();
  await admin.getByLabel('Buyer or number', { exact: true }).fill(number);
  await admin.getByRole('button', { name: 'Filter' }).click();
  await admin.getByRole('link', { name: number }).click();
  await expect(admin.getByRole('heading', { level: 1, name: `Invoice ${number}` })).toBeVisible();
  await expect(admin.getByText('₦2,687.50 can still be given back, to the card it was paid with through Test.')).toBeVisible();
  await expectNoA11yViolations(admin);

  // More than was paid is refused where it was typed; then half.
  await admin.getByRole('button', { name: 'Refund…' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Give money back?' });
  const amount = dialog.getByLabel('Amount (₦, with VAT)');
  await expect(amount).toHaveValue('2687.50');
  await amount.fill('3000');
  await dialog.getByLabel('Reason').fill('Plus did not work on her phone for a week');
  await dialog.getByRole('button', { name: 'Give the money back' }).click();
  await expect(dialog.getByText('At most ₦2,687.50 is left to give back.')).toBeVisible();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await amount.fill('1343.75');
  await dialog.getByRole('button', { name: 'Give the money back' }).click();
  await expect(admin.getByRole('status')).toContainText('The money is on its way back');
  const refunds = admin.getByRole('region', { name: 'Refunds' });
  await expect(refunds.getByText(/^₦1,343\.75 refunded on /)).toBeVisible();
  await expect(refunds.getByRole('link', { name: /^Credit note CN-\d{4}-\d{6}$/ })).toBeVisible();
  await expect(admin.getByText('₦1,343.75 can still be given back, to the card it was paid with through Test.')).toBeVisible();
  await expectNoA11yViolations(admin);

  // The buyer sees it on the invoice, with the reason, and keeps the note.
  await invoiceLink.click();
  const own = page.getByRole('region', { name: 'Refunds' });
  await expect(own.getByText('Plus did not work on her phone for a week')).toBeVisible();
  const note = page.waitForEvent('download');
  await own.getByRole('link', { name: /^Credit note CN-/ }).click();
  expect((await note).suggestedFilename()).toMatch(/^CN-\d{4}-\d{6}\.pdf$/);
  await expectNoA11yViolations(page);
});
