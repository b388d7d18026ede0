// Photographs the main pages of each role at a phone's width (390 px) and a
// laptop's (1280 px) into end2end/screenshots/, for the README: what the
// product looks like, kept up to date by running this again.
//
//   node scripts/screenshots.mjs [base address]   (default http://127.0.0.1:3000)
//
// Needs a site with the demo data (make run). Taken once the page is
// hydrated and its requests have settled.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'end2end', 'screenshots');
const password = 'hirewell-demo-1';
const widths = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
// A phone says so in its user agent; some pages (the profile editor) fold for it.
const phoneAgent =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

/** Where the first link matching `selector` on `path` goes. */
async function firstLink(page, path, selector) {
  await page.goto(`${base}${path}`);
  return page.locator(selector).first().getAttribute('href');
}

async function logIn(page, email) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${base}/`);
}

async function shoot(page, name, path) {
  await page.goto(`${base}${path}`);
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  // A phone shows its first screen, as a person sees it (fixed bars would
  // float mid-page in a full-page picture); a laptop the whole page.
  const fullPage = !name.endsWith('-phone');
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
  console.log(`${name}.png  ${path}`);
}

const people = [
  { who: 'visitor', email: null, pages: async (page) => [
    ['home', '/'],
    ['jobs', '/jobs'],
    ['job', await firstLink(page, '/jobs', 'article a[href^="/jobs/"]')],
  ] },
  { who: 'candidate', email: 'candidate@example.com', pages: async (page) => [
    ['home', '/'],
    ['swipe', '/swipe'],
    ['profile', '/profile'],
    ['welcome', '/welcome'],
    ['notifications', '/notifications'],
    ['settings', '/settings'],
    ['introductions', '/introductions'],
    ['introduction', await firstLink(page, '/introductions', 'article a[href^="/introductions/"]')],
    ['messages', '/messages'],
    ['thread', await firstLink(page, '/messages', 'a[href^="/messages/"]')],
  ] },
  { who: 'employer', email: 'employer@example.com', pages: async (page) => {
    const pipeline = await firstLink(page, '/employer/vacancies', 'a[href$="/pipeline"]');
    // Talent ranked for the company's first open vacancy.
    await page.goto(`${base}/talent`);
    const vacancy = await page.locator('select[name="vacancy"] option').nth(1).getAttribute('value');
    return [
      ['home', '/'],
      ['pipeline', pipeline],
      ['applicant', await firstLink(page, pipeline, '[data-applicant-link]')],
      ['talent', `/talent?q=finance&vacancy=${vacancy}`],
      ['saved-talent', '/talent/saved'],
      ['introductions', '/company/introductions'],
      ['thread', await firstLink(page, '/messages', 'a[href^="/messages/"]')],
    ];
  } },
  { who: 'admin', email: 'admin@example.com', pages: async () => [
    ['home', '/admin'],
    ['emails', '/admin/emails'],
    ['email-template', '/admin/emails/notification'],
  ] },
];

mkdirSync(out, { recursive: true });
for (const [size, viewport] of Object.entries(widths)) {
  for (const person of people) {
    const userAgent = size === 'phone' ? phoneAgent : undefined;
    const context = await browser.newContext({ viewport, userAgent, reducedMotion: 'reduce' });
    const page = await context.newPage();
    if (person.email) await logIn(page, person.email);
    for (const [name, path] of await person.pages(page)) {
      await shoot(page, `${person.who}-${name}-${size}`, path);
    }
    await context.close();
  }
}
await browser.close();
