import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, register, waitForHydration } from '../fixtures';

// A job seeker out of super-likes' reach compares the free plan with Plus,
// is declined once at the test gateway's checkout, pays, and has ten
// super-likes a day; their invoice is under their Plus page; they cancel
// for the month's end and keep it after all.

test('a job seeker buys Plus and gets more super-likes', async ({ page }) => {
  await register(page, `plus${Date.now()}@example.com`, 'a long enough password 1');
  await page.getByRole('link', { name: 'Discover' }).click();
  await waitForHydration(page);
  await expect(page.getByText('3 of 3 super-likes left today')).toBeVisible();

  await page.getByRole('link', { name: 'More with Plus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hirewell Plus' })).toBeVisible();
  const free = page.getByRole('region', { name: 'Free', exact: true });
  await expect(free.getByText('Your plan')).toBeVisible();
  await expect(free.getByText('3 super-likes a day')).toBeVisible();
  await expect(free.getByText('Auto-apply to up to 10 roles a day')).toBeVisible();
  const plus = page.getByRole('region', { name: 'Plus', exact: true });
  await expect(plus.getByText('₦2,500', { exact: true })).toBeVisible();
  await expect(plus.getByText('10 super-likes a day')).toBeVisible();
  await expect(plus.getByText('Auto-apply to up to 50 roles a day')).toBeVisible();
  await expectNoA11yViolations(page);

  // Declined: a clear message, and still the free plan.
  await plus.getByRole('button', { name: 'Get Plus' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '₦2,687.50' })).toBeVisible();
  await expect(page.getByText('Plus plan, one month')).toBeVisible();
  await page.getByLabel('The card is declined').check();
  await page.getByRole('button', { name: 'Pay ₦2,687.50' }).click();
  const declined = page.getByRole('alert');
  await expect(declined).toContainText('Your card was declined by your bank. Nothing was charged and your plan has not changed.');
  await expect(free.getByText('Your plan')).toBeVisible();

  await plus.getByRole('button', { name: 'Get Plus' }).click();
  await page.getByRole('button', { name: 'Pay ₦2,687.50' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment received' })).toContainText(
    'Payment received: you are on the Plus plan. Your invoice is below.',
  );
  const mine = page.getByRole('region', { name: 'You have Plus' });
  await expect(mine.getByText('Active', { exact: true })).toBeVisible();
  await expect(mine.getByText(/^Renews on /)).toBeVisible();
  await expect(mine.getByText('Paid with Visa ending in 4242')).toBeVisible();
  await expectNoA11yViolations(page);

  // The invoice, with VAT on its own line, and its PDF.
  await page.getByRole('region', { name: 'Invoices' }).getByRole('link', { name: /^HW-/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Invoice HW-/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Plus plan, one month/ })).toBeVisible();
  await expect(page.getByText('VAT (7.5%)')).toBeVisible();
  const pdf = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  expect((await pdf).suggestedFilename()).toMatch(/^HW-\d{4}-\d{6}\.pdf$/);
  await page.getByRole('link', { name: 'Back to billing' }).click();

  // Ten super-likes a day now.
  await mine.getByRole('link', { name: 'Discover jobs' }).click();
  await waitForHydration(page);
  await expect(page.getByText('10 of 10 super-likes left today')).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByText('9 of 10 super-likes left today')).toBeVisible();
  await expect(page.getByRole('link', { name: 'More with Plus' })).toHaveCount(0);

  // Cancelled for the month's end, then kept after all.
  await page.locator('summary', { hasText: 'Account menu for' }).click();
  await page.getByRole('link', { name: 'Plus', exact: true }).click();
  await mine.getByRole('button', { name: 'Cancel Plus' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel Plus?' });
  await expect(dialog).toContainText('and are not charged again');
  await dialog.getByRole('button', { name: 'Cancel at period end' }).click();
  await expect(page.getByRole('status')).toContainText('Your plan will not renew.');
  await expect(mine.getByText(/^Ends on .*; it will not renew\.$/)).toBeVisible();
  await mine.getByRole('button', { name: 'Keep Plus' }).click();
  await expect(page.getByRole('status')).toContainText('Your plan will renew as before.');
  await expect(mine.getByText(/^Renews on /)).toBeVisible();
});
