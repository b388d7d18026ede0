import { expect } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn } from '../fixtures';

// A visitor compares the plans, starts a trial as an employer and finds
// their new company on it; the demo employer sees the Basic plan they pay
// for, how much of it their team uses, and their invoices with the PDF.

test('a visitor compares plans and starts on the trial', async ({ page }) => {
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

  await page.getByRole('link', { name: 'Compare plans' }).click();
  const basic = page.getByRole('region', { name: 'Basic' });
  await expect(basic.getByText('Your plan')).toBeVisible();
  await expect(basic.getByRole('link', { name: 'See your billing' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Enterprise' }).getByRole('button', { name: 'Talk to us' })).toBeVisible();
});
