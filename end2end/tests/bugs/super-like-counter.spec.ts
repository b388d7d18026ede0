import { expect, Page } from '@playwright/test';
import { test, register, waitForHydration } from '../fixtures';

// Bug: after three super-likes the deck still said "3 of 3 left" with the
// button enabled, and the refusal of a fourth vanished when the deck
// reloaded. The counter follows each super-like sent from the page.

const topCard = (page: Page) => page.getByRole('article').getByRole('heading', { level: 2 }).getByRole('link');

test('the super-like counter counts down and the button stops at zero', async ({ page }) => {
  await register(page, `superliker${Date.now()}@example.com`, 'a long enough password 1');
  await expect(page.getByRole('status')).toContainText('Welcome!');
  await page.goto('/swipe');
  await waitForHydration(page);
  await expect(page.getByText('3 of 3 super-likes left today')).toBeVisible();
  for (const left of [2, 1, 0]) {
    const before = await topCard(page).getAttribute('href');
    await page.getByRole('button', { name: 'Super-like' }).click();
    await expect(topCard(page)).not.toHaveAttribute('href', before!);
    await expect(page.getByText(`${left} of 3 super-likes left today`)).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Super-like' })).toBeDisabled();
  // The arrow key presses the same (disabled) button: nothing is sent.
  const top = await topCard(page).getAttribute('href');
  await page.keyboard.press('ArrowUp');
  await expect(topCard(page)).toHaveAttribute('href', top!);
  // A reload reads the same count from the server.
  await page.reload();
  await expect(page.getByText('0 of 3 super-likes left today')).toBeVisible();
});
