import { expect, Page } from '@playwright/test';
import { test, expectNoA11yViolations, register, uploadResume, waitForHydration } from '../fixtures';

// A job seeker builds the repeatable parts of a profile (jobs, education,
// skills, references), uploads a photo and a résumé, takes a suggestion from
// the résumé, and watches the completeness score rise.

async function score(page: Page): Promise<number> {
  const text = await page.getByTestId('completeness-score').textContent();
  return Number((text ?? '').replace('%', ''));
}

test('a job seeker adds jobs, education, skills, references, a photo and a résumé', async ({ page }) => {
  await register(page, `sections.${Date.now()}@example.com`, 'sections good 1 password');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  // Skills are suggested as they are typed, once the page has hydrated.
  await waitForHydration(page);
  const startScore = await score(page);

  // Work history: the server's field errors, then two jobs, then reordering.
  const work = page.getByRole('region', { name: 'Work history' });
  const newJob = work.getByRole('form', { name: 'New job' });
  await newJob.getByRole('button', { name: 'Add job' }).click();
  await expect(newJob.getByText('Enter your job title.')).toBeVisible();
  await expect(newJob.getByText('Enter your company.')).toBeVisible();
  await newJob.getByLabel('Job title').fill('Data Analyst');
  await newJob.getByLabel('Company').fill('Lagos Retail Group');
  await newJob.getByLabel('Kind of work').selectOption({ label: 'Full time' });
  await newJob.getByLabel('Started').fill('2016-02');
  await newJob.getByLabel('Ended').fill('2019-12');
  await newJob.getByRole('button', { name: 'Add job' }).click();
  await expect(page.getByRole('status')).toContainText('Saved to your profile.');
  await expect(work.getByText('Data Analyst at Lagos Retail Group', { exact: true })).toBeVisible();

  await work.getByText('Add a job').click();
  const secondJob = work.getByRole('form', { name: 'New job' });
  await secondJob.getByLabel('Job title').fill('Senior Data Analyst');
  await secondJob.getByLabel('Company').fill('Paystack');
  await secondJob.getByLabel('Kind of work').selectOption({ label: 'Full time' });
  await secondJob.getByLabel('Started').fill('2020-01');
  await secondJob.getByLabel('I work here now').check();
  await secondJob.getByLabel('Key achievements').fill('Built the fraud dashboard\nCut reporting time by half');
  await secondJob.getByRole('button', { name: 'Add job' }).click();
  await expect(work.getByText('Senior Data Analyst at Paystack', { exact: true })).toBeVisible();

  await work.getByRole('button', { name: 'Move Senior Data Analyst at Paystack up' }).click();
  await expect(page.getByRole('status')).toContainText('The new order is saved.');
  await expect(work.getByRole('listitem').first()).toContainText('Senior Data Analyst at Paystack');

  // Education.
  const education = page.getByRole('region', { name: 'Education' });
  const newEducation = education.getByRole('form', { name: 'New education' });
  await newEducation.getByLabel('School or university').fill('University of Lagos');
  await newEducation.getByLabel('Qualification').selectOption({ label: "Bachelor's degree" });
  await newEducation.getByLabel('Field of study').fill('Statistics');
  await newEducation.getByLabel('Start year').fill('2011');
  await newEducation.getByLabel('End year').fill('2015');
  await newEducation.getByRole('button', { name: 'Add education' }).click();
  await expect(education.getByText("Bachelor's degree in Statistics", { exact: true })).toBeVisible();

  // Skills come from the taxonomy as the name is typed.
  const skills = page.getByRole('region', { name: 'Skills' });
  const newSkill = skills.getByRole('form', { name: 'New skill' });
  await newSkill.getByRole('combobox', { name: 'Skill' }).pressSequentially('Pyth');
  await expect(newSkill.locator('datalist option[value="Python"]')).toHaveCount(1);
  await newSkill.getByRole('combobox', { name: 'Skill' }).fill('Python');
  await newSkill.getByLabel('Level').selectOption({ label: 'Expert' });
  await newSkill.getByLabel('One of my main skills').check();
  await newSkill.getByRole('button', { name: 'Add skill' }).click();
  await expect(skills.getByRole('button', { name: 'Delete Python' })).toBeVisible();

  // A reference: contact details are private to the candidate.
  const references = page.getByRole('region', { name: 'References' });
  const newReference = references.getByRole('form', { name: 'New reference' });
  await newReference.getByLabel('Name').fill('Tunde Bakare');
  await newReference.getByLabel('How you know them').selectOption({ label: 'Manager' });
  await newReference.getByLabel('Email').fill('tunde.bakare@example.com');
  await newReference.getByLabel('Employers may contact this reference').check();
  await newReference.getByRole('button', { name: 'Add reference' }).click();
  await expect(references.getByRole('button', { name: 'Delete Tunde Bakare' })).toBeVisible();

  // A photo: a file that is not an image is refused with a message.
  const photos = page.getByRole('region', { name: 'Photos' });
  await photos.getByLabel('Add a photo').setInputFiles({
    name: 'holiday.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('MZ this is a program, not a picture'),
  });
  await photos.getByRole('button', { name: 'Upload photo' }).click();
  await expect(photos.getByRole('alert')).toHaveText('Choose a JPEG, PNG or WebP image.');
  await expect(photos.getByRole('img')).toHaveCount(0);

  await photos.getByLabel('Add a photo').setInputFiles({
    name: 'me.png',
    mimeType: 'image/png',
    buffer: await page.screenshot(),
  });
  await photos.getByRole('button', { name: 'Upload photo' }).click();
  await expect(page.getByRole('status')).toContainText('Your photo is uploaded.');
  await expect(photos.getByRole('img', { name: 'Thumbnail of your main photo' })).toBeVisible();

  // A résumé, and a skill taken from it.
  const resumes = page.getByRole('region', { name: 'Résumés' });
  await uploadResume(page, 'ngozi-eze.pdf');
  await expect(resumes.getByRole('link', { name: 'ngozi-eze.pdf' })).toBeVisible();
  await expect(resumes.getByText('Found in your résumé')).toBeVisible();
  await resumes.getByRole('button', { name: 'Add SQL' }).click();
  await expect(skills.getByRole('button', { name: 'Delete SQL' })).toBeVisible();

  await expect.poll(() => score(page)).toBeGreaterThan(startScore + 50);
  await expect(page.getByRole('progressbar', { name: 'Profile completeness' })).toBeVisible();
  await expectNoA11yViolations(page);

  // Deleting an entry.
  await work.getByRole('button', { name: 'Delete Data Analyst at Lagos Retail Group' }).click();
  await page.getByRole('dialog', { name: 'Delete Data Analyst at Lagos Retail Group?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status')).toContainText('Removed from your profile.');
  await expect(work.getByText('Data Analyst at Lagos Retail Group', { exact: true })).toHaveCount(0);

  // Everything survives a reload.
  await page.reload();
  await expect(work.getByText('Senior Data Analyst at Paystack', { exact: true })).toBeVisible();
  await expect(skills.getByRole('button', { name: 'Delete SQL' })).toBeVisible();
  await expect(photos.getByRole('img', { name: 'Thumbnail of your main photo' })).toBeVisible();
});
