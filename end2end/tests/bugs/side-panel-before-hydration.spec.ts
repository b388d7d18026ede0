import { expect } from '@playwright/test';
import { test, DEMO_PASSWORD, holdWasm, logIn } from '../fixtures';

// Bug: an applicant's side panel that came with the page moved the focus to
// its title when the page hydrated, so a recruiter who had started writing
// in it while the page loaded found their cursor gone.

test('writing in a side panel before the page hydrates keeps the focus there', async ({ page }) => {
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Review new applicants' }).click();
  await page.getByRole('navigation', { name: 'View' }).getByRole('link', { name: 'Board' }).click();
  await page.getByRole('list', { name: /^Submitted: \d+$/ }).getByRole('link').first().click();
  await expect(page).toHaveURL(/application=/);
  const address = page.url();

  const release = await holdWasm(page);
  await page.goto(address);
  const details = page.getByRole('complementary').getByLabel('Details');
  await details.click();
  await page.keyboard.type('Strong portfolio');

  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  release();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');

  await expect(details).toBeFocused();
  await page.keyboard.type(', call on Monday');
  await expect(details).toHaveValue('Strong portfolio, call on Monday');
});
