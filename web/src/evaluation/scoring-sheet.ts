// The evaluator's scoring sheet as the scoring page edits it: the client checks mirroring the server, the
// request body, and the server's refusals sorted to their fields (EvalScoringView and its cards).
import { ApiError } from '../shared/api'
import { allUnits, checkScore, evaluatorPrinciples, type PrincipleMark, type RubricItem, type ScoringView } from './evaluation'

export const SECTION_NO = ['一', '二', '三', '四', '五', '六']

/** Problems by field: "scores.<unit>", "principles.<P>" and "principles.<P>.reason". */
export type SheetErrors = Record<string, string>

export function unitLabel(item: RubricItem, unitId: string): string {
  return item.units.length > 1 ? unitId : item.id
}

/** The scores and marks of a sheet (empty when there is none yet), one per unit and evaluator principle. */
export function fillSheet(view: ScoringView, scores: Record<string, string>, marks: Record<string, PrincipleMark>) {
  const sheet = view.sheet
  for (const u of allUnits(view.rubric)) scores[u.id] = sheet?.scores[u.id] ?? ''
  for (const p of evaluatorPrinciples(view.rubric)) {
    const m = sheet?.principles[p.id]
    marks[p.id] = { pass: m?.pass ?? null, reason: m?.reason ?? '' }
  }
}

/** Client checks mirroring the server into `errors`; `complete` for a submission. */
export function checkSheet(
  view: ScoringView,
  scores: Record<string, string>,
  marks: Record<string, PrincipleMark>,
  errors: SheetErrors,
  complete: boolean,
) {
  for (const s of view.rubric.sections)
    for (const i of s.items)
      for (const u of i.units) {
        const t = (scores[u.id] ?? '').trim()
        const label = unitLabel(i, u.id)
        const msg = t ? checkScore(t, u.max, label) : complete ? `第${label}项尚未打分` : ''
        if (msg) errors[`scores.${u.id}`] = msg
      }
  for (const p of evaluatorPrinciples(view.rubric)) {
    const m = marks[p.id]
    if (m.pass === null && complete) errors[`principles.${p.id}`] = `尚未评定${p.id}是否符合`
    if (m.pass === false && Array.from(m.reason.trim()).length < 2) errors[`principles.${p.id}.reason`] = `评定${p.id}为不符合时，理由须填写2至500个字`
    if (Array.from(m.reason).length > 500) errors[`principles.${p.id}.reason`] = '理由不超过500个字'
  }
}

export function sheetBody(scores: Record<string, string>, marks: Record<string, PrincipleMark>) {
  const s: Record<string, string> = {}
  for (const [k, v] of Object.entries(scores)) if (v.trim()) s[k] = v.trim()
  const p: Record<string, { pass: boolean | null; reason: string }> = {}
  for (const [k, m] of Object.entries(marks)) if (m.pass !== null || m.reason.trim()) p[k] = { pass: m.pass, reason: m.reason.trim() }
  return { scores: s, principles: p }
}

/** A 400's problems: those of a score or principle into `errors`, the rest into `general`. False for other errors. */
export function takeServerErrors(e: unknown, errors: SheetErrors, general: string[]): boolean {
  if (!(e instanceof ApiError) || e.status !== 400) return false
  const list: { field?: string; message_zh: string }[] = e.body?.errors?.length ? e.body.errors : [{ field: e.field, message_zh: e.messageZh }]
  for (const x of list) {
    if (x.field && (x.field.startsWith('scores.') || x.field.startsWith('principles.'))) {
      const f = x.field.replace(/\.pass$/, '')
      errors[f] = errors[f] ? `${errors[f]}；${x.message_zh}` : x.message_zh
    } else general.push(x.message_zh)
  }
  return true
}
