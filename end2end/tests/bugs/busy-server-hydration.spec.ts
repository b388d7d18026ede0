import { expect } from '@playwright/test';
import { test, logIn, DEMO_PASSWORD } from '../fixtures';

// Bug: /profile and /settings created some resources inside a Suspend. While
// the server rendered, a busy moment could create them twice, which shifted
// the data handed to the browser, and hydration panicked (seen in CI). Loading
// the pages while the server renders them for other tabs brings the busy
// moment about; the fixture fails the test on the panic.

for (const address of ['/profile', '/settings']) {
  test(`${address} hydrates while the server is busy`, async ({ page }) => {
    await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
    await expect(page.getByRole('link', { name: 'Profile', exact: true })).toBeVisible();
    for (let round = 0; round < 5; round++) {
      const otherTabs = Array.from({ length: 8 }, () => page.request.get(address));
      await page.goto(address);
      await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
      for (const reply of await Promise.all(otherTabs)) expect(reply.status()).toBe(200);
    }
  });
}
