import { expect, Page } from '@playwright/test';
import { test, expectNoA11yViolations, logInAsAdmin, waitForHydration } from '../fixtures';

// Through the load balancer of scripts/cluster.sh: an admin puts up a
// banner and pauses sign-ups on one instance, and every page, whichever
// instance answers, shows it at once; a visitor cannot sign up until the
// admin opens sign-ups again.

/** Fills the three settings this journey changes, saves, and waits for
 * the count of changed ones. */
async function saveSettings(page: Page, banner: string, signUps: 'On' | 'Off', days: string, changed: string) {
  await page.getByLabel('Banner on every page', { exact: true }).fill(banner);
  await page.getByLabel('New sign-ups', { exact: true }).selectOption({ label: signUps });
  await page.getByLabel('Days to answer an introduction', { exact: true }).fill(days);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(changed);
}

test('an administrator changes site settings and every instance follows', async ({ page, browser }) => {
  await logInAsAdmin(page);
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Site settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Site settings' })).toBeVisible();
  await expectNoA11yViolations(page);

  // A number out of range is refused in place, and nothing is saved.
  await page.getByLabel('Banner on every page', { exact: true }).fill('Planned maintenance tonight from 22:00');
  await page.getByLabel('Days to answer an introduction', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Enter a whole number from 1 to 60.')).toBeVisible();
  await expect(page.getByText('Notice: Planned maintenance tonight')).toHaveCount(0);

  await saveSettings(page, 'Planned maintenance tonight from 22:00', 'Off', '10', '3 settings changed');
  await expect(page.getByText('Notice: Planned maintenance tonight from 22:00')).toBeVisible();
  await expect(page.getByText('Last changed by admin@example.com').first()).toBeVisible();

  // A visitor, answered by both instances in turn, sees the banner on
  // every page and cannot sign up.
  const visitor = await browser.newPage();
  const answeredBy = new Set<string>();
  visitor.on('response', (response) => {
    const instance = response.headers()['x-instance'];
    if (instance && response.request().resourceType() === 'document') answeredBy.add(instance);
  });
  for (const path of ['/', '/jobs', '/pricing', '/login']) {
    await visitor.goto(path);
    await expect(visitor.getByText('Notice: Planned maintenance tonight from 22:00')).toBeVisible();
  }
  // Round robin counts every request, the pages' scripts too, so those
  // pages may all have come from one instance: ask again, with nothing in
  // between, until both have answered.
  for (let tries = 0; tries < 10 && answeredBy.size < 2; tries++) {
    const response = await visitor.request.get('/jobs');
    expect(await response.text()).toContain('Planned maintenance tonight from 22:00');
    const instance = response.headers()['x-instance'];
    if (instance) answeredBy.add(instance);
  }
  expect([...answeredBy].sort()).toEqual(['instance1', 'instance2']);
  await visitor.goto('/register');
  await expect(visitor.getByRole('status').filter({ hasText: 'New sign-ups are paused' })).toBeVisible();
  await visitor.getByLabel('A job seeker').check();
  await visitor.getByLabel('Email').fill(`paused.${Date.now()}@example.com`);
  await visitor.getByLabel('Password', { exact: true }).fill('paused good 1 password');
  await visitor.getByLabel('Confirm password').fill('paused good 1 password');
  await visitor.getByLabel('I agree to the Terms of Service and the Privacy Policy').check();
  await visitor.getByRole('button', { name: 'Create account' }).click();
  await expect(visitor.getByRole('alert')).toContainText('New sign-ups are paused for now.');

  // The changes are in the audit log.
  await page.goto('/admin/audit?action=setting.');
  await expect(page.getByRole('row').filter({ hasText: 'setting.changed' })).toHaveCount(3);

  // Back as they were: the banner goes from every page.
  await page.goto('/admin/settings');
  await waitForHydration(page);
  await saveSettings(page, '', 'On', '7', '3 settings changed');
  await expect(page.getByText('Notice:')).toHaveCount(0);
  await visitor.goto('/jobs');
  await expect(visitor.getByText('Notice:')).toHaveCount(0);
  await visitor.goto('/register');
  await expect(visitor.getByText('New sign-ups are paused')).toHaveCount(0);
  await visitor.close();
});
