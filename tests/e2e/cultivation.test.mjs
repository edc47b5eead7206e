// Browser test of the 培育 pages' main flow (issue #3): the county administrator confirms the proposed
// 重点培育名单, adds an estate with a reason and assigns it a task; the street staff member of that estate's
// town reports progress on the task with a PNG photo. The server's "today" is inside the cultivate phase.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DEMO, apiClient, freshPage, launchBrowser, login, png, shot, startServer } from './harness.mjs'

const YEAR = 2023
const TODAY = '2023-06-15'
let server
let browser
let county
let street

before(async () => {
  server = await startServer({ env: { MEIHAO_TODAY: TODAY } })
  browser = await launchBrowser()
  county = await apiClient(server.base, 'county_admin', DEMO.county_admin)
  street = await apiClient(server.base, 'street_staff', DEMO.street_staff)
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

describe('培育', () => {
  test('county admin confirms the list, adds an estate and a task; street staff reports progress with a photo', async () => {
    const proposed = (await county.get(`/api/campaigns/${YEAR}/cultivation`)).json
    assert.equal(proposed.status, 'proposed')
    assert.ok(proposed.estates.length > 0, 'the rules propose some estates')
    // An estate of the street staff's town that is managed and not proposed: it is added by hand.
    const townCode = street.user.scope.code
    const townEstates = (await street.get(`/api/estates?page_size=100&sort=code`)).json.items
    const rankings = (await county.get(`/api/campaigns/${YEAR}/rankings?format=json`)).json.rows
    const managed = new Set(rankings.filter((r) => r.managed).map((r) => r.estate_code))
    const listed = new Set(proposed.estates.map((e) => e.estate_code))
    const target = townEstates.find((e) => e.town_code === townCode && managed.has(e.code) && !listed.has(e.code))
    assert.ok(target, `a managed, unlisted estate in town ${townCode}`)

    // ---- county admin: confirm ----
    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("培育")')
    await page.locator('[data-test=cult-status]', { hasText: '拟定' }).waitFor()
    const rows = page.locator('[data-test=cult-table] .el-table__body tr.el-table__row')
    await rows.first().waitFor()
    assert.equal(await rows.count(), proposed.estates.length)
    await shot(page, 'k01-cultivation-proposed')
    await page.click('[data-test=cult-confirm]')
    await page.locator('.el-message-box__btns .el-button--primary', { hasText: '确认名单' }).click()
    await page.locator('[data-test=cult-status]', { hasText: '已确认' }).waitFor()
    assert.equal((await county.get(`/api/campaigns/${YEAR}/cultivation`)).json.status, 'confirmed')

    // ---- add the target estate with a reason ----
    await page.click('[data-test=cult-add]')
    const dialog = page.locator('.el-dialog', { hasText: '增补培育小区' })
    await dialog.waitFor()
    await dialog.locator('[data-test=cult-add-estate]').click()
    await page.keyboard.type(target.name)
    await page.locator('.el-select-dropdown__item:visible', { hasText: target.code }).first().click()
    await dialog.locator('textarea[data-test=cult-add-reason]').fill('街道推荐：小区党组织和业委会运行规范')
    await dialog.locator('[data-test=cult-add-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    const addedRow = rows.filter({ hasText: target.code })
    await addedRow.waitFor()
    assert.match(await addedRow.innerText(), /增补/)
    await shot(page, 'k02-cultivation-confirmed')

    // ---- open it and assign a task ----
    await addedRow.click()
    await page.waitForURL(new RegExp(`/cultivation/estates/${target.code}$`))
    await page.locator('[data-test=task-new]').click()
    const taskDialog = page.locator('.el-dialog', { hasText: '布置培育任务' })
    await taskDialog.waitFor()
    await taskDialog.locator('[data-test=task-unit-name]').fill('环市街道办事处')
    await taskDialog.locator('[data-test=task-title]').fill('整治小区消防通道占用')
    const due = taskDialog.locator('.el-date-editor input')
    await due.fill('2023-07-31')
    await due.press('Enter')
    await taskDialog.locator('[data-test=task-submit]').click()
    await taskDialog.waitFor({ state: 'hidden' })
    const task = page.locator('.task', { hasText: '整治小区消防通道占用' })
    await task.waitFor()
    assert.match(await task.innerText(), /环市街道办事处/)
    const work = (await county.get(`/api/campaigns/${YEAR}/cultivation/estates/${target.code}/tasks`)).json
    assert.equal(work.tasks.length, 1)
    assert.equal(work.tasks[0].due_on, '2023-07-31')
    assert.equal(work.tasks[0].status, 'todo')
    await shot(page, 'k03-cultivation-task')
    assert.deepEqual(page.errors, [])
    await page.close()

    // ---- street staff: progress note with a PNG photo ----
    const taskId = work.tasks[0].id
    const sp = await freshPage(browser)
    await login(sp, server.base, 'street_staff', DEMO.street_staff)
    await sp.waitForURL(`${server.base}/`)
    await sp.click('.side-menu .el-menu-item:has-text("培育")')
    const srows = sp.locator('[data-test=cult-table] .el-table__body tr.el-table__row')
    await srows.first().waitFor()
    // Only the estates of the street staff's own town.
    const mine = (await street.get(`/api/campaigns/${YEAR}/cultivation`)).json.estates
    assert.ok(mine.every((e) => e.town_code === townCode))
    assert.equal(await srows.count(), mine.length)
    await srows.filter({ hasText: target.code }).click()
    await sp.waitForURL(new RegExp(`/cultivation/estates/${target.code}$`))
    await sp.locator(`textarea[data-test=note-text-${taskId}]`).fill('已清理消防通道杂物，设置禁停标识。')
    await sp.locator(`[data-test=note-files-${taskId}]`).setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png(32, 24, [200, 40, 40]) })
    await sp.locator('.task', { hasText: '现场照片.png' }).waitFor() // the chosen file is listed before sending
    await sp.click(`[data-test=note-submit-${taskId}]`)
    const img = sp.locator(`.task[data-task="${taskId}"] .photos img`)
    await img.waitFor()
    await sp.waitForFunction((sel) => document.querySelector(sel)?.naturalWidth === 32, `.task[data-task="${taskId}"] .photos img`)
    await shot(sp, 'k04-cultivation-note-photo')
    const after = (await street.get(`/api/campaigns/${YEAR}/cultivation/estates/${target.code}/tasks`)).json
    const note = after.tasks[0].notes[0]
    assert.equal(note.text, '已清理消防通道杂物，设置禁停标识。')
    assert.equal(note.author, 'street_staff')
    assert.equal(note.photos.length, 1)
    assert.equal(note.photos[0].mime, 'image/png')
    assert.equal(note.photos[0].original_name, '现场照片.png')
    assert.deepEqual(sp.errors, [])
    await sp.close()
  })
})
