// Browser test of 名单与公示 (issue #4 parts 4–5): the county administrator reads the quota and the ranking, is
// refused publishing while an application is undecided, removes an estate with a reason (and undoes it), is
// refused adding an ineligible one, publishes the short list with its explanation; a resident (no login, 360 px)
// opens /gongshi, reads the list and files an objection (a bad phone refused at the field, the typed text kept,
// then the masked phone and the id); the county administrator answers it (dismissed) and the public list still
// shows the estate; finalising during publicity is refused with the server's reason; the city's overview flags
// the short list. Screenshots at every step (tests/e2e/screenshots/selection-*.png).
//
// SET-UP through the API, on MEIHAO_TODAY=2023-09-10 (apply 09-01…09-20 and county_review 09-01…09-30 both
// open; publicity starts on the publish day, so the whole flow runs on one day): three evaluators and five
// applicants made by the city administrator; five 蓬江区 applications (estates that pass every automatic check),
// assigned by the county administrator to the three evaluators, who submit their sheets:
//   A every unit 10, B 9, C 8, F 9 with P5 failed by all (ineligible), E only two sheets (not evaluated: the
//   blocker) until the test submits the third. 蓬江区's quota ⌈4% × 756⌉ = 31, so the list is short.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DEMO, apiClient, freshPage, launchBrowser, login, shot, startServer } from './harness.mjs'

const YEAR = 2023
const TODAY = '2023-09-10'
const PENGJIANG = '440703'
const A = `/api/campaigns/${YEAR}`
const PASS = 'Initial-Pass-2026'
const PASS2 = 'Changed-Pass-2026'
const REMOVE_REASON = '经核实该小区近期存在未整改的消防通道占用问题，暂不列入'
const EXPLANATION = '本区申报小区数量较少，经评审符合全部原则要求并完成评审的小区不足名额，现按实际结果公示。'
const OBJECTION = '该小区地下车库消防通道长期被占用，多次反映未见整改，不符合“美好家园”小区标准。'
const ANSWER = '经现场核实，消防通道已于 9 月初完成整改，并建立了日常巡查制度，异议不成立。'

let server
let browser
let city
let county
const ev = [] // { client, id }
const app = {} // letter → { id, code, name }

async function ok(res, want = [200, 201]) {
  const r = await res
  assert.ok(want.includes(r.status), `${r.status} ${JSON.stringify(r.json)}`)
  return r.json
}

/** A user made by the city administrator, logged in, with its initial password changed. */
async function makeUser(role, scope, name) {
  const username = `sel_${role}_${Math.random().toString(36).slice(2, 8)}`
  const u = await ok(city.call('POST', '/api/users', { username, display_name: name, role, scope, password: PASS }))
  const c = await apiClient(server.base, username, PASS)
  await ok(c.call('POST', '/api/session/password', { old_password: PASS, new_password: PASS2 }), [204])
  const again = await apiClient(server.base, username, PASS2)
  return { client: again, id: u.id }
}

/** Creates, fills and submits an application for the estate as its applicant; answers its id. */
async function applyFor(client, code, name) {
  const r = await ok(
    client.call('POST', `${A}/applications`, {
      estate_code: code,
      applicant_type: 'property_company',
      applicant_name: name,
      contact_name: '张三',
      contact_phone: '13812345678',
    }),
  )
  const items = {}
  for (const i of r.items) if (!i.gate || i.gate === 'none') items[i.id] = '本小区已落实该项要求，详见证明材料。'
  await ok(client.call('PUT', `${A}/applications/${r.id}`, { items, version: r.version }))
  await ok(client.call('POST', `${A}/applications/${r.id}/submit`, {}))
  return r.id
}

const allPass = (failed) => {
  const p = {}
  for (let i = 2; i <= 9; i++) p[`P${i}`] = `P${i}` === failed ? { pass: false, reason: '小区内未张贴部门投诉咨询电话' } : { pass: true, reason: '' }
  return p
}

/** The evaluator submits a sheet with every unit at `points` for the application (county level). */
async function score(e, appId, points, failed = '') {
  const q = await ok(e.client.get(`${A}/queue`))
  const item = q.items.find((i) => i.application_id === appId && i.level === 'county')
  assert.ok(item, `evaluator ${e.id} is assigned application ${appId}`)
  const view = await ok(e.client.get(`${A}/assignments/${item.assignment_id}`))
  const scores = {}
  for (const s of view.rubric.sections) for (const it of s.items) for (const u of it.units) scores[u.id] = points
  await ok(e.client.call('POST', `${A}/assignments/${item.assignment_id}/sheet/submit`, { scores, principles: allPass(failed) }))
}

before(async () => {
  server = await startServer({ env: { MEIHAO_TODAY: TODAY } })
  browser = await launchBrowser()
  city = await apiClient(server.base, 'city_admin', DEMO.city_admin)
  county = await apiClient(server.base, 'county_admin', DEMO.county_admin)
  for (let i = 1; i <= 3; i++) ev.push(await makeUser('evaluator', '440700', `评审专家${i}`))

  // Five 蓬江区 estates that pass every automatic check (P1 by the rankings, party organisation, owners'
  // organisation, professional management, fee rate ≥ 95%, no penalty), each with its own applicant.
  const rows = (await ok(city.get(`${A}/rankings?format=json`))).rows.filter(
    (x) => x.county_code === PENGJIANG && x.managed && (x.top_satisfaction || x.bottom_complaints),
  )
  const estates = []
  for (const x of rows) {
    if (estates.length === 5) break
    const e = await ok(city.get(`/api/estates/${x.estate_code}`))
    if (e.management_mode !== 'professional' || !e.party_org || e.owners_org === 'none') continue
    const f = await ok(city.get(`${A}/estates/${x.estate_code}/figures`))
    if (!f.fees || Number(f.fees.rate) < 0.95 || f.penalties.length) continue
    estates.push(e)
  }
  assert.equal(estates.length, 5, 'five 蓬江区 estates pass the automatic checks')
  for (const [i, k] of ['A', 'B', 'C', 'E', 'F'].entries()) {
    const e = estates[i]
    const client = (await makeUser('applicant', e.code, `申报单位${k}`)).client
    app[k] = { id: await applyFor(client, e.code, `${e.name}物业服务中心`), code: e.code, name: e.name }
  }

  await ok(county.call('POST', `${A}/assignments`, { level: 'county', application_ids: Object.values(app).map((x) => x.id), evaluator_ids: ev.map((e) => e.id) }))
  for (const e of ev) {
    await score(e, app.A.id, 10)
    await score(e, app.B.id, 9)
    await score(e, app.C.id, 8)
    await score(e, app.F.id, 9, 'P5')
  }
  await score(ev[0], app.E.id, 9)
  await score(ev[1], app.E.id, 9)
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

describe('名单与公示', () => {
  let page
  let objectionId

  test('county admin: quota, ranking, the blocker; publishing refused while undecided', async () => {
    page = await freshPage(browser)
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.click('.el-menu-item:has-text("名单与公示")')
    await page.waitForSelector('[data-test=sel-ranking] .el-table__row')
    const quota = await page.textContent('[data-test=sel-quota]')
    assert.match(quota, /31/)
    assert.match(quota, /⌈4% × 756⌉ = ⌈30\.24⌉ = 31/)
    assert.equal(await page.locator('[data-test=sel-ranking] .el-table__body-wrapper .el-table__row').count(), 5)
    // Ranked A, B, C (F ineligible, E not evaluated).
    const firstRow = await page.locator('[data-test=sel-ranking] .el-table__body-wrapper .el-table__row').first().textContent()
    assert.ok(firstRow.includes(app.A.name) && firstRow.includes('100.00'), firstRow)
    const blockers = await page.textContent('[data-test=sel-blockers]')
    assert.ok(blockers.includes(app.E.name) && blockers.includes('2/3'), blockers)
    assert.match(await page.textContent('[data-test=sel-status]'), /拟定/)
    assert.match(await page.textContent('[data-test=sel-listed]'), /3\s*\/\s*31/)
    await shot(page, 'selection-1-county-draft')

    // Publishing without the explanation a short list needs: refused at the field before asking the server.
    await page.click('[data-test=sel-publish]')
    await page.waitForSelector('.el-form-item__error:has-text("书面说明")')
    // With it: the server refuses while E is undecided and names it.
    await page.fill('textarea[data-test=sel-explanation]', EXPLANATION)
    await page.click('[data-test=sel-publish]')
    await page.click('.sel-publish-confirm .el-button--primary')
    await page.waitForSelector('[data-test=sel-publish-error]')
    const refusal = await page.textContent('[data-test=sel-publish-error]')
    assert.ok(refusal.includes(app.E.name), refusal)
    assert.equal(await page.inputValue('textarea[data-test=sel-explanation]'), EXPLANATION, 'the explanation is kept')
    await shot(page, 'selection-2-publish-refused')
  })

  test('county admin: remove with a reason, undo, an ineligible addition refused', async () => {
    await score(ev[2], app.E.id, 9) // E is decided now
    await page.click('.status-bar button:has-text("刷新")')
    await page.waitForSelector('[data-test=sel-blockers]', { state: 'detached' })
    assert.match(await page.textContent('[data-test=sel-listed]'), /4\s*\/\s*31/)

    // Remove C: a reason is required.
    const rowC = page.locator('[data-test=sel-ranking] .el-table__body-wrapper .el-table__row', { hasText: app.C.name })
    await page.locator('[data-test=sel-ranking] .el-table__fixed-right .el-table__row, [data-test=sel-ranking] .el-table__body-wrapper .el-table__row').first().waitFor()
    await clickRowAction(page, app.C.name, 'sel-remove')
    await page.waitForSelector('[data-test=sel-change-dialog]:visible')
    await page.click('[data-test=sel-change-submit]')
    await page.waitForSelector('[data-test=sel-change-dialog] .el-form-item__error:has-text("理由")')
    await page.fill('textarea[data-test=sel-change-reason]', REMOVE_REASON)
    await page.click('[data-test=sel-change-submit]')
    await page.waitForSelector('[data-test=sel-change-dialog]', { state: 'hidden' })
    await page.waitForSelector(`[data-test=sel-changes] :text("${REMOVE_REASON}")`)
    assert.match(await page.textContent('[data-test=sel-listed]'), /3\s*\/\s*31/)
    assert.equal(await page.locator('[data-test=sel-list] .el-table__body-wrapper .el-table__row', { hasText: app.C.name }).count(), 0)
    assert.ok((await rowC.textContent()).includes('移出'))
    await shot(page, 'selection-3-removed')

    // Undo, then remove again.
    await clickRowAction(page, app.C.name, 'sel-undo')
    await page.click('.el-message-box .el-button--primary')
    await page.waitForSelector('[data-test=sel-changes] .el-table__empty-text')
    assert.match(await page.textContent('[data-test=sel-listed]'), /4\s*\/\s*31/)
    await clickRowAction(page, app.C.name, 'sel-remove')
    await page.fill('textarea[data-test=sel-change-reason]', REMOVE_REASON)
    await page.click('[data-test=sel-change-submit]')
    await page.waitForSelector(`[data-test=sel-changes] :text("${REMOVE_REASON}")`)

    // Adding F (every evaluator failed P5): the server's refusal is shown in the dialog, the reason kept.
    await page.click('[data-test=sel-add-any]')
    await page.click('[data-test=sel-change-app]')
    await page.locator('.el-select-dropdown__item:visible', { hasText: app.F.name }).first().click()
    await page.fill('textarea[data-test=sel-change-reason]', '街道推荐，群众评价较好')
    await page.click('[data-test=sel-change-submit]')
    const err = page.locator('[data-test=sel-change-dialog] .el-form-item__error, [data-test=sel-change-error]').first()
    await err.waitFor()
    assert.match(await err.textContent(), /原则|否决|不符合/)
    assert.equal(await page.inputValue('textarea[data-test=sel-change-reason]'), '街道推荐，群众评价较好')
    await shot(page, 'selection-4-add-refused')
    await page.click('[data-test=sel-change-dialog] .el-dialog__footer button:has-text("取消")')
  })

  test('county admin publishes the short list with its explanation', async () => {
    await page.click('[data-test=sel-publish]')
    const confirm = await page.textContent('.sel-publish-confirm')
    assert.ok(confirm.includes('3 个小区') && confirm.includes('3/31'), confirm)
    await page.click('.sel-publish-confirm .el-button--primary')
    await page.waitForSelector('[data-test=sel-status]:has-text("公示中")')
    assert.equal((await page.textContent('[data-test=sel-window]')).trim(), '公示期 2023-09-10 至 2023-09-16')
    assert.match(await page.textContent('[data-test=sel-days-left]'), /还剩 7 天/)
    assert.ok((await page.textContent('[data-test=sel-explanation-shown]')).includes(EXPLANATION))
    await page.waitForSelector('[data-test=sel-objections-table] .el-table__empty-text')
    await shot(page, 'selection-5-published')
  })

  test('resident at 360 px: the lists, the list, an objection (bad phone at the field, then filed)', async () => {
    const res = await freshPage(browser) // no session: a resident
    await res.setViewportSize({ width: 360, height: 740 })
    await res.clock.setFixedTime(new Date('2023-09-10T10:00:00+08:00'))
    // From the login page's link (a full page load into the light public app).
    await res.goto(`${server.base}/login`)
    const loaded = []
    res.on('request', (r) => loaded.push(r.url()))
    await res.click('[data-test=login-gongshi]')
    await res.waitForSelector('[data-test=gs-list-item]')
    assert.equal(new URL(res.url()).pathname, '/gongshi')
    const card = await res.textContent('[data-test=gs-list-item]')
    assert.ok(card.includes('蓬江区') && card.includes('县级') && card.includes('公示中') && card.includes('共 3 个小区'), card)
    assert.ok(card.includes('公示期 2023-09-10 至 2023-09-16'), card)
    assert.ok(!loaded.some((u) => /element-plus|echarts/.test(u)), 'no Element Plus or ECharts on the public page')
    await shot(res, 'selection-6-public-index')

    await res.click('[data-test=gs-list-item]')
    await res.waitForSelector('[data-test=gs-entry]')
    assert.equal(await res.locator('[data-test=gs-entry]').count(), 3)
    const entries = await res.locator('[data-test=gs-entry]').allTextContents()
    assert.ok(entries[0].includes(app.A.name) && entries[0].includes('100.00'), entries[0])
    assert.ok(!entries.some((t) => t.includes(app.C.name)), 'C was removed')
    assert.equal((await res.textContent('[data-test=gs-window]')).replace(/\s+/g, ' ').trim(), '公示期 2023-09-10 至 2023-09-16（还剩 7 天）')
    const overflow = await res.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`)
    await shot(res, 'selection-7-public-list')

    await res.click('[data-test=gs-objection-open]')
    await res.selectOption('[data-test=gs-objection-estate]', app.B.code)
    await res.fill('[data-test=gs-objection-reason]', OBJECTION)
    assert.equal(await res.textContent('[data-test=gs-objection-counter]'), `${Array.from(OBJECTION).length}/2000`)
    await res.fill('[data-test=gs-objection-name]', '李四')
    await res.fill('[data-test=gs-objection-phone-input]', '12345')
    await res.click('[data-test=gs-objection-submit]')
    await res.waitForSelector('#gs-obj-phone.ob-bad')
    const phoneErr = await res.locator('#gs-obj-phone + .ob-err').textContent()
    assert.match(phoneErr, /电话|号码/)
    assert.equal(await res.inputValue('[data-test=gs-objection-reason]'), OBJECTION, 'the reason is kept')
    assert.equal(await res.inputValue('[data-test=gs-objection-estate]'), app.B.code)
    await shot(res, 'selection-8-objection-bad-phone')

    await res.fill('[data-test=gs-objection-phone-input]', '138 1234 5678')
    await res.click('[data-test=gs-objection-submit]')
    await res.waitForSelector('[data-test=gs-objection-done]')
    assert.equal((await res.textContent('[data-test=gs-objection-phone]')).trim(), '138****5678')
    objectionId = Number((await res.textContent('[data-test=gs-objection-id]')).trim())
    assert.ok(objectionId > 0)
    const overflow2 = await res.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.ok(overflow2 <= 0, `no horizontal scrolling (${overflow2}px)`)
    await shot(res, 'selection-9-objection-filed')
    assert.deepEqual(res.errors, [])
    await res.close()
  })

  test('county admin answers the objection (dismissed); the public list still shows the estate', async () => {
    // freshPage() cleared the shared context's cookies for the resident: the county administrator logs in again.
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.goto(`${server.base}/selection`)
    await page.waitForSelector('[data-test=sel-objections-table] .el-table__body-wrapper .el-table__row')
    const row = await page.textContent('[data-test=sel-objections-table] .el-table__body-wrapper .el-table__row')
    assert.ok(row.includes(app.B.name) && row.includes('13812345678') && row.includes('待答复'), row) // the handler sees the phone
    // The auditor sees it masked.
    const auditor = await apiClient(server.base, 'auditor', DEMO.auditor)
    const seen = await ok(auditor.get(`${A}/objections?level=county&unit=${PENGJIANG}`))
    assert.equal(seen.objections[0].phone, '138****5678')

    // Finalising during publicity: the server's reason as is.
    await page.click('[data-test=sel-finalise]')
    await page.click('.el-message-box .el-button--primary')
    await page.waitForSelector('[data-test=sel-finalise-error]')
    assert.match(await page.textContent('[data-test=sel-finalise-error]'), /公示/)

    await page.click('[data-test=sel-objection-answer]')
    await page.waitForSelector('[data-test=sel-answer-dialog]:visible')
    await page.click('[data-test=sel-answer-submit]')
    await page.waitForSelector('[data-test=sel-answer-dialog] .el-form-item__error')
    await page.click('[data-test=sel-answer-outcome] label:has-text("异议不成立")')
    await page.fill('textarea[data-test=sel-answer-text]', ANSWER)
    await shot(page, 'selection-10-answer-dialog')
    await page.click('[data-test=sel-answer-submit]')
    await page.waitForSelector('[data-test=sel-objection-status]:has-text("异议不成立")')
    assert.ok((await page.textContent('[data-test=sel-objections-table]')).includes(ANSWER))
    await shot(page, 'selection-11-answered')

    const pub = await freshPage(browser)
    await pub.setViewportSize({ width: 360, height: 740 })
    await pub.goto(`${server.base}/gongshi/${YEAR}/county/${PENGJIANG}`)
    await pub.waitForSelector('[data-test=gs-entry]')
    const names = await pub.locator('[data-test=gs-entry]').allTextContents()
    assert.equal(names.length, 3)
    assert.ok(names.some((t) => t.includes(app.B.name)), 'B stays on the list')
    await shot(pub, 'selection-12-public-after-answer')
    await pub.close()
  })

  test('city admin: the overview flags the short list with its explanation', async () => {
    const c = await freshPage(browser)
    await login(c, server.base, 'city_admin', DEMO.city_admin)
    await c.waitForURL(`${server.base}/`)
    await c.goto(`${server.base}/selection?tab=overview`)
    await c.waitForSelector('[data-test=sel-overview] .el-table__body-wrapper .el-table__row')
    const row = c.locator('[data-test=sel-overview] .el-table__body-wrapper .el-table__row', { hasText: '蓬江区' })
    const text = await row.textContent()
    assert.ok(text.includes('少于名额') && text.includes(EXPLANATION) && text.includes('2023-09-10'), text)
    await shot(c, 'selection-13-city-overview')
    // A click opens the county's list.
    await row.click()
    await c.waitForSelector('[data-test=sel-status]:has-text("公示中")')
    await shot(c, 'selection-14-city-county-list')
    // The city level: no county list is final yet, so nothing to rank; no city_target set.
    await c.click('[data-test=sel-level] label:has-text("市级名单")')
    await c.waitForSelector('[data-test=sel-quota]:has-text("不限")')
    assert.equal(new URL(c.url()).searchParams.get('level'), 'city')
    await shot(c, 'selection-15-city-level')
    assert.deepEqual(c.errors, [])
    await c.close()
    assert.deepEqual(page.errors, [])
  })

  test('resident: the sixth objection within ten minutes is refused with the wait, the text kept', async () => {
    // Four more from the same address (one was filed above): the limit is five per ten minutes.
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${server.base}/api/public/campaigns/${YEAR}/lists/county/${PENGJIANG}/objections`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ estate_code: app.A.code, reason: `补充异议 ${i + 1}：公示材料与实际不符。`, name: '王五', phone: '13900001111' }),
      })
      assert.equal(r.status, 201, await r.text())
    }
    const res = await freshPage(browser)
    await res.setViewportSize({ width: 360, height: 740 })
    await res.clock.setFixedTime(new Date('2023-09-10T10:00:00+08:00'))
    await res.goto(`${server.base}/gongshi/${YEAR}/county/${PENGJIANG}`)
    await res.click('[data-test=gs-objection-open]')
    await res.selectOption('[data-test=gs-objection-estate]', app.A.code)
    await res.fill('[data-test=gs-objection-reason]', OBJECTION)
    await res.fill('[data-test=gs-objection-name]', '赵六')
    await res.fill('[data-test=gs-objection-phone-input]', '0750-3201234')
    await res.click('[data-test=gs-objection-submit]')
    await res.waitForSelector('[data-test=gs-objection-error]')
    const msg = await res.textContent('[data-test=gs-objection-error]')
    assert.match(msg, /过于频繁/)
    assert.match(msg, /约 .*(分|秒).*后可再次提交/)
    assert.equal(await res.inputValue('[data-test=gs-objection-reason]'), OBJECTION)
    assert.equal(await res.inputValue('[data-test=gs-objection-phone-input]'), '0750-3201234')
    await res.locator('[data-test=gs-objection-error]').scrollIntoViewIfNeeded()
    await shot(res, 'selection-16-objection-rate-limited')
    assert.deepEqual(res.errors, [])
    await res.close()
  })
})

/** Clicks a row action of the ranking (the fixed right column holds the visible buttons). */
async function clickRowAction(page, estateName, test) {
  const rows = page.locator('[data-test=sel-ranking] .el-table__body-wrapper .el-table__row')
  const n = await rows.count()
  for (let i = 0; i < n; i++) {
    if ((await rows.nth(i).textContent()).includes(estateName)) {
      const fixed = page.locator(`[data-test=sel-ranking] .el-table__fixed-right .el-table__row`).nth(i).locator(`[data-test=${test}]`)
      if (await fixed.count()) return fixed.click()
      return rows.nth(i).locator(`[data-test=${test}]`).click()
    }
  }
  throw new Error(`no ranking row for ${estateName}`)
}
