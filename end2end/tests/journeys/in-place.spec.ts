import { expect } from '@playwright/test';
import { test, register, waitForHydration } from '../fixtures';

// With script, an action on a long page updates it where the reader is: no
// jump to the top or to an anchor, no skeleton, and its notice shows each
// time, even twice in a row. (Without script the redirect's anchor brings
// the reader back; see no-javascript.spec.ts.)

test('saving settings halfway down the page keeps the reader in place', async ({ page }) => {
  await register(page, `in-place.${Date.now()}@example.com`, 'in place good 1 password');
  await expect(page).not.toHaveURL(/\/register/);
  await page.goto('/settings');
  await waitForHydration(page);
  const save = page.getByRole('button', { name: 'Save notification settings' });
  await save.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(200);

  await save.click();
  const toast = page.getByRole('status').filter({ hasText: 'Your settings are saved.' });
  await expect(toast).toBeVisible();
  await expect(page).toHaveURL(/\/settings\?notice=settings_saved$/);
  expect(await page.evaluate(() => window.scrollY)).toBe(before);
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);

  // The same action again: the notice comes back although the address is
  // the same, and the page still has not moved.
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toBeHidden();
  await save.click();
  await expect(toast).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(before);

  // In place means no new history entries: Back leaves the settings.
  await page.goBack();
  await expect(page).not.toHaveURL(/\/settings/);
});
