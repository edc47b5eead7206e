// Browser test of 评审 (issue #4 part 3): an evaluator declares an affiliation on 回避声明; the county administrator
// assigns evaluators in bulk on 评审管理 — the conflicted one is refused with its reason and nothing is assigned —
// then assigns three; the demo evaluator finds the task in 评审任务 (待评审), types an invalid score (shown at the
// unit), saves a draft, is stopped from submitting with units missing (highlighted), submits, and only then sees
// the other evaluators' scores; the county administrator sees the matrix with the score, the disagreement flag and
// the principles, and records a review. The server's "today" (2023-09-05) lies in apply and county_review.
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { apiClient, freshPage, launchBrowser, login, shot, startServer } from './harness.mjs'

const YEAR = 2023
const TODAY = '2023-09-05'
const A = `/api/campaigns/${YEAR}`
const PENGJIANG = '440703'
const EVAL_PASSWORD = 'demo-eval-2023'
let server
let browser
let city
let county
let applicant
let evaluator // the demo evaluator (第三方评审专家（演示）)
const ev = {} // E2, E3, E4 → { client, id, username, password, name }
let appId
let estate // { code, name }

/** An evaluator made by the city administrator, with its initial password changed. */
async function makeEvaluator(key, name) {
  const username = `eval_${key.toLowerCase()}`
  const initial = 'Initial-Pass-2026'
  const r = await city.call('POST', '/api/users', { username, display_name: name, role: 'evaluator', scope: '440700', password: initial })
  assert.equal(r.status, 201, JSON.stringify(r.json))
  const first = await apiClient(server.base, username, initial)
  const password = `Changed-${key}-2026`
  const c = await first.call('POST', '/api/session/password', { old_password: initial, new_password: password })
  assert.equal(c.status, 204, JSON.stringify(c.json))
  ev[key] = { client: await apiClient(server.base, username, password), id: r.json.id, username, password, name }
}

/** Uploads an evidence file as the applicant (raw body, as the applications API takes it). */
async function uploadEvidence(id, item, name, bytes) {
  const l = await fetch(`${server.base}/api/session/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'applicant', password: 'demo-apply-2023' }),
  })
  const cookie = (l.headers.get('set-cookie') || '').split(';')[0]
  const { csrf_token: csrf } = await l.json()
  const r = await fetch(`${server.base}${A}/applications/${id}/files?item=${encodeURIComponent(item)}&filename=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/octet-stream' },
    body: bytes,
  })
  assert.equal(r.status, 201, await r.text())
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(600)])

/** The applicant creates, fills and submits its estate's application (API). */
async function applyAndSubmit() {
  const r = await applicant.call('POST', `${A}/applications`, {
    estate_code: estate.code,
    applicant_type: 'owners_committee',
    applicant_name: '幸福家园业主委员会',
    contact_name: '李红',
    contact_phone: '13812345678',
  })
  assert.equal(r.status, 201, JSON.stringify(r.json))
  const items = {}
  for (const i of r.json.items) if (!i.gate || i.gate === 'none') items[i.id] = `第${i.id}项：本小区已落实，详见台账和照片。`
  const u = await applicant.call('PUT', `${A}/applications/${r.json.id}`, { items, version: r.json.version })
  assert.equal(u.status, 200, JSON.stringify(u.json))
  await uploadEvidence(r.json.id, '1.1', '党建活动室照片.png', PNG)
  const s = await applicant.call('POST', `${A}/applications/${r.json.id}/submit`, {})
  assert.equal(s.status, 200, JSON.stringify(s.json))
  return r.json.id
}

/** An evaluator's whole sheet through the API: every unit at `points`, every principle passed. */
async function scoreByApi(client, points) {
  const q = (await client.get(`${A}/queue`)).json
  const item = q.items.find((i) => i.application_id === appId)
  assert.ok(item, 'the task is in the queue')
  const view = (await client.get(`${A}/assignments/${item.assignment_id}`)).json
  assert.equal(view.others_visible, false)
  assert.deepEqual(view.others, [])
  const scores = {}
  for (const s of view.rubric.sections) for (const i of s.items) for (const u of i.units) scores[u.id] = points
  const principles = {}
  for (const p of view.rubric.principles) if (p.evaluator) principles[p.id] = { pass: true, reason: '' }
  const r = await client.call('POST', `${A}/assignments/${item.assignment_id}/sheet/submit`, { scores, principles })
  assert.equal(r.status, 200, JSON.stringify(r.json))
  return r.json.total
}

before(async () => {
  server = await startServer({ env: { MEIHAO_TODAY: TODAY } })
  browser = await launchBrowser()
  city = await apiClient(server.base, 'city_admin', 'demo-city-2023')
  county = await apiClient(server.base, 'county_admin', 'demo-county-2023')
  applicant = await apiClient(server.base, 'applicant', 'demo-apply-2023')
  evaluator = await apiClient(server.base, 'evaluator', EVAL_PASSWORD)
  const code = applicant.user.scope.code
  const e = await city.get(`/api/estates/${code}`)
  assert.equal(e.status, 200)
  assert.equal(e.json.county_code, PENGJIANG)
  estate = { code, name: e.json.name }
  await makeEvaluator('E2', '评审专家乙')
  await makeEvaluator('E3', '评审专家丙')
  await makeEvaluator('E4', '评审专家丁')
  await makeEvaluator('E5', '评审专家戊')
  appId = await applyAndSubmit()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

describe('评审', () => {
  test('回避声明: an evaluator declares the estate (a bad credit code refused at the field first)', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, ev.E4.username, ev.E4.password)
    // An evaluator's home is its queue.
    await page.waitForURL(`${server.base}/evaluation/tasks`)
    // The evaluator's menu: its tasks and its declarations, no managers' page.
    const menu = await page.locator('.side-menu .el-menu-item').allInnerTexts()
    assert.ok(menu.some((m) => m.includes('评审任务')) && menu.some((m) => m.includes('回避声明')), menu.join(','))
    assert.ok(!menu.some((m) => m.includes('评审管理')), menu.join(','))
    await page.click('.side-menu .el-menu-item:has-text("回避声明")')
    await page.waitForSelector('[data-test=aff-table]')
    // A company with a wrong check character: refused in the browser, at the field.
    await page.click('[data-test=aff-kind] .el-radio-button:has-text("物业服务企业")')
    await page.fill('[data-test=aff-value]', '91440703MA4UABCD1X')
    await page.click('[data-test=aff-add]')
    await page.waitForSelector('.el-form-item__error:has-text("校验位")')
    await shot(page, 'evaluation-01-affiliation-bad-uscc')
    // The estate itself.
    await page.click('[data-test=aff-kind] .el-radio-button:has-text("小区")')
    await page.fill('[data-test=aff-value]', estate.code)
    await page.fill('[data-test=aff-note]', '本人居住在该小区')
    await page.click('[data-test=aff-add]')
    await page.waitForSelector(`[data-test=aff-table] .el-table__row:has-text("${estate.code}")`)
    await shot(page, 'evaluation-02-affiliation-declared')
    const list = (await ev.E4.client.get('/api/evaluators/me/affiliations')).json.items
    assert.deepEqual(list.map((a) => [a.kind, a.value, a.note]), [['estate', estate.code, '本人居住在该小区']])
    assert.deepEqual(page.errors, [])
    await page.close()
  })

  test('评审管理: bulk assignment refuses the conflicted evaluator with its reason (nothing assigned), then assigns three', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', 'demo-county-2023')
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("评审管理")')
    const row = page.locator('[data-test=evm-table] .el-table__body tr', { hasText: estate.name })
    await row.waitFor()
    await page.waitForSelector('[data-test=evm-quota]')
    assert.equal((await page.textContent('[data-test=evm-quota]')).trim(), '31') // ⌈4% × 756⌉
    assert.match(await row.innerText(), /尚未分配/)
    await shot(page, 'evaluation-03-matrix-unassigned')

    await row.locator('.el-checkbox').first().click()
    await page.click('[data-test=evm-assign]')
    const dialog = page.locator('.el-dialog:has-text("分配评审专家")')
    await dialog.locator('[data-test=evm-evaluators] .el-table__row').first().waitFor()
    for (const name of ['第三方评审专家（演示）', '评审专家乙', '评审专家丙', '评审专家丁'])
      await dialog.locator('[data-test=evm-evaluators] .el-table__row', { hasText: name }).locator('.el-checkbox').click()
    assert.match(await dialog.innerText(), /将生成 4 项评审任务/)
    await dialog.locator('[data-test=evm-assign-submit]').click()
    const refused = dialog.locator('[data-test=evm-refused] .el-table__row')
    await refused.first().waitFor()
    assert.equal(await refused.count(), 1)
    const text = await refused.first().innerText()
    assert.ok(text.includes('评审专家丁') && text.includes(estate.name), text)
    assert.match(await dialog.locator('[data-test=evm-assign-error]').innerText(), /均未生效/)
    await shot(page, 'evaluation-04-assign-refused')
    let m = (await county.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`)).json
    assert.equal(m.rows.find((r) => r.application_id === appId).assigned, 0, 'nothing was assigned')

    // Without the conflicted evaluator and with another: four assigned, then one withdrawn (×, confirmed).
    await dialog.locator('[data-test=evm-evaluators] .el-table__row', { hasText: '评审专家丁' }).locator('.el-checkbox').click()
    await dialog.locator('[data-test=evm-evaluators] .el-table__row', { hasText: '评审专家戊' }).locator('.el-checkbox').click()
    await dialog.locator('[data-test=evm-assign-submit]').click()
    await page.waitForSelector('.el-message--success:has-text("已分配 4 项评审任务")')
    const fifth = row.locator('[data-test=evm-evaluator]', { hasText: '评审专家戊' })
    await fifth.waitFor()
    await fifth.locator('[data-test=evm-unassign]').click()
    const box = page.locator('.el-message-box:has-text("评审专家戊")')
    await box.waitFor()
    await box.locator('.el-button--primary').click()
    await page.waitForSelector('.el-message--success:has-text("已撤销")')
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('[data-test=evm-table] .el-table__body tr')].some((tr) => tr.textContent.includes(name) && tr.textContent.includes('0/3')),
      estate.name,
    )
    await shot(page, 'evaluation-05-assigned')
    m = (await county.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`)).json
    const r = m.rows.find((x) => x.application_id === appId)
    assert.deepEqual(r.evaluators.map((e) => e.name).sort(), ['第三方评审专家（演示）', '评审专家丙', '评审专家乙'].sort())
    assert.deepEqual(page.errors, [])
    await page.close()
  })

  test('评审任务 and 评分: an invalid score at its unit, a draft, missing units highlighted, submit; the others only after', async () => {
    // Two colleagues submit first, far apart (10 and 2 on every unit): the spread will be flagged.
    const t2 = await scoreByApi(ev.E2.client, 10)
    const t3 = await scoreByApi(ev.E3.client, 2)

    const page = await freshPage(browser)
    await login(page, server.base, 'evaluator', EVAL_PASSWORD)
    await page.waitForURL(`${server.base}/evaluation/tasks`)
    await page.click('.side-menu .el-menu-item:has-text("评审任务")')
    const task = page.locator('[data-test=eval-queue] .el-table__row', { hasText: estate.name })
    await task.waitFor()
    const taskText = await task.innerText()
    assert.ok(taskText.includes('蓬江区') && taskText.includes('县级') && taskText.includes('未开始') && taskText.includes('2023-09-30'), taskText)
    assert.match(await page.locator('.el-tabs__item.is-active').innerText(), /待评审（1）/)
    await shot(page, 'evaluation-06-queue')
    await task.click()
    await page.waitForSelector('[data-test=eval-principles]')
    // Before submitting: no trace of the others' scores, on the page or in the answer.
    assert.equal(await page.locator('[data-test=eval-others]').count(), 0)
    const body = await page.content()
    assert.ok(!body.includes('评审专家乙') && !body.includes('评审专家丙'), 'the others are not named before submitting')
    // The frozen automatic checks with figures.
    const p1 = await page.locator('[data-test=eval-principle-P1]').innerText()
    assert.match(p1, /满意度指数|没有满意度测评数据/)
    assert.match(await page.locator('[data-test=eval-principle-P8]').innerText(), /物业费收缴率|没有物业费收缴数据/)
    assert.match(await page.locator('[data-test="eval-item-1.1"]').innerText(), /第1.1项：本小区已落实/)
    // The evidence file: a link to the attachment, which the evaluator may download.
    const link = page.locator('[data-test="eval-item-1.1"] [data-test=eval-file]')
    assert.match(await link.innerText(), /党建活动室照片\.png/)
    const href = await link.getAttribute('href')
    const got = await page.evaluate(async (u) => {
      const r = await fetch(u)
      return { status: r.status, size: (await r.arrayBuffer()).byteLength, cd: r.headers.get('content-disposition') }
    }, href)
    assert.deepEqual([got.status, got.size], [200, PNG.length])
    assert.match(got.cd || '', /attachment/)
    await shot(page, 'evaluation-07-scoring-empty')

    // An out-of-range score and one with two decimals: shown at their units.
    await page.fill('[data-test="eval-score-1.1"]', '12')
    await page.fill('[data-test="eval-score-1.2"]', '8.55')
    await page.locator('[data-test="eval-score-1.3"]').focus()
    await page.waitForSelector('[data-test="eval-err-1.1"]')
    assert.match(await page.innerText('[data-test="eval-err-1.1"]'), /0至10分之间/)
    assert.match(await page.innerText('[data-test="eval-err-1.2"]'), /最多保留一位小数/)
    await page.click('[data-test=eval-save]')
    await page.waitForSelector('.el-message--error:has-text("填写有误")')
    await page.locator('[data-test="eval-item-1.1"]').scrollIntoViewIfNeeded()
    await shot(page, 'evaluation-08-invalid-scores')
    // Nothing was saved; the typed values stay.
    assert.equal(await page.inputValue('[data-test="eval-score-1.1"]'), '12')
    assert.equal((await evaluator.get(`${A}/assignments/${page.url().match(/tasks\/(\d+)/)[1]}`)).json.sheet, null)

    // The server's own refusal lands at its unit too: a valid-looking form whose request is altered on the way.
    await page.fill('[data-test="eval-score-1.1"]', '9')
    await page.fill('[data-test="eval-score-1.2"]', '8.5')
    await page.route('**/sheet', async (route) => {
      const b = route.request().postDataJSON()
      b.scores['1.2'] = '10.5'
      await route.continue({ postData: JSON.stringify(b) })
    })
    await page.click('[data-test=eval-save]')
    await page.waitForSelector('[data-test="eval-err-1.2"]')
    assert.match(await page.innerText('[data-test="eval-err-1.2"]'), /第1.2项的得分须在0至10分之间（现为10.5分）/)
    await page.unroute('**/sheet')
    assert.equal(await page.inputValue('[data-test="eval-score-1.2"]'), '8.5', 'what was typed stays')

    // Corrected, a few more and a failed principle without its reason: draft refused at the reason, then saved.
    await page.fill('[data-test="eval-score-1.1"]', '9')
    await page.fill('[data-test="eval-score-1.2"]', '8.5')
    await page.fill('[data-test="eval-score-1.3"]', '8')
    await page.locator('[data-test=eval-pass-P7] .el-radio-button').nth(1).click()
    await page.click('[data-test=eval-save]')
    await page.waitForSelector('[data-test=eval-err-P7-reason]')
    await page.fill('[data-test=eval-reason-P7]', '消防通道有车辆占用，需整改')
    await page.click('[data-test=eval-save]')
    await page.waitForSelector('.el-message--success:has-text("草稿已保存")')
    await page.waitForSelector('[data-test=eval-sheet-status]:has-text("草稿")')
    const aid = Number(page.url().match(/tasks\/(\d+)/)[1])
    let sheet = (await evaluator.get(`${A}/assignments/${aid}`)).json.sheet
    assert.deepEqual([sheet.status, sheet.scores['1.1'], sheet.scores['1.2'], sheet.principles.P7.pass], ['draft', '9', '8.5', false])
    await page.reload()
    await page.waitForSelector('[data-test=eval-principles]')
    assert.equal(await page.inputValue('[data-test="eval-score-1.2"]'), '8.5')
    assert.equal(await page.inputValue('[data-test=eval-reason-P7]'), '消防通道有车辆占用，需整改')

    // Submitting with units missing: refused in the browser, every missing unit and principle marked.
    await page.click('[data-test=eval-submit]')
    await page.waitForSelector('.el-message--error:has-text("未完成")')
    assert.equal(await page.locator('[data-test^=eval-err-]').count(), 20 + 7) // 23 units − 3 scored; 8 principles − P7
    await page.locator('[data-test=eval-section-2]').scrollIntoViewIfNeeded()
    await shot(page, 'evaluation-09-missing-highlighted')

    // Everything filled: 8 on the rest, every other principle passed; the running total updates.
    const units = await page.locator('input[data-test^="eval-score-"]').evaluateAll((els) => els.map((e) => e.dataset.test.slice(11)))
    assert.equal(units.length, 23)
    for (const u of units) if (!['1.1', '1.2', '1.3'].includes(u)) await page.fill(`[data-test="eval-score-${u}"]`, '8')
    for (const p of ['P2', 'P3', 'P4', 'P5', 'P6', 'P8', 'P9']) await page.locator(`[data-test=eval-pass-${p}] .el-radio-button`).nth(0).click()
    const running = await page.innerText('[data-test=eval-running-total]')
    await page.click('[data-test=eval-submit]')
    const confirm = page.locator('.el-message-box:has-text("提交后评分不能再修改")')
    await confirm.waitFor()
    assert.ok((await confirm.innerText()).includes(running), 'the confirmation names the running total')
    await shot(page, 'evaluation-10-submit-confirm')
    await confirm.locator('.el-button--primary').click()
    await page.waitForSelector('[data-test=eval-submitted-note]')
    sheet = (await evaluator.get(`${A}/assignments/${aid}`)).json
    assert.equal(sheet.sheet.status, 'submitted')
    assert.equal(sheet.sheet.total, running, 'the running total shown equals the server total')
    assert.equal(await page.innerText('[data-test=eval-total-server]'), sheet.sheet.total)
    // Now the others' scores: names, totals, per item; the form is read-only.
    await page.waitForSelector('[data-test=eval-others-table]')
    const others = await page.locator('[data-test=eval-others]').innerText()
    for (const s of [`评审专家乙`, `评审专家丙`, `总分 ${t2}`, `总分 ${t3}`, `总分 ${sheet.sheet.total}`, '不符合：消防通道有车辆占用'])
      assert.ok(others.includes(s), `${s} in ${others.slice(0, 400)}`)
    assert.equal(await page.locator('[data-test=eval-save]').count(), 0)
    assert.ok(await page.locator('[data-test="eval-score-1.1"]').isDisabled())
    await shot(page, 'evaluation-11-submitted-others')

    // The queue: done.
    await page.click('.side-menu .el-menu-item:has-text("评审任务")')
    await page.click('.el-tabs__item:has-text("已完成")')
    await page.locator('[data-test=eval-queue] .el-table__row', { hasText: estate.name }).waitFor()
    assert.match(await page.locator('[data-test=eval-queue] .el-table__row', { hasText: estate.name }).innerText(), /已提交/)
    await shot(page, 'evaluation-12-queue-done')
    assert.deepEqual(page.errors, [])
    await page.close()
  })

  test('评审管理: the matrix shows the score, the spread flagged, the principles; the flag reviewed', async () => {
    const m = (await county.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`)).json
    const r = m.rows.find((x) => x.application_id === appId)
    assert.equal(r.submitted, 3)
    assert.equal(r.disagreement, true)
    assert.ok(r.score && r.stddev)

    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', 'demo-county-2023')
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("评审管理")')
    const row = page.locator('[data-test=evm-table] .el-table__body tr', { hasText: estate.name })
    await row.waitFor()
    const text = await row.innerText()
    assert.ok(text.includes(r.score) && text.includes(r.stddev) && text.includes('3/3'), text)
    for (const e of r.evaluators) assert.ok(text.includes(e.total), `${e.name} ${e.total}`)
    await row.locator('[data-test=evm-flag]').waitFor()
    assert.equal(await row.locator('[data-test=evm-evaluated]').innerText(), '完成评价')
    // P7 failed by one of three (2 of 3 passed): passed; the chips carry the counts.
    assert.match(await row.locator('[data-test=evm-p-P7]').innerText(), /P7 ✓ 2\/3/)
    assert.match(await row.locator('[data-test=evm-p-P5]').innerText(), /P5 ✓ 3\/3/)
    await shot(page, 'evaluation-13-matrix-flagged')

    await row.locator('[data-test=evm-review]').click()
    const dialog = page.locator('.el-dialog:has-text("评分分歧复核")')
    await dialog.locator('[data-test=evm-review-submit]').click()
    await dialog.locator('.el-form-item__error:has-text("复核意见")').waitFor()
    await dialog.locator('[data-test=evm-review-note]').fill('经核查，评审专家丙对现场材料理解有偏差，维持各专家评分')
    await shot(page, 'evaluation-14-review-dialog')
    await dialog.locator('[data-test=evm-review-submit]').click()
    await row.locator('[data-test=evm-reviewed]').waitFor()
    await shot(page, 'evaluation-15-matrix-reviewed')
    const after = (await county.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`)).json.rows.find((x) => x.application_id === appId)
    assert.equal(after.reviewed, true)
    assert.match(after.review_note, /评审专家丙/)
    assert.deepEqual(page.errors, [])
    await page.close()
  })

  test('评审管理 read-only for the auditor', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, 'auditor', 'demo-audit-2023')
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("评审管理")')
    await page.locator('[data-test=evm-table] .el-table__body tr', { hasText: estate.name }).waitFor()
    assert.equal(await page.locator('[data-test=evm-assign]').count(), 0)
    assert.equal(await page.locator('[data-test=evm-review]').count(), 0)
    assert.equal(await page.locator('[data-test=evm-table] .el-checkbox').count(), 0)
    await shot(page, 'evaluation-16-auditor')
    await page.close()
  })

  test('声明回避: an evaluator declares a conflict on a task; it leaves the queue and cannot be assigned again', async () => {
    const r = await county.call('POST', `${A}/assignments`, { level: 'county', application_ids: [appId], evaluator_ids: [ev.E5.id] })
    assert.equal(r.status, 201, JSON.stringify(r.json))
    const page = await freshPage(browser)
    await login(page, server.base, ev.E5.username, ev.E5.password)
    await page.waitForURL(`${server.base}/evaluation/tasks`)
    await page.locator('[data-test=eval-queue] .el-table__row', { hasText: estate.name }).click()
    await page.click('[data-test=eval-conflict]')
    const box = page.locator('.el-message-box:has-text("声明利益冲突")')
    await box.waitFor()
    await box.locator('.el-button--primary').click()
    await box.locator('.el-message-box__errormsg:has-text("回避理由")').waitFor()
    await box.locator('textarea').fill('本人曾受聘于该小区的物业服务企业')
    await shot(page, 'evaluation-17-conflict')
    await box.locator('.el-button--primary').click()
    await page.waitForURL(`${server.base}/evaluation/tasks`)
    await page.waitForSelector('.el-message--success:has-text("已声明回避")')
    await page.waitForSelector('[data-test=eval-queue] .el-table__empty-text')
    assert.equal((await ev.E5.client.get(`${A}/queue`)).json.items.length, 0)
    const again = await county.call('POST', `${A}/assignments`, { level: 'county', application_ids: [appId], evaluator_ids: [ev.E5.id] })
    assert.equal(again.status, 409)
    assert.equal(again.json.refused[0].code, 'conflict.declared')
    assert.deepEqual(page.errors, [])
    await page.close()
  })
})
