// Browser test of 总结表彰 (issue 11 parts 2–3), on the plain demo at 2023-10-18 (the summary phase): the city
// administrator writes the summary of experience, commends 蓬江区 with a reason (a second 表扬 is not offered),
// issues the commendation letter with the proposed number and downloads it; the PDF names the county and the
// number. Screenshots tests/e2e/screenshots/summary-*.png.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { after, before, test } from 'node:test'
import { DEMO, freshPage, launchBrowser, login, shot, startServer } from './harness.mjs'

let server, browser

before(async () => {
  server = await startServer({ env: { MEIHAO_TODAY: '2023-10-18' } })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

test('the city issues the commendation letter and downloads it', async () => {
  const page = await freshPage(browser)
  await login(page, server.base, 'city_admin', DEMO.city_admin)
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page.goto(`${server.base}/summary`)
  await page.waitForSelector('[data-test=summary-text] textarea')
  await page.fill('[data-test=summary-text] textarea', '全市按期完成选树工作，党建引领成效明显。')
  await page.click('[data-test=summary-save]')
  await page.waitForSelector('text=第 1 稿')

  await page.fill('[data-test=reason-input-440703]', '组织有力，培育任务全部完成。')
  await page.click('[data-test=commend-440703]')
  await page.waitForSelector('[data-test=reason-440703]')
  assert.equal(await page.locator('[data-test=commend-440703]').count(), 0, 'no second 表扬')
  await shot(page, 'summary-01-commended')

  const number = await page.inputValue('[data-test=letter-number]')
  assert.equal(number, '江建房函〔2023〕1号')
  await page.click('[data-test=letter-issue]')
  await page.click('.el-message-box .el-button--primary')
  await page.waitForSelector('[data-test=download-commendation]')
  await shot(page, 'summary-02-issued')

  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=download-commendation]')])
  const file = await dl.path()
  assert.match(dl.suggestedFilename(), /\.pdf$/)
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
  assert.match(text, /江建房函〔2023〕1号/)
  assert.match(text, /一、蓬江区组织有力，培育任务全部完成。/)
  assert.deepEqual(page.errors, [])
  await page.close()
})
