// Browser tests of the campaign pages (issue #3): 活动设置, 排名 (table, drawer, charts), 满意度调查
// (codes, paper entry) and the public survey page on a phone-sized screen. See harness.mjs.
// "Today" (MEIHAO_TODAY for the server) is fixed inside the cultivate phase and the survey window of campaign 2023.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { BIN, DEMO, REPO, apiClient, freshPage, launchBrowser, login, shot, startServer } from './harness.mjs'

const YEAR = 2023
const TODAY = '2023-06-15'
let server
let browser
let city
let county

before(async () => {
  server = await startServer({ env: { MEIHAO_TODAY: TODAY } })
  browser = await launchBrowser()
  city = await apiClient(server.base, 'city_admin', DEMO.city_admin)
  county = await apiClient(server.base, 'county_admin', DEMO.county_admin)
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

/** Issues `n` household codes for an estate through the CLI (`--codes-out -` prints them one per line). */
function issueCodes(estate, n) {
  const db = path.join(server.dir, 'meihao.db')
  const args = ['survey', 'issue', '--campaign', String(YEAR), '--estate', estate, '--count', String(n), '--codes-out', '-', '--db', db]
  const r = spawnSync(BIN, args, { cwd: REPO, encoding: 'utf8', timeout: 60_000 })
  assert.equal(r.status, 0, `survey issue failed: ${r.stdout}${r.stderr}`)
  const codes = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean)
  assert.equal(codes.length, n, `expected ${n} codes, got ${codes.join(' ')}`)
  for (const c of codes) assert.match(c, /^[0-9A-Z]{4}(?:-[0-9A-Z]{2,4}){6}$/)
  return codes
}

async function firstEstateOfCounty() {
  const a = (await county.get('/api/estates?page_size=5&sort=code')).json
  assert.ok(a.items.length > 0)
  return a.items[0]
}

describe('活动设置', () => {
  test('city admin changes a setting; a server error is shown at its field', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, 'city_admin', DEMO.city_admin)
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("活动设置")')
    await page.locator('[data-test=phase-table] tr[data-phase=cultivate]').waitFor()
    const list = await city.get('/api/campaigns')
    if (list.status === 200) {
      // The server's today (MEIHAO_TODAY) puts cultivate open: the page marks it.
      await page.locator('[data-test=phase-table] tr[data-phase=cultivate].open').waitFor()
      assert.equal(await page.locator('[data-test=phase-table] tr[data-phase=apply].open').count(), 0)
    }
    assert.match(await page.locator('[data-test=assessment-window]').innerText(), /2022-09-01 至 2023-08-31/)
    await shot(page, 'c01-campaign-settings')

    await page.click('[data-test=campaign-edit]')
    const days = page.locator('input[data-test="input-publicity_days"]')
    await days.fill('45')
    await page.click('[data-test=campaign-save]')
    const err = page.locator('[data-field=publicity_days] [data-test=field-error]')
    await err.waitFor()
    assert.match(await err.innerText(), /公示天数/)
    await shot(page, 'c02-campaign-field-error')

    await days.fill('10')
    await page.click('[data-test=campaign-save]')
    await page.locator('[data-test=campaign-edit]').waitFor()
    assert.match(await page.locator('[data-field=publicity_days]').innerText(), /10 天/)
    const s = (await city.get(`/api/campaigns/${YEAR}`)).json.settings
    assert.equal(s.find((x) => x.key === 'publicity_days').value, '10')
    assert.deepEqual(page.errors, [])
    await page.close()
  })
})

describe('排名', () => {
  test('county admin sees the ranking rows, an estate drawer with its figures, and the charts', async () => {
    const expected = (await county.get(`/api/campaigns/${YEAR}/rankings?format=json`)).json
    assert.ok(expected.rows.length > 0, 'the rankings have rows')
    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("排名")')
    const rows = page.locator('[data-test=rank-table] .el-table__body tr.el-table__row')
    await rows.first().waitFor()
    assert.match(await page.locator('[data-test=rank-total]').innerText(), new RegExp(`共 ${expected.rows.length} 个小区`))
    assert.equal(await rows.count(), Math.min(50, expected.rows.length))
    await shot(page, 'c03-rankings')

    // Text search narrows the rows to the one estate.
    const target = expected.rows[Math.min(3, expected.rows.length - 1)]
    await page.fill('input[data-test=rank-q]', target.estate_code)
    await page.waitForFunction(() => document.querySelectorAll('[data-test=rank-table] .el-table__body tr.el-table__row').length === 1)
    await rows.first().click()
    const drawer = page.locator('.figures-drawer')
    await drawer.locator('[data-test=fig-index]').waitFor()
    const figures = (await county.get(`/api/campaigns/${YEAR}/estates/${target.estate_code}/figures`)).json
    assert.equal((await drawer.locator('[data-test=fig-index]').innerText()).trim(), figures.satisfaction.index ?? '—')
    assert.equal((await drawer.locator('[data-test=fig-rate]').innerText()).trim(), figures.complaints.rate)
    assert.match(await drawer.innerText(), new RegExp(target.estate_name))
    await shot(page, 'c04-rankings-drawer')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })

    await page.fill('input[data-test=rank-q]', '')
    await page.click('.el-tabs__item:has-text("图表")')
    await page.locator('[data-test=chart-satisfaction] canvas').waitFor()
    await page.locator('[data-test=chart-complaints] canvas').waitFor()
    await shot(page, 'c05-rankings-charts')
    assert.deepEqual(page.errors, [])
    await page.close()
  })
})

describe('满意度调查', () => {
  test('a resident answers on a 360-px phone: thank-you, then the code is used', async () => {
    const estate = await firstEstateOfCounty()
    const [code] = issueCodes(estate.code, 1)
    const page = await freshPage(browser)
    await page.setViewportSize({ width: 360, height: 740 })
    const assets = []
    page.on('request', (r) => assets.push(r.url()))
    await page.goto(`${server.base}/survey/${code}`)
    await page.locator('[data-test=survey-estate]').waitFor()
    assert.equal((await page.locator('[data-test=survey-estate]').innerText()).trim(), estate.name)
    // Light page: no Element Plus, nothing wider than the phone.
    assert.ok(!assets.some((u) => /element-plus|echarts/.test(u)), `heavy assets loaded: ${assets.filter((u) => /assets/.test(u)).join(' ')}`)
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scrolling at 360 px')
    await shot(page, 'c06-survey-360')

    // Submitting with questions left out marks the first one.
    await page.locator('[data-question=overall] .sv-opt', { hasText: /^满意$/ }).click()
    await page.click('[data-test=survey-submit]')
    await page.locator('[data-question="dimensions.sanitation"].sv-q-err').waitFor()
    await shot(page, 'c07-survey-missing')

    for (const q of await page.locator('[data-question]').all()) await q.locator('.sv-opt').nth(1).click()
    await page.fill('[data-test=survey-comment]', '希望加强夜间巡逻。')
    assert.equal((await page.locator('[data-test=survey-counter]').innerText()).trim(), '9/500')
    await page.click('[data-test=survey-submit]')
    await page.locator('[data-test=survey-thanks]').waitFor()
    await shot(page, 'c08-survey-thanks')

    // Second time: this household already answered.
    await page.goto(`${server.base}/survey/${code}`)
    await page.locator('[data-test=survey-used]').waitFor()
    await shot(page, 'c09-survey-used')
    const again = await fetch(`${server.base}/api/survey/${code}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ overall: 4, dimensions: { sanitation: 4, greening: 4, facilities: 4, safety: 4, fees_disclosure: 4, responsiveness: 4 }, comment: '' }),
    })
    assert.equal(again.status, 409)

    // Typing a code by hand: an unknown one is refused with a message.
    await page.goto(`${server.base}/survey`)
    await page.fill('[data-test=survey-code-input]', '0000-0000-0000-0000-0000-0000-00')
    await page.click('[data-test=survey-start]')
    await page.locator('[data-test=survey-unknown]').waitFor()
    assert.deepEqual(page.errors, [])
    await page.close()
  })

  test('county admin enters a paper questionnaire and voids a lost code', async () => {
    const estate = await firstEstateOfCounty()
    const [paperCode, lostCode] = issueCodes(estate.code, 2)
    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("满意度调查")')
    await page.locator('[data-test=campaign-year]').waitFor()

    // Pick the estate and see its counts.
    await page.click('[data-test=codes-estate]')
    await page.keyboard.type(estate.name)
    await page.locator('.el-select-dropdown__item:visible', { hasText: estate.code }).first().click()
    const counts = (await county.get(`/api/campaigns/${YEAR}/estates/${estate.code}/codes`)).json
    await page.locator('[data-test=code-counts]', { hasText: String(counts.issued) }).waitFor()

    // Paper entry: missing answers are marked before anything is sent.
    await page.fill('input[data-test=paper-code]', paperCode)
    await page.click('[data-test=paper-submit]')
    await page.locator('.el-form-item__error', { hasText: '请选择总体满意度' }).waitFor()
    await page.locator('[data-test=paper-overall] .el-radio-button', { hasText: /^满意$/ }).click()
    for (const k of ['sanitation', 'greening', 'facilities', 'safety', 'fees_disclosure', 'responsiveness'])
      await page.locator(`[data-test=paper-${k}] .el-radio-button`, { hasText: /^一般$/ }).click()
    await page.click('[data-test=paper-submit]')
    await page.locator('[data-test=paper-ok]', { hasText: estate.name }).waitFor()
    await shot(page, 'c10-paper-entry')

    // The same code again: refused at the code field.
    await page.fill('input[data-test=paper-code]', paperCode)
    await page.locator('[data-test=paper-overall] .el-radio-button', { hasText: /^满意$/ }).click()
    for (const k of ['sanitation', 'greening', 'facilities', 'safety', 'fees_disclosure', 'responsiveness'])
      await page.locator(`[data-test=paper-${k}] .el-radio-button`, { hasText: /^一般$/ }).click()
    await page.click('[data-test=paper-submit]')
    await page.locator('.el-form-item__error', { hasText: '已使用' }).waitFor()

    // Void a lost code; a second void is refused.
    await page.fill('input[data-test=void-code]', lostCode.toLowerCase())
    await page.click('[data-test=void-submit]')
    await page.locator('.el-message--success', { hasText: '已作废' }).waitFor()
    await page.fill('input[data-test=void-code]', lostCode)
    await page.click('[data-test=void-submit]')
    await page.locator('.el-form-item__error', { hasText: '已使用或已作废' }).waitFor()
    await shot(page, 'c11-void-code')
    const after = (await county.get(`/api/campaigns/${YEAR}/estates/${estate.code}/codes`)).json
    assert.equal(after.void, counts.void + 1)
    assert.equal(after.used, counts.used + 1)
    assert.deepEqual(page.errors, [])
    await page.close()
  })
})
