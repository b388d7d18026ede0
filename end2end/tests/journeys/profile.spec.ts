import { expect } from '@playwright/test';
import { test, expectNoA11yViolations, logIn, register, DEMO_PASSWORD, waitForHydration } from '../fixtures';

// A job seeker fills in every section of the profile; each saves on its own,
// bad input is shown next to its field, and everything is there after a reload.

test('a job seeker fills in the profile section by section', async ({ page }) => {
  const email = `pro.${Date.now()}@example.com`;
  const password = 'profile good 1 password';
  await register(page, email, password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await expectNoA11yViolations(page);

  const about = page.getByRole('region', { name: 'About you' });
  await about.getByRole('button', { name: 'Save about you' }).click();
  await expect(about.getByText('Enter your first name.')).toBeVisible();
  await about.getByLabel('First name').fill('Amara');
  await about.getByLabel('Last name').fill('Okafor');
  await about.getByLabel('Headline').fill('Head of finance, 15 years in banking');
  await about.getByLabel('Summary').fill('I lead finance teams through growth and change.');
  await about.getByLabel('Phone').fill('+234 803 123 4567');
  await about.getByRole('button', { name: 'Save about you' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');

  const role = page.getByRole('region', { name: 'Current role' });
  await role.getByLabel('Job title').fill('Head of Finance');
  await role.getByLabel('Company').fill('Lagos Growth Bank');
  await role.getByLabel('Industry').selectOption({ label: 'Financial Services' });
  await role.getByLabel('Years of experience').fill('15');
  await role.getByLabel('Seniority').selectOption('director');
  await role.getByRole('button', { name: 'Save current role' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');

  const location = page.getByRole('region', { name: 'Location' });
  await location.getByLabel('Country').fill('Nigeria');
  await location.getByLabel('State or region').fill('Lagos');
  await location.getByLabel('City').fill('Ikeja');
  await location.getByLabel('I am willing to relocate').check();
  await location.getByRole('button', { name: 'Save location' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');

  const wants = page.getByRole('region', { name: 'What you want' });
  await wants.getByLabel('Full time').check();
  await wants.getByLabel('Consulting').check();
  await wants.getByLabel('Way of working').selectOption('hybrid');
  await wants.getByLabel('Minimum salary').fill('45000000');
  await wants.getByLabel('Maximum salary').fill('30000000');
  await wants.getByRole('button', { name: 'Save what you want' }).click();
  await expect(wants.getByText('The maximum must not be below the minimum.')).toBeVisible();
  await expect(wants.getByText('Choose the currency of your salary.')).toBeVisible();
  await wants.getByLabel('Maximum salary').fill('60,000,000');
  await wants.getByLabel('Currency').selectOption('NGN');
  await wants.getByLabel('Salary period').selectOption('year');
  await wants.getByLabel('Notice period in days').fill('30');
  await wants.getByRole('button', { name: 'Save what you want' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');
  await expect(wants.getByText('Full time · Consulting · Hybrid · from 45,000,000 NGN')).toBeVisible();

  const links = page.getByRole('region', { name: 'Links' });
  await links.getByLabel('LinkedIn profile').fill('https://example.com/amara');
  await links.getByRole('button', { name: 'Save links' }).click();
  await expect(links.getByText('A LinkedIn address must be an address on linkedin.com.')).toBeVisible();
  await links.getByLabel('LinkedIn profile').fill('https://www.linkedin.com/in/amara-okafor');
  await links.getByRole('button', { name: 'Save links' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');

  await page.reload();
  await expect(page.getByLabel('First name')).toHaveValue('Amara');
  await expect(page.getByLabel('Summary')).toHaveValue('I lead finance teams through growth and change.');
  await expect(page.getByLabel('Industry')).toHaveValue(/.+/);
  await expect(page.getByLabel('Seniority')).toHaveValue('director');
  await expect(page.getByLabel('I am willing to relocate')).toBeChecked();
  await expect(page.getByLabel('Consulting')).toBeChecked();
  await expect(page.getByLabel('Maximum salary')).toHaveValue('60,000,000');
  await expect(page.getByLabel('LinkedIn profile')).toHaveValue('https://www.linkedin.com/in/amara-okafor');
  await expectNoA11yViolations(page);
});

test('employers have no candidate profile editor', async ({ page }) => {
  await logIn(page, 'employer@example.com', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Profile', exact: true })).toHaveCount(0);
  const response = await page.goto('/profile');
  expect(response?.status()).toBe(403);
});

test('a profile is shown only to the people its owner chose', async ({ page, browser }) => {
  await logIn(page, 'candidate@example.com', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Profile', exact: true }).click();
  await page.getByRole('link', { name: 'See your profile as others do' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Amara Okafor' })).toBeVisible();
  await expect(page.getByText('This is your profile as others see it. It is visible to signed-in companies.')).toBeVisible();
  await expectNoA11yViolations(page);
  const address = page.url();

  // Private by design: a visitor finds nothing until the owner opens it up.
  const visitor = await browser.newPage();
  const unseen = await visitor.goto(address);
  expect(unseen?.status()).toBe(404);

  await page.getByRole('link', { name: 'Change who can see it' }).click();
  const privacy = page.getByRole('region', { name: 'Privacy' });
  await privacy.getByLabel('Public').check();
  await privacy.getByRole('button', { name: 'Save privacy settings' }).click();
  await expect(page.getByRole('status')).toContainText('Your settings are saved.');
  await visitor.goto(address);
  await expect(visitor.getByRole('heading', { name: 'Amara Okafor' })).toBeVisible();
  await expect(visitor.getByText('Head of Finance at Lagos Growth Bank').first()).toBeVisible();

  await privacy.getByLabel('Private').check();
  await privacy.getByRole('button', { name: 'Save privacy settings' }).click();
  await expect(page.getByRole('status')).toContainText('Your settings are saved.');
  const hidden = await visitor.goto(address);
  expect(hidden?.status()).toBe(404);
  await expect(visitor.getByText('We could not find what you were looking for.')).toBeVisible();
  await expect(visitor.getByText('Amara')).toHaveCount(0);

  // Back to companies only, as the demo data has it.
  await privacy.getByRole('radio', { name: /^Companies/ }).check();
  await privacy.getByRole('button', { name: 'Save privacy settings' }).click();
  await expect(page.getByRole('status')).toContainText('Your settings are saved.');
  await visitor.close();
});

test.describe('on a phone', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  });

  test('the profile is a list of sections, each opened to edit', async ({ page }) => {
    await register(page, `fold.${Date.now()}@example.com`, 'profile good 1 password');
    await expect(page).toHaveURL(/notice=registered/);
    await page.goto('/profile');
    await waitForHydration(page);
    // Folded: each section says what it holds or lacks, the résumé first.
    const sections = page.locator('main section[id] h2');
    await expect(sections.first()).toHaveText('Résumés');
    const about = page.getByRole('region', { name: 'About you' });
    await expect(about.getByText('Add your name, headline and summary')).toBeVisible();
    await expect(about.getByLabel('First name')).toBeHidden();
    await expectNoA11yViolations(page);

    await about.getByText('About you', { exact: true }).click();
    await about.getByLabel('First name').fill('Ada');
    await about.getByLabel('Last name').fill('Obi');
    await about.getByLabel('Headline').fill('Data analyst');
    await about.getByRole('button', { name: 'Save about you' }).click();
    await expect(page.getByRole('status')).toContainText('Your profile is saved.');
    // Still open where the work was, and its line is up to date; the page
    // did not move to an anchor.
    await expect(page).toHaveURL(/\/profile\?notice=profile_saved$/);
    await expect(about.getByLabel('First name')).toBeVisible();
    await expect(about.getByText('Ada Obi · Data analyst')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Location' }).getByLabel('Country')).toBeHidden();
  });
});
