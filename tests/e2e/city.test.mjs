// Browser test of the city administrator's city-level flow (issue #4): the county lists arrive final, the city
// evaluates the county winners again, publishes the city list and finalises it after publicity.
//
// SET-UP through the API, the server restarted on the same database to move "today" (rules.md §2, demo campaign
// 2023; see tests/api/campaign_flow.test.mjs for the full sequence this one shortens):
//   05-10 mobilise  city_target = 2 (the city list's quota; quota_percent left at its default 4%), five applicants
//   09-10 apply     蓬江区 P1, P2, P3 and 新会区 X1, X2 (estates passing every automatic check) apply and submit
//   09-21 county    evaluator3…5 score every unit (equal sheets); both lists are short of the 4% quota, so both are
//                   published with a written explanation
//   09-28           both county lists finalised (publicity 09-21…09-27 over): sent to the city
// IN THE BROWSER:
//   10-08 city_review  名单与公示 → 各县名单概况 (both final, short, explanations); 评审管理 at 市级评价 (the five
//                   county winners; three evaluators assigned in bulk); evaluator scores all five tasks in the
//                   UI, evaluator2 one in the UI (the rest, and evaluator3's, through the API); the 市级 matrix;
//                   名单与公示 at 市级 (ranking, quota 2, publish); a resident's /gongshi at 360 px
//   10-15           city_admin finalises the city list in the UI (publicity 10-08…10-14 over); /gongshi 已定稿
// City sheets (reference rubric, every unit x points, 3.1/3.2 passed: total 9x + 10, campaign_flow's formula):
//   X1 x = 10 → 100, P1 9 → 91, P2 8 → 82, P3 7 → 73, X2 6 → 64; the city list of 2: X1, P1.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DEMO, apiClient, freshPage, launchBrowser, login, rebindClient, shot, startServer } from './harness.mjs'

const YEAR = 2023
const A = `/api/campaigns/${YEAR}`
const PENGJIANG = '440703'
const XINHUI = '440705'
const CITY = '440700'
const PASS = 'City-Initial-2026'
const PASS2 = 'City-Second-2026'
const EVAL_PW = 'demo-eval-2023'
const EXPLAIN_PJ = '本区符合全部原则要求并完成评审的申报小区仅三个，少于名额，现按实际评审结果公示。'
const EXPLAIN_XH = '本区申报小区仅两个，均符合原则要求，少于名额，已如实说明。'
const CITY_X = { X1: 10, P1: 9, P2: 8, P3: 7, X2: 6 }
const total = (x) => `${9 * x + 10}.00`

let server
let browser
const c = {} // username → API client
const est = {} // P1 … X2 → { code, name, app }

async function ok(res, want = [200, 201]) {
  const r = await res
  assert.ok(want.includes(r.status), `${r.status} ${JSON.stringify(r.json)}`)
  return r.json
}

/** Stops the server keeping its data dir and starts it again with another "today"; the API clients follow. */
async function moveTo(today) {
  const dir = server?.dir
  if (server) await server.stop({ keepDir: true })
  server = await startServer({ env: { MEIHAO_TODAY: today }, ...(dir ? { dataDir: dir } : {}) })
  for (const k of Object.keys(c)) c[k] = rebindClient(c[k], server.base)
}

/** The estate codes whose automatic checks all pass, from the gates CSV (data-formats.md). */
async function autoOkEstates() {
  const r = await fetch(`${server.base}${A}/gates?format=csv`, { headers: { Cookie: c.city_admin.cookie } })
  assert.equal(r.status, 200)
  const lines = (await r.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','))
  const head = lines.findIndex((l) => l.includes('estate_code') && l.includes('auto_ok'))
  const code = lines[head].indexOf('estate_code')
  const auto = lines[head].indexOf('auto_ok')
  return new Set(lines.slice(head + 1).filter((l) => l[auto] === '1').map((l) => l[code]))
}

const allPass = () => Object.fromEntries([2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`P${i}`, { pass: true, reason: '' }]))

/** Submits a sheet through the API: every unit of the assignment's rubric at `x`, every principle passed. */
async function sheetByApi(client, assignmentId, x) {
  const view = await ok(client.get(`${A}/assignments/${assignmentId}`))
  const scores = {}
  for (const s of view.rubric.sections) for (const it of s.items) for (const u of it.units) scores[u.id] = String(x)
  await ok(client.call('POST', `${A}/assignments/${assignmentId}/sheet/submit`, { scores, principles: allPass() }))
}

/** The evaluator's tasks at a level not yet submitted, application id → assignment id. */
async function tasksOf(client, level) {
  const q = await ok(client.get(`${A}/queue`))
  return Object.fromEntries(q.items.filter((i) => i.level === level && i.status !== 'done').map((i) => [i.application_id, i.assignment_id]))
}

const keyOfApp = (id) => Object.keys(est).find((k) => est[k].app === id)

before(async () => {
  browser = await launchBrowser()

  // ---- 05-10: the city quota and the applicants ----
  await moveTo('2023-05-10')
  for (const name of ['city_admin', 'county_admin', 'county_admin_xh', 'evaluator', 'evaluator2', 'evaluator3', 'evaluator4', 'evaluator5'])
    c[name] = await apiClient(server.base, name, name.startsWith('evaluator') ? EVAL_PW : DEMO[name] || 'demo-county-2023')
  await ok(c.city_admin.call('PATCH', A, { changes: { city_target: '2' } }))
  const rankings = await ok(c.city_admin.get(`${A}/rankings?format=json`))
  const autoOk = await autoOkEstates()
  const demoApplicant = (await apiClient(server.base, 'applicant', 'demo-apply-2023')).user.scope.code
  const pick = (county, n) =>
    rankings.rows.filter((r) => r.county_code === county && autoOk.has(r.estate_code) && r.estate_code !== demoApplicant).slice(0, n)
  const pj = pick(PENGJIANG, 3)
  const xh = pick(XINHUI, 2)
  assert.deepEqual([pj.length, xh.length], [3, 2], 'enough estates pass every automatic check')
  ;[...pj, ...xh].forEach((r, i) => (est[['P1', 'P2', 'P3', 'X1', 'X2'][i]] = { code: r.estate_code, name: r.estate_name }))
  for (const [k, e] of Object.entries(est)) {
    e.user = `city_${k.toLowerCase()}`
    await ok(c.city_admin.call('POST', '/api/users', { username: e.user, display_name: `${e.name}申报人`, role: 'applicant', scope: e.code, password: PASS }))
    const first = await apiClient(server.base, e.user, PASS)
    await ok(first.call('POST', '/api/session/password', { old_password: PASS, new_password: PASS2 }), [204])
    c[e.user] = await apiClient(server.base, e.user, PASS2)
  }

  // ---- 09-10: applications ----
  await moveTo('2023-09-10')
  for (const e of Object.values(est)) {
    const client = c[e.user]
    const r = await ok(
      client.call('POST', `${A}/applications`, {
        estate_code: e.code,
        applicant_type: 'property_company',
        applicant_name: `${e.name}物业服务中心`,
        contact_name: '陈红',
        contact_phone: '13812345678',
      }),
    )
    const items = {}
    for (const i of r.items) if (!i.gate || i.gate === 'none') items[i.id] = '本小区已落实该项要求，详见台账和照片。'
    await ok(client.call('PUT', `${A}/applications/${r.id}`, { items, version: r.version }))
    await ok(client.call('POST', `${A}/applications/${r.id}/submit`, {}))
    e.app = r.id
  }

  // ---- 09-21: county review, both short lists published with their explanations ----
  await moveTo('2023-09-21')
  for (const [admin, unit, keys, explanation] of [
    ['county_admin', PENGJIANG, ['P1', 'P2', 'P3'], EXPLAIN_PJ],
    ['county_admin_xh', XINHUI, ['X1', 'X2'], EXPLAIN_XH],
  ]) {
    const ids = Object.fromEntries((await ok(c[admin].get(`${A}/evaluators?unit=${unit}`))).items.map((e) => [e.username, e.id]))
    const three = ['evaluator3', 'evaluator4', 'evaluator5']
    await ok(c[admin].call('POST', `${A}/assignments`, { level: 'county', application_ids: keys.map((k) => est[k].app), evaluator_ids: three.map((n) => ids[n]) }))
    for (const n of three) {
      const t = await tasksOf(c[n], 'county')
      for (const k of keys) await sheetByApi(c[n], t[est[k].app], 9)
    }
    const s = await ok(c[admin].get(`${A}/selection?level=county&unit=${unit}`))
    assert.equal(s.list.length, keys.length)
    assert.ok(s.quota.quota > keys.length, 'the list is short of the quota')
    await ok(c[admin].call('POST', `${A}/selection/publish`, { level: 'county', unit, explanation }))
  }

  // ---- 09-28: both final ----
  await moveTo('2023-09-28')
  for (const [admin, unit] of [['county_admin', PENGJIANG], ['county_admin_xh', XINHUI]])
    assert.equal((await ok(c[admin].call('POST', `${A}/selection/finalise`, { level: 'county', unit }))).status, 'final')

  await moveTo('2023-10-08')
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

describe('市级评价与市级名单', () => {
  let page // the city administrator's

  test('10-08 各县名单概况: both county lists final, short, with their explanations', async () => {
    page = await freshPage(browser)
    await login(page, server.base, 'city_admin', DEMO.city_admin)
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("名单与公示")')
    await page.click('.el-tabs__item:has-text("各县名单概况")')
    const rows = page.locator('[data-test=sel-overview] .el-table__body-wrapper .el-table__row')
    await rows.first().waitFor()
    for (const [county, n, explanation] of [['蓬江区', 3, EXPLAIN_PJ], ['新会区', 2, EXPLAIN_XH]]) {
      const text = await rows.filter({ hasText: county }).first().innerText()
      assert.ok(text.includes('已定稿') || text.includes('定稿'), `${county} final: ${text}`)
      assert.ok(text.includes('少于名额') && text.includes(explanation) && text.includes('2023-09-21'), text)
      assert.match(text, new RegExp(`\\b${n}\\b`))
    }
    const summary = await page.innerText('[data-test=sel-ov-summary]')
    assert.match(summary, /已公示 2 个（其中已定稿 2 个）/)
    assert.match(summary, /公示名单少于名额 2 个/)
    await shot(page, 'city-01-overview')
  })

  test('10-08 评审管理 at 市级评价: the county winners; three evaluators assigned in bulk', async () => {
    await page.click('.side-menu .el-menu-item:has-text("评审管理")')
    await page.click('[data-test=evm-level] .el-radio-button:has-text("市级评价")')
    const rows = page.locator('[data-test=evm-table] .el-table__body-wrapper .el-table__row')
    await page.waitForFunction(() => document.querySelectorAll('[data-test=evm-table] .el-table__body-wrapper .el-table__row').length === 5)
    const names = await rows.allInnerTexts()
    for (const e of Object.values(est)) assert.ok(names.some((t) => t.includes(e.name)), `${e.name} is a city candidate`)
    assert.equal((await page.innerText('[data-test=evm-quota]')).trim(), '2')
    assert.ok(names.every((t) => t.includes('尚未分配')))

    // Select all five (the header checkbox) and assign the three demo evaluators.
    await page.locator('[data-test=evm-table] .el-table__header-wrapper .el-checkbox').click()
    await page.click('[data-test=evm-assign]')
    const dialog = page.locator('.el-dialog:has-text("分配评审专家")')
    await dialog.locator('[data-test=evm-evaluators] .el-table__row').first().waitFor()
    for (const name of ['第三方评审专家（演示）', '第三方评审专家二（演示）', '第三方评审专家三（演示）'])
      await dialog.locator('[data-test=evm-evaluators] .el-table__row', { hasText: name }).locator('.el-checkbox').click()
    assert.match(await dialog.innerText(), /将生成 15 项评审任务/)
    await shot(page, 'city-02-assign-dialog')
    await dialog.locator('[data-test=evm-assign-submit]').click()
    await page.waitForSelector('.el-message--success:has-text("已分配 15 项评审任务")')
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-test=evm-table] .el-table__body-wrapper .el-table__row')].every((tr) => tr.textContent.includes('0/3')),
    )
    await shot(page, 'city-03-assigned')
    const m = await ok(c.city_admin.get(`${A}/evaluation?level=city&unit=${CITY}`))
    assert.deepEqual(m.rows.map((r) => r.assigned), [3, 3, 3, 3, 3])
    assert.deepEqual(page.errors, [])
  })

  test('10-08 评审任务: evaluator scores its five 市级 tasks in the UI; evaluator2 one; the rest by API', async () => {
    const ev = await freshPage(browser)
    await login(ev, server.base, 'evaluator', EVAL_PW)
    await ev.waitForURL(`${server.base}/evaluation/tasks`)
    const tasks = ev.locator('[data-test=eval-queue] .el-table__row')
    await tasks.first().waitFor()
    assert.equal(await tasks.count(), 5)
    assert.ok((await tasks.allInnerTexts()).every((t) => t.includes('市级')))
    await shot(ev, 'city-04-evaluator-queue')
    for (let i = 0; i < 5; i++) {
      await ev.goto(`${server.base}/evaluation/tasks`)
      await tasks.first().waitFor()
      const row = tasks.first()
      const text = await row.innerText()
      const key = Object.keys(est).find((k) => text.includes(est[k].name))
      assert.ok(key, text)
      await row.click()
      await scoreInUi(ev, CITY_X[key], i === 0 ? 'city-05-scoring' : null)
    }
    await ev.goto(`${server.base}/evaluation/tasks`)
    await ev.waitForSelector('[data-test=eval-queue] .el-table__empty-text')
    assert.deepEqual(ev.errors, [])
    await ev.close()

    // evaluator2: the first task in the UI, the other four through the API; evaluator3 all through the API.
    const ev2 = await freshPage(browser)
    await login(ev2, server.base, 'evaluator2', EVAL_PW)
    await ev2.waitForURL(`${server.base}/evaluation/tasks`)
    const first = ev2.locator('[data-test=eval-queue] .el-table__row').first()
    await first.waitFor()
    const text = await first.innerText()
    const k2 = Object.keys(est).find((k) => text.includes(est[k].name))
    assert.ok(k2, text)
    await first.click()
    await scoreInUi(ev2, CITY_X[k2], null)
    assert.deepEqual(ev2.errors, [])
    await ev2.close()
    for (const n of ['evaluator2', 'evaluator3']) {
      const t = await tasksOf(c[n], 'city')
      for (const [app, aid] of Object.entries(t)) await sheetByApi(c[n], aid, CITY_X[keyOfApp(Number(app))])
    }
  })

  test('10-08 the 市级 matrix with scores; 名单与公示 at 市级: ranking, quota 2, publish', async () => {
    await browser.context.clearCookies() // the evaluators' pages shared the context: log in again
    await login(page, server.base, 'city_admin', DEMO.city_admin)
    await page.waitForURL(`${server.base}/`)
    await page.goto(`${server.base}/evaluation?level=city`)
    await page.waitForFunction(() => document.querySelectorAll('[data-test=evm-table] [data-test=evm-score]').length === 5)
    const rows = await page.locator('[data-test=evm-table] .el-table__body-wrapper .el-table__row').allInnerTexts()
    for (const [k, x] of Object.entries(CITY_X)) {
      const r = rows.find((t) => t.includes(est[k].name))
      assert.ok(r.includes(total(x)) && r.includes('3/3'), r)
      assert.ok(r.includes(k.startsWith('P') ? '蓬江区' : '新会区'), `the county is named at the city level: ${r}`)
      for (const name of ['第三方评审专家（演示）', '第三方评审专家二（演示）', '第三方评审专家三（演示）'])
        assert.ok(await page.locator('[data-test=evm-evaluator] .ev-name', { hasText: name }).first().evaluate((el) => el.scrollWidth <= el.clientWidth), `${name} is not cut off`)
    }
    await shot(page, 'city-06-matrix-scored')

    await page.click('.side-menu .el-menu-item:has-text("名单与公示")')
    await page.click('.el-tabs__item:has-text("评选名单")')
    await page.click('[data-test=sel-level] label:has-text("市级名单")')
    await page.waitForSelector('[data-test=sel-ranking] .el-table__body-wrapper .el-table__row')
    assert.match(await page.innerText('[data-test=sel-quota]'), /2/)
    const ranking = await page.locator('[data-test=sel-ranking] .el-table__body-wrapper .el-table__row').allInnerTexts()
    const order = ['X1', 'P1', 'P2', 'P3', 'X2']
    assert.equal(ranking.length, 5)
    order.forEach((k, i) => assert.ok(ranking[i].includes(est[k].name) && ranking[i].includes(total(CITY_X[k])), `${i + 1}: ${ranking[i]}`))
    assert.match(await page.innerText('[data-test=sel-listed]'), /2\s*\/\s*2/)
    const list = await page.locator('[data-test=sel-list] .el-table__body-wrapper .el-table__row').allInnerTexts()
    assert.deepEqual(list.map((t) => ['X1', 'P1'].find((k) => t.includes(est[k].name))), ['X1', 'P1'])
    await shot(page, 'city-07-city-list-draft')

    await page.click('[data-test=sel-publish]')
    await page.click('.sel-publish-confirm .el-button--primary')
    await page.waitForSelector('[data-test=sel-status]:has-text("公示中")')
    assert.equal((await page.innerText('[data-test=sel-window]')).trim(), '公示期 2023-10-08 至 2023-10-14')
    await shot(page, 'city-08-city-list-published')
    assert.deepEqual(page.errors, [])
  })

  test('10-08 a resident reads the 市级 list on /gongshi at 360 px', async () => {
    const res = await freshPage(browser)
    await res.setViewportSize({ width: 360, height: 740 })
    await res.clock.setFixedTime(new Date('2023-10-08T10:00:00+08:00'))
    await res.goto(`${server.base}/gongshi`)
    const card = res.locator('[data-test=gs-list-item]', { hasText: '市级' })
    await card.waitFor()
    assert.match(await card.innerText(), /公示中/)
    await shot(res, 'city-09-public-index')
    await card.click()
    await res.waitForSelector('[data-test=gs-entry]')
    const entries = await res.locator('[data-test=gs-entry]').allInnerTexts()
    assert.equal(entries.length, 2)
    assert.ok(entries[0].includes(est.X1.name) && entries[0].includes('100.00'), entries[0])
    assert.ok(entries[1].includes(est.P1.name) && entries[1].includes('91.00'), entries[1])
    const overflow = await res.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`)
    await shot(res, 'city-10-public-city-list')
    assert.deepEqual(res.errors, [])
    await res.close()
  })

  test('10-15 city_admin finalises the city list in the UI; the public page says 已定稿', async () => {
    await login(page, server.base, 'city_admin', DEMO.city_admin) // the resident's freshPage() cleared the cookies
    await page.waitForURL(`${server.base}/`)
    await moveTo('2023-10-15')
    // The browser keeps its session across the restart (cookies are per host, not per port; sessions live in the
    // database): no login again, only the base URL is new.
    await page.goto(`${server.base}/selection?tab=list&level=city`)
    await page.waitForSelector('[data-test=sel-status]:has-text("公示期满，待定稿")')
    assert.equal(new URL(page.url()).pathname, '/selection')
    await shot(page, 'city-11-city-list-publicity-over')
    await page.click('[data-test=sel-finalise]')
    await page.click('.el-message-box .el-button--primary')
    await page.waitForSelector('[data-test=sel-status]:has-text("定稿")')
    await shot(page, 'city-12-city-list-final')
    assert.deepEqual(page.errors, [])

    const res = await freshPage(browser)
    await res.setViewportSize({ width: 360, height: 740 })
    await res.goto(`${server.base}/gongshi/${YEAR}/city/${CITY}`)
    await res.waitForSelector('[data-test=gs-entry]')
    assert.match(await res.innerText('[data-test=gs-status]'), /已定稿/)
    assert.equal(await res.locator('[data-test=gs-entry]').count(), 2)
    await shot(res, 'city-13-public-final')
    assert.deepEqual(res.errors, [])
    await res.close()
    await page.close()
  })
})

/** On an open 评分 page: every unit at x, every evaluator principle passed, submit and confirm. */
async function scoreInUi(page, x, shotName) {
  await page.waitForSelector('[data-test=eval-principles]')
  assert.match(await page.innerText('body'), /市级/)
  const units = await page.locator('input[data-test^="eval-score-"]').evaluateAll((els) => els.map((e) => e.dataset.test.slice(11)))
  assert.equal(units.length, 23)
  for (const u of units) await page.fill(`[data-test="eval-score-${u}"]`, String(x))
  for (const p of ['P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9']) await page.locator(`[data-test=eval-pass-${p}] .el-radio-button`).nth(0).click()
  assert.equal((await page.innerText('[data-test=eval-running-total]')).trim(), total(x))
  if (shotName) await shot(page, shotName)
  await page.click('[data-test=eval-submit]')
  const confirm = page.locator('.el-message-box:has-text("提交后评分不能再修改")')
  await confirm.waitFor()
  await confirm.locator('.el-button--primary').click()
  await page.waitForSelector('[data-test=eval-submitted-note]')
  assert.equal((await page.innerText('[data-test=eval-total-server]')).trim(), total(x))
}
