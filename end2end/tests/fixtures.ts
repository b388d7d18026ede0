import { test as base, expect, Cookie, Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';

// Every test fails on an uncaught error in the page (for example a broken
// hydration) and on a console error.
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        // A refused login or a 404 is logged by the browser as a failed
        // resource; those are expected answers, not page errors.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
          errors.push(`console: ${m.text()}`);
        }
      });
      await use(errors);
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Holds the page's WebAssembly back until the returned function is called,
 * so a test can act on the server's page before it hydrates.
 */
export async function holdWasm(page: Page): Promise<() => void> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/pkg/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * Waits until the page's WebAssembly has taken over. Until then a form posts
 * natively and the page reloads, so a test of in-place behaviour waits first.
 */
export async function waitForHydration(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

/** Runs axe (WCAG 2.1 A and AA) on the page and fails with the violations. */
export async function expectNoA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(violations, 'accessibility violations').toEqual([]);
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'hirewell-demo-1';

/** Fills in and submits the registration form. */
export async function register(
  page: Page,
  email: string,
  password: string,
  kind: 'A job seeker' | 'An employer' = 'A job seeker',
) {
  await page.goto('/register');
  await page.getByLabel(kind).check();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByLabel('I agree to the Terms of Service and the Privacy Policy').check();
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Whether the page runs scripts (a journey without JavaScript turns them
 * off): only then does a parser read a `noscript`'s content as text. */
async function runsScripts(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const probe = document.createElement('noscript');
    probe.innerHTML = '<i></i>';
    return probe.children.length === 0;
  });
}

/** Fills in and submits the login form, once the page is live where
 * scripts run: sent before, the form posts without script and the next
 * page loads afresh while the journey already acts on it. */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  if (await runsScripts(page)) await waitForHydration(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The demo administrator, and their authenticator key (published in the
 * README like the password). */
export const DEMO_ADMIN = 'admin@example.com';
export const DEMO_ADMIN_KEY = 'HIREWELLDEMOADMINAUTHENTICATORKY';

/** The code an authenticator app shows for a base32 key in a 30-second
 * time step (RFC 6238: HMAC-SHA-1, six digits). */
export function authenticatorCode(key: string, step = currentStep()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of key.replace(/\s/g, '').toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  }
  const secret = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return number.toString().padStart(6, '0');
}

function currentStep(): number {
  return Math.floor(Date.now() / 30_000);
}

/** The last time step whose code each administrator used, by site: a code
 * is taken once, so a second sign-in within 30 seconds needs the next one. */
const usedSteps = new Map<string, number>();

/** On the second step of an administrator's sign-in, enters the code their
 * app shows, waiting for the next code when this one was used. */
export async function enterAuthenticatorCode(page: Page, email: string, key: string) {
  await expect(page.getByRole('heading', { name: 'Enter your sign-in code' })).toBeVisible();
  const who = `${test.info().project.use.baseURL} ${email}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    // The server takes the app's next code too (one step of clock drift).
    const step = Math.max(currentStep(), (usedSteps.get(who) ?? 0) + 1);
    const wait = (step - 1) * 30_000 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait + 500);
    usedSteps.set(who, step);
    await page.getByLabel('Code', { exact: true }).fill(authenticatorCode(key, step));
    await page.getByRole('button', { name: 'Continue' }).click();
    const used = page.getByText('That code has just been used.');
    const signedIn = () => !new URL(page.url()).pathname.startsWith('/login/second-factor');
    await expect(async () => expect(signedIn() || (await used.isVisible())).toBe(true)).toPass();
    if (signedIn()) return;
  }
}

/** The demo administrator's browser sessions, by site: they stay signed in
 * from one journey to the next, as a person's browser would. */
const adminCookies = new Map<string, Cookie[]>();

/** Signs the demo administrator in (password, then their authenticator's
 * code) and opens the dashboard; later calls carry on the same session. */
export async function logInAsAdmin(page: Page) {
  const site = String(test.info().project.use.baseURL);
  const saved = adminCookies.get(site);
  if (saved) {
    await page.context().addCookies(saved);
    const response = await page.goto('/admin');
    if (response?.ok()) return;
    await page.context().clearCookies();
  }
  await logIn(page, DEMO_ADMIN, DEMO_PASSWORD);
  await enterAuthenticatorCode(page, DEMO_ADMIN, DEMO_ADMIN_KEY);
  await expect(page).toHaveURL(/\/admin$/);
  adminCookies.set(site, await page.context().cookies());
}

/** As a signed-in moderator: opens the case named `title` from the
 * moderation queue and claims it. */
export async function claimModerationCase(admin: Page, title: string) {
  await admin.goto('/admin');
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
  await admin.getByRole('link', { name: title }).click();
  await expect(admin.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await waitForHydration(admin);
  await admin.getByRole('button', { name: 'Claim' }).click();
  await expect(admin.getByText('You are handling this case.')).toBeVisible();
}

/** Opens the newest captured email to `to` with `subject` (the worker sends
 * it a moment after the change that queued it). */
export async function openEmail(page: Page, to: string, subject: string) {
  const item = page.getByRole('listitem').filter({ hasText: to }).filter({ hasText: subject }).first();
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await expect(item).toBeVisible({ timeout: 1000 });
  }).toPass();
  await item.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expectNoA11yViolations(page);
}

/** Logs out through the account menu. */
export async function logOut(page: Page, email: string) {
  await page.getByText(email, { exact: true }).first().click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('status')).toContainText('You have been logged out.');
}

/** Publishes a hybrid director role in `city` (Lagos by default) with its pay. */
export async function publishVacancy(page: Page, title: string, city = 'Lagos') {
  await writeVacancy(page, title, city);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toContainText('The vacancy is open');
}

/** Fills in a new vacancy, ready to publish, without sending it. */
export async function writeVacancy(page: Page, title: string, city = 'Lagos') {
  await page.goto('/employer/vacancies/new');
  await waitForHydration(page);
  await page.getByLabel('Job title').fill(title);
  await page
    .getByLabel('Description')
    .fill('Own treasury reporting for a growing bank and advise the board on liquidity.');
  await page.getByLabel('Required skills').fill('Financial Modeling, Excel');
  await page.getByLabel('Seniority').selectOption({ label: 'Director' });
  await page.getByLabel('Where the work happens').selectOption({ label: 'Hybrid' });
  await page.getByLabel('City').fill(city);
  await page.getByLabel('Country').fill('Nigeria');
  await page.getByLabel('Salary from').fill('2500000');
  await page.getByLabel('Salary to').fill('3500000');
  await page.getByLabel('Currency').selectOption('NGN');
  await page.getByLabel('Salary period').selectOption({ label: 'per month' });
}

/** Uploads a résumé (`resumePdf`) as `name` from the "Résumés" section. */
export async function uploadResume(page: Page, name: string) {
  const resumes = page.getByRole('region', { name: 'Résumés' });
  await resumes.getByLabel('Add a résumé').setInputFiles({
    name,
    mimeType: 'application/pdf',
    buffer: await resumePdf(page),
  });
  await resumes.getByRole('button', { name: 'Upload résumé' }).click();
  await expect(page.getByRole('status')).toContainText('Your résumé is uploaded.');
}

/** A real PDF, printed by the browser, as a person's résumé would be. */
export async function resumePdf(page: Page): Promise<Buffer> {
  const printer = await page.context().newPage();
  await printer.setContent(`
    <h1>Ngozi Eze</h1>
    <p>ngozi.eze@example.com · +234 803 555 0101</p>
    <h2>Senior Data Analyst</h2>
    <p>8 years of experience turning data into decisions.</p>
    <p>Skills: Python, SQL, Tableau</p>`);
  const pdf = await printer.pdf({ format: 'A4' });
  await printer.close();
  return pdf;
}
