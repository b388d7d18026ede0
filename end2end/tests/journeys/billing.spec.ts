import { expect } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn } from '../fixtures';

// A visitor compares the plans, starts a trial as an employer, and pays
// for Professional through the test gateway's checkout (a declined card
// first, then one whose bank asks to confirm); the demo employer sees the
// Basic plan they pay for, how much of it their team uses, and their
// invoices with the PDF.

test('a visitor starts on the trial and upgrades to Professional', async ({ page }) => {
  const stamp = Date.now();
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Pricing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plans for hiring teams' })).toBeVisible();
  const basic = page.getByRole('region', { name: 'Basic' });
  await expect(basic.getByText('₦50,000', { exact: true })).toBeVisible();
  await expect(basic.getByText('a month', { exact: true })).toBeVisible();
  await expect(basic.getByText('3 recruiters')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Enterprise' }).getByText('Custom')).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByRole('link', { name: 'Yearly' }).click();
  await expect(basic.getByText('₦540,000', { exact: true })).toBeVisible();
  await expect(basic.getByText('a year, saving 10%')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Yearly' })).toHaveAttribute('aria-current', 'page');

  await page.getByRole('region', { name: 'Professional' }).getByRole('link', { name: 'Start your free trial' }).click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await expect(page.getByLabel('An employer')).toBeChecked();
  const password = 'billing good 1 password';
  await page.getByLabel('Email').fill(`trial.${stamp}@example.com`);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByLabel('I agree to the Terms of Service and the Privacy Policy').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('link', { name: 'Set up your company' }).click();
  const details = page.getByRole('region', { name: 'Company details' });
  await details.getByLabel('Company name').fill(`Trial Works ${stamp}`);
  await details.getByLabel('Industry').selectOption({ label: 'Technology' });
  await details.getByLabel('Company size').selectOption({ label: '1 to 10 people' });
  await details.getByLabel('Headquarters').fill('Yaba, Lagos');
  await details.getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByRole('status')).toContainText('Your company is set up.');

  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Trial plan' })).toBeVisible();
  await expect(page.getByText('(14 days left)')).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Active vacancies' })).toHaveAttribute('aria-valuetext', '0 of 2');
  await expect(page.getByRole('meter', { name: 'Recruiters' })).toHaveAttribute('aria-valuetext', '1 of 1');
  await expect(page.getByText("You have reached your plan's limit.")).toBeVisible();
  await expect(page.getByText('Your invoices will be listed here once you pay for a plan.')).toBeVisible();
  await expectNoA11yViolations(page);

  // Their legal details for the invoices to come, checked where typed.
  const invoiceDetails = page.getByRole('region', { name: 'Invoice details' });
  await invoiceDetails.getByLabel('Legal name (optional)').fill(`Trial Works ${stamp} Limited`);
  await invoiceDetails.getByLabel('Billing address (optional)').fill('12 Herbert Macaulay Way\nYaba, Lagos');
  await invoiceDetails.getByLabel('Tax ID (optional)').fill('TIN <1>');
  await invoiceDetails.getByRole('button', { name: 'Save invoice details' }).click();
  await expect(invoiceDetails.getByText('Use letters, digits, spaces, dashes and slashes only.')).toBeVisible();
  await invoiceDetails.getByLabel('Tax ID (optional)').fill('20481234-0001');
  await invoiceDetails.getByRole('button', { name: 'Save invoice details' }).click();
  await expect(page.getByRole('status')).toContainText('Your invoice details are saved.');
  await page.reload();
  await expect(invoiceDetails.getByLabel('Tax ID (optional)')).toHaveValue('20481234-0001');

  // A declined card: a clear message, and the plan stays as it was.
  await page.getByRole('link', { name: 'Change plan' }).click();
  await expect(page.getByRole('region', { name: 'Trial' }).getByText('Your plan')).toBeVisible();
  await page.getByRole('region', { name: 'Professional' }).getByRole('button', { name: 'Choose Professional' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '₦161,250.00' })).toBeVisible();
  await expect(page.getByText('Professional plan, one month')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '₦11,250.00' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel('The card is declined').check();
  await page.getByRole('button', { name: 'Pay ₦161,250.00' }).click();
  const declined = page.getByRole('alert');
  await expect(declined).toContainText('The payment did not go through');
  await expect(declined).toContainText('Your card was declined by your bank. Nothing was charged and your plan has not changed.');
  await expect(page.getByRole('heading', { name: 'Trial plan' })).toBeVisible();
  await expect(page.getByText('Your invoices will be listed here once you pay for a plan.')).toBeVisible();

  // Again, with a card whose bank asks to confirm.
  await declined.getByRole('link', { name: 'Try again' }).click();
  await page.getByRole('region', { name: 'Professional' }).getByRole('button', { name: 'Choose Professional' }).click();
  await page.getByLabel('The bank asks to confirm (3-D Secure)').check();
  await page.getByRole('button', { name: 'Pay ₦161,250.00' }).click();
  await expect(page.getByRole('heading', { name: 'Confirm this payment with your bank' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm payment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment received' })).toContainText(
    'Payment received: your company is on the Professional plan. Your invoice is below.',
  );
  await expect(page.getByRole('heading', { name: 'Professional plan' })).toBeVisible();
  await expect(page.getByText('₦150,000.00 a month, before VAT')).toBeVisible();
  await expect(page.getByText('Paid with Visa ending in 4242')).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Recruiters' })).toHaveAttribute('aria-valuetext', '1 of 10');
  await expectNoA11yViolations(page);

  // The paid invoice: VAT on its own line, the legal details, the PDF.
  const paidInvoices = page.getByRole('region', { name: 'Invoices' });
  await expect(paidInvoices.getByRole('listitem')).toHaveCount(1);
  await paidInvoices.getByRole('link', { name: /^HW-\d{4}-\d{6}$/ }).click();
  const paidInvoice = page.getByRole('article');
  await expect(paidInvoice.getByText('Paid', { exact: true })).toBeVisible();
  await expect(paidInvoice.getByText(`Trial Works ${stamp} Limited`)).toBeVisible();
  await expect(paidInvoice.getByText('Professional plan, one month')).toBeVisible();
  await expect(paidInvoice.getByRole('term').filter({ hasText: 'VAT (7.5%)' })).toBeVisible();
  await expect(paidInvoice.getByRole('definition').filter({ hasText: '₦11,250.00' })).toBeVisible();
  await expect(paidInvoice.getByRole('definition').filter({ hasText: '₦161,250.00' })).toBeVisible();
  const paidPdf = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  expect((await paidPdf).suggestedFilename()).toMatch(/^HW-\d{4}-\d{6}\.pdf$/);

  // Cancelled for the period's end, after a confirmation; then kept after all.
  await page.getByRole('link', { name: 'Back to billing' }).click();
  await page.getByRole('button', { name: 'Cancel plan' }).click();
  const cancelDialog = page.getByRole('dialog', { name: 'Cancel your Professional plan?' });
  await expect(cancelDialog).toContainText("After that your company has the trial's limits");
  await cancelDialog.getByLabel('Why are you leaving? (optional)').fill('Trying it out');
  await cancelDialog.getByRole('button', { name: 'Cancel at period end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'will not renew' })).toContainText(
    'Your plan will not renew. It stays until the end of the period you paid for.',
  );
  await expect(page.getByText(/^Ends on \d{1,2} [A-Z][a-z]{2} \d{4}; it will not renew\.$/)).toBeVisible();
  await page.getByRole('button', { name: 'Keep my plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'renew as before' })).toBeVisible();
  await expect(page.getByText(/^Renews on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/)).toBeVisible();

  // A smaller plan waits for the month's end, charging nothing now; keeping
  // the plan drops it again.
  await page.getByRole('link', { name: 'Change plan' }).click();
  const smaller = page.getByRole('region', { name: 'Basic' });
  await expect(smaller.getByText('From the end of the period you paid for; nothing is charged now.')).toBeVisible();
  await smaller.getByRole('button', { name: 'Move to Basic' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your new plan starts' })).toContainText(
    'Your new plan starts when the period you paid for ends. Nothing is charged now.',
  );
  await expect(page.getByText(/^Moves to the Basic plan, billed monthly, on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Invoices' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Keep my plan' }).click();
  await expect(page.getByText(/^Renews on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/)).toBeVisible();

  // Introduction credits bought once, beside the plan's: they never lapse.
  const packs = page.getByRole('region', { name: 'More introduction credits' });
  await expect(packs.getByText('₦30,000.00 before VAT')).toBeVisible();
  await packs.getByRole('button', { name: 'Buy 10 credits' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '₦32,250.00' })).toBeVisible();
  await expect(page.getByText('10 introduction credits').first()).toBeVisible();
  await page.getByRole('button', { name: 'Pay ₦32,250.00' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment received' })).toContainText(
    'Payment received: 10 introduction credits are added. Your invoice is below.',
  );
  await expect(page.getByRole('region', { name: 'Invoices' }).getByRole('listitem')).toHaveCount(2);
  await expectNoA11yViolations(page);
});

test('the demo employer sees the plan they pay for and its invoices', async ({ page }) => {
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await page.goto('/company');
  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Basic plan' })).toBeVisible();
  await expect(page.getByText('Active', { exact: true })).toBeVisible();
  await expect(page.getByText('₦50,000.00 a month, before VAT')).toBeVisible();
  await expect(page.getByText(/^Renews on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/)).toBeVisible();
  await expect(page.getByText('Your plan adds 20 a month.', { exact: false })).toBeVisible();

  // Last month's invoice, with VAT on its own line, and its PDF.
  const invoices = page.getByRole('region', { name: 'Invoices' });
  await expect(invoices.getByRole('listitem')).toHaveCount(2);
  await expect(invoices.getByText('₦53,750.00').first()).toBeVisible();
  await invoices.getByRole('link', { name: /^HW-\d{4}-\d{6}$/ }).first().click();
  const invoice = page.getByRole('article');
  await expect(invoice.getByRole('heading', { level: 1, name: /^Invoice HW-\d{4}-\d{6}$/ })).toBeVisible();
  await expect(invoice.getByText('Paid', { exact: true })).toBeVisible();
  await expect(invoice.getByText('Kestrel Payments', { exact: true })).toBeVisible();
  await expect(invoice.getByRole('term').filter({ hasText: 'VAT (7.5%)' })).toBeVisible();
  await expect(invoice.getByRole('definition').filter({ hasText: '₦3,750.00' })).toBeVisible();
  await expect(invoice.getByRole('definition').filter({ hasText: '₦53,750.00' })).toBeVisible();
  await expectNoA11yViolations(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(/^HW-\d{4}-\d{6}\.pdf$/);
  await page.getByRole('link', { name: 'Back to billing' }).click();

  await page.getByRole('link', { name: 'Change plan' }).click();
  const basic = page.getByRole('region', { name: 'Basic' });
  await expect(basic.getByText('Your plan')).toBeVisible();
  await expect(basic.getByRole('link', { name: 'See your billing' })).toBeVisible();
  const professional = page.getByRole('region', { name: 'Professional' });
  await expect(professional.getByRole('button', { name: 'Upgrade to Professional' })).toBeVisible();
  await expect(professional.getByText('The unused part of your plan is taken off the price.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Enterprise' }).getByRole('button', { name: 'Talk to us' })).toBeVisible();
});

test('a company whose renewal failed is told on every page and pays it', async ({ page }) => {
  await logIn(page, 'pastdue@example.com', DEMO_PASSWORD);
  const banner = page.getByText(
    /^Payment due: we could not take the payment for your Basic plan on \d{1,2} [A-Z][a-z]{2} \d{4}\. Pay by \d{1,2} [A-Z][a-z]{2} \d{4} to keep it\.$/,
  );
  await expect(banner).toBeVisible();
  await page.goto('/company');
  await expect(banner).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Pay now' }).click();
  await expect(page.getByRole('heading', { name: 'Basic plan' })).toBeVisible();
  await expect(page.getByText('Payment due', { exact: true })).toBeVisible();
  await expect(page.getByText('Paid with Visa ending in 0002')).toBeVisible();
  await page.getByRole('button', { name: 'Pay now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '₦53,750.00' })).toBeVisible();
  await page.getByRole('button', { name: 'Pay ₦53,750.00' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment received' })).toContainText(
    'Payment received: your company is on the Basic plan.',
  );
  await expect(page.getByText('Active', { exact: true })).toBeVisible();
  await expect(banner).toHaveCount(0);
});
