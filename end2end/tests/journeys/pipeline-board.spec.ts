import { expect, type Page } from '@playwright/test';
import { test, DEMO_PASSWORD, expectNoA11yViolations, logIn } from '../fixtures';

// The hiring board: an employer drags an applicant to the next stage, moves
// one with the keyboard, turns one down with a reason, and works through
// the side panel with its keys (Enter, j, a, Escape). The demo employer's
// first vacancy has applicants at every stage.

const column = (page: Page, stage: string) => page.getByRole('list', { name: new RegExp(`^${stage}: \\d+$`) });

async function count(page: Page, stage: string): Promise<number> {
  const label = await column(page, stage).getAttribute('aria-label');
  return Number(label!.split(': ')[1]);
}

test('an employer moves applicants on the board with the mouse and with the keyboard', async ({ page }) => {
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Review new applicants' }).click();
  await page.getByRole('navigation', { name: 'View' }).getByRole('link', { name: 'Board' }).click();
  await expect(page.getByRole('list', { name: 'Stages' })).toBeVisible();
  await expectNoA11yViolations(page);

  // With the mouse: the best new applicant goes to Reviewing.
  const first = column(page, 'Submitted').getByRole('listitem').first();
  const name = (await first.getByRole('link').textContent())!.trim();
  const reviewing = await count(page, 'Reviewing');
  await first.dragTo(column(page, 'Reviewing'));
  await expect(column(page, 'Reviewing').getByRole('link', { name, exact: true })).toBeVisible();
  await expect(column(page, 'Reviewing')).toHaveAttribute('aria-label', `Reviewing: ${reviewing + 1}`);
  await expect(page.getByRole('status')).toContainText('Moved.');

  // With the keyboard: Shift + → takes them on to Interview, and the focus
  // stays with them.
  await column(page, 'Reviewing').getByRole('link', { name, exact: true }).focus();
  await page.keyboard.press('Shift+ArrowRight');
  const interviewing = column(page, 'Interview').getByRole('link', { name, exact: true });
  await expect(interviewing).toBeVisible();
  await expect(interviewing).toBeFocused();

  // Dropped on "Not selected", the board asks for the reason first.
  await column(page, 'Interview').getByRole('listitem').filter({ hasText: name }).dragTo(column(page, 'Not selected'));
  const reject = page.getByRole('dialog', { name: 'Mark as not selected?' });
  await expect(reject).toBeVisible();
  await reject.getByLabel('Reason (only your team sees it)').fill('Chose someone closer to the team');
  await reject.getByRole('button', { name: 'Mark not selected' }).click();
  await expect(column(page, 'Not selected').getByRole('link', { name, exact: true })).toBeVisible();

  // The side panel: Enter opens an applicant, j goes to the next one, a
  // advances them, Escape closes the panel.
  const next = column(page, 'Submitted').getByRole('link').first();
  const nextName = (await next.textContent())!.trim();
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/application=/);
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${nextName} · \\d+% match$`) })).toBeFocused();
  await expectNoA11yViolations(page);
  await page.keyboard.press('j');
  const panel = page.getByRole('complementary', { name: /% match$/ });
  await expect(panel.getByRole('heading', { level: 2, name: new RegExp(`^${nextName} ·`) })).toHaveCount(0);
  const advance = panel.getByRole('button', { name: /^Advance to / });
  const target = (await advance.textContent())!.replace('Advance to ', '').trim();
  const heading = (await panel.getByRole('heading', { level: 2 }).textContent())!;
  const who = heading.split(' · ')[0];
  await page.keyboard.press('a');
  await expect(column(page, target).getByRole('link', { name: who, exact: true })).toBeVisible();
  await expect(panel.getByText(target, { exact: true }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page).not.toHaveURL(/application=/);
});

test('the open applicant is a full-screen sheet on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Review new applicants' }).click();
  await page.locator('[data-applicant-link]').first().click();
  const panel = page.getByRole('complementary', { name: /% match$/ });
  await expect(panel).toBeVisible();
  const box = (await panel.boundingBox())!;
  expect(box.width).toBe(390);
  await expect(panel.getByRole('button', { name: /^Advance to / })).toBeInViewport();
  await expectNoA11yViolations(page);
  await panel.getByRole('link', { name: 'Close' }).click();
  await expect(panel).toHaveCount(0);
});
