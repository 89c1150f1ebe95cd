// Browser test: starts the real harmoni with demo data, drives Debian's Chromium
// (playwright-core, no downloaded browser), logs in as each role and checks every
// page it can reach with axe-core: no serious or critical violations. Also checks
// that login and navigation work with JavaScript off, on a 320-pixel-wide screen.
//
// Usage: HARMONI_BINARY=build/harmoni node tests/browser/a11y.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const binary = process.env.HARMONI_BINARY || 'build/harmoni';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const password = 'harmoni-demo-2026';

let passed = 0;
let failed = 0;
function check(ok, name, detail = '') {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `\n  ${detail}` : ''}`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'harmoni-browser-'));
const db = `sqlite:${join(dir, 'demo.db')}`;
const key = join(dir, 'harmoni.key');
const demo = spawnSync(binary, ['demo', '--db', db, '--password-cost', 'test', '--secret-key-file', key], { encoding: 'utf8' });
if (demo.status !== 0) {
  console.error(demo.stderr);
  process.exit(1);
}
const server = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--password-cost', 'test', '--no-access-log', '--secret-key-file', key]);
const port = await new Promise((resolve, reject) => {
  let err = '';
  const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60000);
  server.stderr.on('data', (chunk) => {
    err += chunk;
    const m = err.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    if (m) {
      clearTimeout(timer);
      resolve(Number(m[1]));
    }
  });
});
const base = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

async function audit(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(bad.length === 0, `axe ${label}`,
        bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`).join('\n  '));
}

// With SCREENSHOTS=dir, pages of the complaint flow are saved there for a person to look at.
async function shot(page, name) {
  if (!process.env.SCREENSHOTS) return;
  await page.screenshot({ path: join(process.env.SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function login(page, email) {
  await page.goto(`${base}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

try {
  // Every role, every page its navigation offers, in both languages.
  const roles = ['admin@harmoni.demo', 'admin.sambas@harmoni.demo', 'kepala.dukcapil@harmoni.demo',
                 'petugas.mpp@harmoni.demo', 'sdm.bkpsdm@harmoni.demo', 'penanganan.kasus@harmoni.demo',
                 'auditor@harmoni.demo'];
  for (const email of roles) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', bypassCSP: true });
    const page = await context.newPage();
    await login(page, email);
    check(page.url() === `${base}/`, `login ${email}`, page.url());
    await audit(page, `${email} /`);
    const links = await page.$$eval('nav.main-nav a', (as) => as.map((a) => a.getAttribute('href')));
    const extra = email === 'admin.sambas@harmoni.demo'
      ? ['/instansi/KAB-SAMBAS/positions', '/instansi/KAB-SAMBAS/import', '/instansi/KAB-SAMBAS/asn/new',
         '/users/new', '/instansi/KAB-SAMBAS/units/DUKCAPIL', '/instansi/KAB-SAMBAS/asn?q=siti']
      : [];
    for (const href of [...links, ...extra]) {
      const response = await page.goto(base + href);
      check(response.status() === 200, `${email} ${href} status`, String(response.status()));
      await audit(page, `${email} ${href}`);
    }
    if (email === 'admin.sambas@harmoni.demo') {
      // A form with errors, then the same page in English with large text.
      await page.goto(`${base}/instansi/KAB-SAMBAS/asn/new`);
      await page.fill('#f-nip', '12345');
      await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
      const summary = await page.$('.error-summary');
      check(summary && (await summary.textContent()).includes('NIP'), 'form errors are shown',
            summary ? await summary.textContent() : (await page.content()).slice(0, 800));
      await audit(page, 'ASN form with errors');
      await page.goto(`${base}/prefs?lang=en&back=/instansi/KAB-SAMBAS`);
      await page.goto(`${base}/prefs?text=large&back=/instansi/KAB-SAMBAS`);
      check((await page.getAttribute('html', 'lang')) === 'en', 'English chosen');
      check((await page.getAttribute('body', 'class')).includes('large-text'), 'large text chosen');
      await audit(page, 'instansi page in English, large text');
      // Keyboard: the first Tab reaches the skip link.
      await page.keyboard.press('Tab');
      check(await page.evaluate(() => document.activeElement.classList.contains('skip-link')), 'skip link first in tab order');
    }
    await context.close();
  }

  // A cheap phone: 320 pixels wide.
  const phone = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
  const page = await phone.newPage();
  await page.goto(`${base}/login`);
  await audit(page, 'login at 320px');
  await login(page, 'admin.sambas@harmoni.demo');
  for (const href of ['/', '/instansi/KAB-SAMBAS', '/instansi/KAB-SAMBAS/asn', '/instansi/KAB-SAMBAS/import']) {
    await page.goto(base + href);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    check(!overflow, `${href} fits 320px without horizontal page scrolling`);
    await audit(page, `${href} at 320px`);
  }
  await phone.close();
  // And with JavaScript switched off.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await login(plain, 'admin.sambas@harmoni.demo');
  check(plain.url() === `${base}/`, 'login works without JavaScript');
  await plain.goto(`${base}/instansi/KAB-SAMBAS/asn?q=siti`);
  check((await plain.$$('table tbody tr')).length > 0, 'search works without JavaScript');
  await plain.click('text=Keluar');
  check(plain.url().startsWith(`${base}/login`), 'logout works without JavaScript');
  await noScript.close();
  // The citizen's visit on a cheap phone with JavaScript off: kiosk, ticket, survey.
  const staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const head = await staff.newPage();
  await login(head, 'kepala.dukcapil@harmoni.demo');
  await head.goto(`${base}/desk`);
  const desk = new URL(head.url()).pathname;
  check(/^\/desk\/\d+$/.test(desk), 'unit head lands on their desk', head.url());
  await audit(head, 'desk page');
  await Promise.all([head.waitForNavigation(), head.click('form[action$="/kiosk"] button')]);
  await audit(head, 'kiosk link page');
  const kioskLink = await head.$eval('main a[href*="/kiosk/"]', (a) => a.getAttribute('href'));
  const citizenContext = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
  const citizen = await citizenContext.newPage();
  const noScriptContext = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
  const noScriptCitizen = await noScriptContext.newPage();
  const fits = async (label) => {
    const overflow = await citizen.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    check(!overflow, `${label} fits 320px`);
  };
  const takeTicket = async (p, klass, service) => {
    await p.goto(kioskLink);
    await p.check(`input[name=ticket_class][value=${klass}]`);
    await Promise.all([p.waitForNavigation(), p.click(`button[value=${service}]`)]);
    return { label: (await p.textContent('.ticket-number')).trim(),
             survey: await p.$eval('a[href*="/s/"]', (a) => a.getAttribute('href')) };
  };
  await citizen.goto(kioskLink);
  await audit(citizen, 'kiosk at 320px');
  await fits('kiosk');
  const mine = await takeTicket(citizen, 'elderly', 'KK');
  await audit(citizen, 'ticket at 320px');
  await fits('ticket');
  const plainTicket = await takeTicket(noScriptCitizen, 'regular', 'KTP-EL');
  check(/^A-\d{3}$/.test(plainTicket.label), 'a ticket without JavaScript', plainTicket.label);
  // Both served at the counter.
  await head.goto(`${base}${desk}/counters/LOKET-1`);
  await audit(head, 'counter console');
  const waitingFor = new Set([mine.label, plainTicket.label]);
  for (let i = 0; i < 40 && waitingFor.size > 0; i += 1) {
    if (await head.$('form[action$="/call"] button')) {
      await Promise.all([head.waitForNavigation(), head.click('form[action$="/call"] button')]);
    }
    const current = await head.$('.ticket-label');
    if (!current) break;
    waitingFor.delete((await current.textContent()).trim());
    await Promise.all([head.waitForNavigation(), head.click('button[value=finish]')]);
  }
  check(waitingFor.size === 0, 'both tickets called at the counter', [...waitingFor].join(', '));
  await head.goto(`${base}${desk}/results`);
  await audit(head, 'unit results');
  await head.goto(`${base}${desk}/entry`);
  await audit(head, 'paper form entry');
  await head.goto(`${base}${desk}/services/new`);
  await audit(head, 'new service form');
  await head.goto(`${base}${desk}/services/KTP-EL`);
  await audit(head, 'service form');
  await citizen.goto(`${kioskLink}/survey`);
  await audit(citizen, 'survey kiosk at 320px');
  await fits('survey kiosk');
  await citizen.goto(`${base}${desk.replace('/desk/', '/u/')}/survey`);
  await audit(citizen, 'survey link at 320px');
  await citizen.goto(mine.survey);
  await audit(citizen, 'survey form at 320px');
  await fits('survey form');
  await Promise.all([citizen.waitForNavigation(), citizen.click('button.primary')]);
  check(await citizen.$('.error-summary'), 'an empty survey says what is missing');
  await audit(citizen, 'survey form with errors');
  for (let u = 1; u <= 9; u += 1) await citizen.check(`#U${u}-${u === 7 ? 4 : 3}`);
  await Promise.all([citizen.waitForNavigation(), citizen.click('button.primary')]);
  await audit(citizen, 'survey thanks');
  await noScriptCitizen.goto(plainTicket.survey);
  for (let u = 1; u <= 9; u += 1) await noScriptCitizen.check(`#U${u}-3`);
  await Promise.all([noScriptCitizen.waitForNavigation(), noScriptCitizen.click('button.primary')]);
  check(/Terima kasih|Thank you/.test(await noScriptCitizen.textContent('h1')), 'survey sent without JavaScript',
        await noScriptCitizen.textContent('main'));
  const unitPage = desk.replace('/desk/', '/u/');
  for (const href of [unitPage, `${unitPage}/board`]) {
    await citizen.goto(base + href);
    await audit(citizen, `${href} at 320px`);
    await fits(href);
  }
  await citizen.goto(`${base}/prefs?lang=en&back=${encodeURIComponent(new URL(mine.survey).pathname)}`);
  await citizen.goto(`${base}/prefs?text=large&back=${encodeURIComponent(unitPage)}`);
  await audit(citizen, 'unit page, English, large text');
  await fits('unit page, large text');
  await noScriptContext.close();
  await citizenContext.close();
  await staff.close();

  // 360-degree reviews. HR: the campaign pages, a campaign form with errors, the heat map.
  const hrContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const hr = await hrContext.newPage();
  await login(hr, 'sdm.bkpsdm@harmoni.demo');
  for (const href of ['/competency/new', '/competency/items', '/competency/1', '/competency/1/heatmap', '/competency/2']) {
    const response = await hr.goto(base + href);
    check(response.status() === 200, `HR ${href} status`, String(response.status()));
    await audit(hr, `HR ${href}`);
    if (href.endsWith('/heatmap')) check((await hr.$$('table.heatmap tbody tr')).length > 0, 'the heat map has rows');
  }
  await hr.goto(`${base}/competency/new`);
  await hr.fill('#f-name', '');
  await hr.fill('#f-deadline', '2020-01-01');
  await Promise.all([hr.waitForNavigation(), hr.click('form.wide-form button.primary')]);
  const campaignErrors = await hr.$('.error-summary');
  check(campaignErrors, 'a campaign form with errors says what is wrong');
  await audit(hr, 'campaign form with errors');
  await hrContext.close();

  // An officer on a phone: the inbox, a form sent empty (errors), then answered; their
  // result and development plan.
  const officerContext = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
  const officer = await officerContext.newPage();
  await login(officer, 'petugas.mpp@harmoni.demo');
  await officer.goto(`${base}/360`);
  await audit(officer, '360 inbox at 320px');
  const formLink = await officer.$eval('a[href^="/360/forms/"]', (a) => a.getAttribute('href'));
  await officer.goto(base + formLink);
  await audit(officer, '360 form at 320px');
  const formFits = await officer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  check(formFits, '360 form fits 320px');
  await Promise.all([officer.waitForNavigation(), officer.click('button[value=send]')]);
  check(await officer.$('.error-summary'), 'an unanswered 360 form says what is missing');
  await audit(officer, '360 form with errors');
  const names = await officer.$$eval('input[type=radio][value="3"]', (inputs) => inputs.map((i) => i.id));
  for (const id of names) await officer.check(`[id="${id}"]`);
  await Promise.all([officer.waitForNavigation(), officer.click('button[value=send]')]);
  check(new URL(officer.url()).pathname === '/360', 'a sent form returns to the inbox', officer.url());
  const resultLink = await officer.$('a[href*="/results/"]');
  check(resultLink, 'the officer sees a link to their own result');
  if (resultLink) {
    await Promise.all([officer.waitForNavigation(), resultLink.click()]);
    await audit(officer, 'own 360 result at 320px');
    await officer.click('a[href^="/plans/"]');
    await officer.waitForLoadState();
    await audit(officer, 'own development plan at 320px');
    await officer.selectOption('#f-learning_kind', 'social_care');
    await officer.fill('#f-title', 'Ikut kegiatan ASN Peduli di panti jompo');
    await officer.fill('#f-target_date', '2030-06-30');
    await Promise.all([officer.waitForNavigation(), officer.click('section.panel button.primary')]);
    check((await officer.textContent('main')).includes('ASN Peduli'), 'an action added to the plan');
  }
  await officerContext.close();

  // Learning and Peduli. HR: the programme pages, a class, compliance, import, settings,
  // the Peduli evaluation (its chart), a programme form with errors.
  const learningContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const learningHr = await learningContext.newPage();
  await login(learningHr, 'sdm.bkpsdm@harmoni.demo');
  for (const href of ['/learning/programmes/PB-101', '/learning/programmes/new', '/learning/classes/1',
                      '/learning/classes/2', '/learning/compliance/people', '/learning/import', '/learning/settings',
                      '/peduli/new', '/peduli/1', '/peduli/evaluation']) {
    const response = await learningHr.goto(base + href);
    check(response.status() === 200, `HR ${href} status`, String(response.status()));
    await audit(learningHr, `HR ${href}`);
  }
  check(await learningHr.$('svg.chart rect'), 'the Peduli evaluation draws its chart');
  await learningHr.goto(`${base}/learning/programmes/new`);
  await learningHr.fill('#f-code', 'UJI-1');
  await learningHr.fill('#f-jp', 'dua');
  await Promise.all([learningHr.waitForNavigation(), learningHr.click('form.stack button.primary')]);
  const programmeErrors = await learningHr.$('.error-summary');
  check(programmeErrors && (await programmeErrors.textContent()).includes('JP'), 'a programme form with errors says what is wrong');
  await audit(learningHr, 'programme form with errors');
  await learningContext.close();

  // The Dukcapil head on a phone: approvals, shared reflections, confirming next week's activity.
  const headContext = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
  const learningHead = await headContext.newPage();
  await login(learningHead, 'kepala.dukcapil@harmoni.demo');
  for (const href of ['/learning/approvals', '/peduli/reflections', '/peduli/6', '/learning/compliance']) {
    await learningHead.goto(base + href);
    const overflow = await learningHead.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    check(!overflow, `${href} fits 320px`, await learningHead.evaluate(() => [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
      .slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).join(', ')));
    await audit(learningHead, `head ${href} at 320px`);
  }
  await learningHead.goto(`${base}/learning/approvals`);
  const requestsBefore = (await learningHead.$$('form[action^="/learning/enrolments/"]')).length;
  check(requestsBefore > 0, 'requests wait for the head');
  await Promise.all([learningHead.waitForNavigation(),
                     learningHead.click('form[action^="/learning/enrolments/"] button[value=yes]')]);
  check((await learningHead.$$('form[action^="/learning/enrolments/"]')).length === requestsBefore - 1, 'a request approved');
  await headContext.close();

  // The officer on a phone: their JP and certificate, a claim sent without evidence
  // (errors), Peduli sign-up and a reflection; the certificate's public check.
  const learnerContext = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
  const learner = await learnerContext.newPage();
  await login(learner, 'petugas.mpp@harmoni.demo');
  await learner.goto(`${base}/learning`);
  await audit(learner, 'own learning at 320px');
  check(!(await learner.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)), '/learning fits 320px');
  const certificate = await learner.$eval('a[href^="/v/"]', (a) => a.getAttribute('href'));
  await learner.fill('#f-title', 'Kursus BISINDO lanjutan');
  await learner.fill('#f-minutes', '120');
  await Promise.all([learner.waitForNavigation(), learner.click('form[enctype] button.primary')]);
  check(await learner.$('.error-summary'), 'a claim without a date or evidence says what is missing');
  await audit(learner, 'claim form with errors');
  await learner.goto(`${base}/peduli/6`);
  await audit(learner, 'Peduli activity at 320px');
  await Promise.all([learner.waitForNavigation(), learner.click('form[action$="/signup"] button')]);
  check((await learner.textContent('main')).includes('Anda terdaftar'), 'signed up for a Peduli activity');
  await learner.goto(`${base}/peduli`);
  const reflect = await learner.$('a[href$="/reflection"]');
  check(reflect, 'the officer may reflect on an activity they attended');
  if (reflect) {
    await Promise.all([learner.waitForNavigation(), reflect.click()]);
    await audit(learner, 'reflection form at 320px');
    await learner.fill('#f-change', 'Menyapa warga lansia lebih dulu dan menawarkan kursi.');
    await Promise.all([learner.waitForNavigation(), learner.click('form.stack button.primary')]);
    check(new URL(learner.url()).pathname === '/peduli', 'a saved reflection returns to Peduli', learner.url());
  }
  await learnerContext.close();
  const publicContext = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false, locale: 'id-ID' });
  const verifier = await publicContext.newPage();
  const verified = await verifier.goto(base + certificate);
  check(verified.status() === 200 && (await verifier.textContent('main')).includes('sah'), 'the certificate checks out publicly',
        `${certificate} ${verified.status()} ${(await verifier.textContent('body')).slice(0, 300)}`);
  await publicContext.close();

  // A complaint: a citizen on a cheap phone without JavaScript reports to the Dukcapil unit
  // (narrowing instansi, then unit), keeps the code, follows the report; the handler
  // verifies it and answers a question the citizen then sees.
  const reporterContext = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false, locale: 'id-ID' });
  const reporter = await reporterContext.newPage();
  // axe needs JavaScript: what the script-less phone shows is checked as a copy in a page
  // that runs it, at the same origin and width.
  const axeContext = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true, locale: 'id-ID' });
  const axePage = await axeContext.newPage();
  await axePage.goto(`${base}/lapor`);
  const auditCopy = async (from, label) => {
    await axePage.setContent(await from.content());
    await audit(axePage, label);
  };
  await reporter.goto(`${base}/lapor`);
  await auditCopy(reporter, 'complaint form: choose the instansi');
  await reporter.selectOption('#f-instansi', 'KAB-SAMBAS');
  await Promise.all([reporter.waitForNavigation(), reporter.click('form[method=get] button')]);
  const dukcapil = await reporter.$eval('#f-unit-pick', (s) => [...s.options].find((o) => o.text.includes('Dukcapil'))?.value);
  await reporter.selectOption('#f-unit-pick', dukcapil);
  await Promise.all([reporter.waitForNavigation(), reporter.click('form[method=get] button')]);
  await shot(reporter, 'lapor');
  await auditCopy(reporter, 'complaint form at 320px without JavaScript');
  // Missing what is required: the form again, each field's problem beside it.
  await Promise.all([reporter.waitForNavigation(), reporter.click('button.big-button')]);
  const problems = await reporter.textContent('.error-summary');
  check(problems.includes('Uraian') || problems.includes('Keterangan'), 'a bad report names the field', problems);
  await shot(reporter, 'lapor_errors');
  await auditCopy(reporter, 'complaint form with errors');
  await reporter.fill('#f-happened_on', new Date().toISOString().slice(0, 10));
  await reporter.fill('#f-description', 'Antrean KTP sangat lama dan petugas loket tidak ramah kepada ibu saya yang lansia.');
  await reporter.fill('#f-name', 'Siti Aminah');
  await reporter.fill('#f-contact', 'siti.aminah@contoh.id');
  await Promise.all([reporter.waitForNavigation(), reporter.click('button.big-button')]);
  const code = (await reporter.textContent('.tracking-code') || '').trim();
  check(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$/.test(code), 'the receipt shows a tracking code', code);
  await shot(reporter, 'lapor_receipt');
  await auditCopy(reporter, 'complaint receipt');
  const number = (await reporter.textContent('dl.facts dd:nth-of-type(2)')).trim();
  const handlerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', bypassCSP: true });
  const handler = await handlerContext.newPage();
  await login(handler, 'penanganan.kasus@harmoni.demo');
  await handler.goto(`${base}/complaints?list=verify`);
  await shot(handler, 'complaints');
  check((await handler.textContent('main')).includes(`#${number}`), 'the new report waits for verification', number);
  await handler.goto(`${base}/complaints/${number}`);
  await shot(handler, 'complaint');
  await audit(handler, 'a report for its handler');
  await handler.fill('#f-question', 'Pada jam berapa Anda dilayani di loket?');
  await Promise.all([handler.waitForNavigation(), handler.click('form[action$="/ask"] button')]);
  await reporter.goto(`${base}/lapor/lacak`);
  await reporter.fill('#f-code', code.toLowerCase());
  await Promise.all([reporter.waitForNavigation(), reporter.click('button.primary')]);
  check((await reporter.textContent('main')).includes('Pada jam berapa'), 'the reporter sees the question', (await reporter.textContent('main')).slice(0, 300));
  await shot(reporter, 'lapor_track');
  await auditCopy(reporter, 'the follow-up page at 320px without JavaScript');
  await reporter.fill('#f-text', 'Sekitar pukul sepuluh pagi di loket dua.');
  await Promise.all([reporter.waitForNavigation(), reporter.click('form[action*="/lacak/balas"] button')]);
  check((await reporter.textContent('main')).includes('sudah kami terima'), 'the reply is taken');
  // The reply reaches the handler's inbox; the header counts it; the item leads to the report.
  await handler.goto(`${base}/inbox`);
  check(Number(((await handler.textContent('.inbox-link .badge')) || '0').replace(/\D/g, '')) > 0, 'the header counts unread notices');
  check((await handler.textContent('ul.inbox li:first-child')).includes(`#${number}`), 'the newest notice is the reply',
        await handler.textContent('ul.inbox li:first-child'));
  await shot(handler, 'inbox');
  await audit(handler, 'the inbox');
  await Promise.all([handler.waitForNavigation(), handler.click('ul.inbox button')]);
  check(new URL(handler.url()).pathname === `/complaints/${number}`, 'a notice leads to its report', handler.url());
  await reporter.goto(`${base}/lapor/statistik?instansi=KAB-SAMBAS`);
  await shot(reporter, 'lapor_stats');
  await auditCopy(reporter, 'public complaint statistics');
  // The instansi's administrator keeps the rules: a bad value is named by its label.
  const adminContext = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'id-ID', bypassCSP: true });
  const admin = await adminContext.newPage();
  await login(admin, 'admin.sambas@harmoni.demo');
  await admin.goto(`${base}/complaints/settings`);
  await shot(admin, 'complaint_settings');
  await audit(admin, 'complaint settings');
  await admin.fill('#f-verify_days', '0');
  await Promise.all([admin.waitForNavigation(), admin.click('button.primary')]);
  check((await admin.textContent('.error-summary')).includes('Verifikasi laporan baru'), 'a bad rule names its field',
        await admin.textContent('main'));
  await adminContext.close();
  await handlerContext.close();
  await reporterContext.close();

  // Harmony on a phone: the handler's overview, a case with its steps, a case form sent
  // with errors; the knowledge base searched by another word form; an officer studies an
  // article without JavaScript.
  const fitsPhone = async (page, label) => check(!(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)), `${label} fits 320px`);
  const caseContext = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'id-ID', bypassCSP: true });
  const caseHandler = await caseContext.newPage();
  await login(caseHandler, 'penanganan.kasus@harmoni.demo');
  await caseHandler.goto(`${base}/harmony`);
  await shot(caseHandler, 'harmony');
  await audit(caseHandler, 'harmony overview at 320px');
  await fitsPhone(caseHandler, '/harmony');
  const caseHref = await caseHandler.getAttribute('main ul li a[href^="/harmony/cases/"]', 'href');
  await caseHandler.goto(base + caseHref);
  await shot(caseHandler, 'harmony_case');
  await audit(caseHandler, 'a case at 320px');
  await fitsPhone(caseHandler, caseHref);
  await caseHandler.goto(`${base}/harmony/cases/new`);
  await Promise.all([caseHandler.waitForNavigation(), caseHandler.click('button.primary')]);
  check((await caseHandler.textContent('.error-summary')).includes('Ringkasan'), 'a case form names its fields', await caseHandler.textContent('main'));
  await audit(caseHandler, 'new case with errors');
  await caseHandler.goto(`${base}/kb?q=dirundung`);
  check((await caseHandler.textContent('ol.results')).includes('Perundungan'), 'a search meets another word form');
  check((await caseHandler.$$('ol.results mark')).length > 0, 'the words met are highlighted');
  await shot(caseHandler, 'kb_search');
  await audit(caseHandler, 'knowledge-base search at 320px');
  await fitsPhone(caseHandler, '/kb?q=dirundung');
  await caseHandler.goto(`${base}/kb/new`);
  await audit(caseHandler, 'article form');
  await caseContext.close();
  const studyContext = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false, locale: 'id-ID' });
  const studier = await studyContext.newPage();
  await login(studier, 'petugas.mpp@harmoni.demo');
  await studier.goto(`${base}/kb?q=netralitas`);
  const articleHref = await studier.getAttribute('ol.results a', 'href');
  await studier.goto(base + articleHref);
  await shot(studier, 'kb_article');
  await auditCopy(studier, 'an article with its study form at 320px');
  await fitsPhone(studier, articleHref);
  for (const area of await studier.$$('textarea[name^="answer:"]'))
    await area.fill('Saya menjaga netralitas dengan tidak mengunggah dukungan kepada calon.');
  await Promise.all([studier.waitForNavigation(), studier.click('form[action$="/study"] button')]);
  check((await studier.textContent('main')).includes('sudah mempelajari'), 'the study is recorded', (await studier.textContent('main')).slice(0, 300));
  await studyContext.close();
  await axeContext.close();
} catch (e) {
  check(false, 'browser run', e.stack);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
