import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expectNoA11yViolations, register } from '../fixtures';

// A job seeker records a short video introduction and uploads it; once the
// server has prepared it, visitors of the public profile can play it.

/** A real three-second WebM video, made by ffmpeg (installed by the setup). */
function sampleVideo(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'hirewell-video-'));
  const path = join(dir, 'hello.webm');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=3:size=640x360:rate=15',
    '-c:v', 'libvpx', '-b:v', '300k', path]);
  const bytes = readFileSync(path);
  rmSync(dir, { recursive: true });
  return bytes;
}

test('a job seeker uploads a video introduction that visitors can watch', async ({ page, browser }) => {
  await register(page, `video.${Date.now()}@example.com`, 'video intro good 1 password');
  await expect(page.getByRole('status')).toContainText('Welcome!');
  await page.goto('/profile');
  const about = page.getByRole('region', { name: 'About you' });
  await about.getByLabel('First name').fill('Zainab');
  await about.getByLabel('Last name').fill('Musa');
  await about.getByRole('button', { name: 'Save about you' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');

  // A file that is not a video is refused with a message.
  const video = page.getByRole('region', { name: 'Video introduction' });
  await video.getByLabel('Add a video introduction').setInputFiles({
    name: 'intro.mp4',
    mimeType: 'video/mp4',
    buffer: Buffer.from('MZ this is a program, not a video'),
  });
  await video.getByRole('button', { name: 'Upload video' }).click();
  await expect(video.getByRole('alert')).toHaveText('Choose an MP4 or WebM video.');

  await video.getByLabel('Add a video introduction').setInputFiles({
    name: 'hello.webm',
    mimeType: 'video/webm',
    buffer: sampleVideo(),
  });
  await video.getByRole('button', { name: 'Upload video' }).click();
  await expect(page.getByRole('status')).toContainText('Your video is uploaded.');
  // The page looks again until the server has read the video.
  await expect(video.getByTestId('video-status')).toContainText('0:03');
  await expect(video.getByTestId('video-status')).toContainText('watched 0 times');
  const player = video.getByLabel('Your video introduction', { exact: true });
  await expect(player).toHaveAttribute('poster', /\/thumbnail$/);
  await expect(video.getByLabel('Replace your video')).toBeVisible();
  await expectNoA11yViolations(page);

  // Opened to everyone (new profiles are for companies only), a visitor
  // sees it on the public profile and plays it.
  const profileAddress = await page.getByRole('link', { name: 'See your profile as others do' }).getAttribute('href');
  await page.goto('/settings');
  const privacy = page.getByRole('region', { name: 'Privacy' });
  await privacy.getByLabel('Public').check();
  await privacy.getByRole('button', { name: 'Save privacy settings' }).click();
  await expect(page.getByRole('status')).toContainText('Your settings are saved.');
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(profileAddress!);
  const publicPlayer = visitor.getByLabel('Video introduction of Zainab Musa');
  await expect(publicPlayer).toBeVisible();
  await expect(visitor.getByText('Length 0:03')).toBeVisible();
  await publicPlayer.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => publicPlayer.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0);
  await visitor.context().close();

  await page.goto('/profile');
  await expect(video.getByTestId('video-status')).toContainText('watched once');

  // Deleting it.
  await video.getByRole('button', { name: 'Delete video hello.webm' }).click();
  await page.getByRole('dialog', { name: 'Delete your video introduction?' }).getByRole('button', { name: 'Delete video' }).click();
  await expect(page.getByRole('status')).toContainText('The file is deleted.');
  await expect(video.getByLabel('Your video introduction', { exact: true })).toHaveCount(0);
});
