// 评价标准 as the page edits it: a draft per item (maximum or sub-items) built from the server's rubric, the live
// sums in tenths, editing the sub-items, and the refinement a PUT sends (RubricView and RubricItemEditor).
import type { GateKey } from '../applications/applications'
import { formatTenths, REFERENCE_ITEM_MAX_TENTHS, RUBRIC_MAX_SUB_ITEMS, toTenths, type RefinementItem, type UnitRubric } from './rubric'

export interface DraftSub {
  key: number
  name: string
  max: string
}
export interface DraftItem {
  id: string
  text: string
  gate: GateKey
  max: string
  /** The city's maximum in tenths: an item at it needs no refinement entry. */
  refTenths: number
  subs: DraftSub[]
  /** As loaded, to tell what changed. */
  loaded: string
}
export type DraftSection = { number: number; name: string; weight: number; items: DraftItem[] }

let subKey = 0

export function snapshot(i: DraftItem): string {
  return JSON.stringify({ max: i.subs.length ? '' : i.max.trim(), subs: i.subs.map((s) => [s.name.trim(), s.max.trim()]) })
}

export function draftOf(r: UnitRubric): DraftSection[] {
  return r.sections.map((s) => ({
    number: s.number,
    name: s.name_zh,
    weight: s.weight,
    items: s.items.map((it) => {
      const d: DraftItem = {
        id: it.id,
        text: it.text_zh,
        gate: it.gate,
        max: it.max,
        refTenths: (it.reference_max && toTenths(it.reference_max)) || REFERENCE_ITEM_MAX_TENTHS,
        subs: it.sub_items.map((x) => ({ key: ++subKey, name: x.name, max: x.max })),
        loaded: '',
      }
      d.loaded = snapshot(d)
      return d
    }),
  }))
}

// ---- live sums ----
export function itemTenths(i: DraftItem): number | null {
  if (i.subs.length) {
    let sum = 0
    for (const s of i.subs) {
      const t = toTenths(s.max)
      if (t === null) return null
      sum += t
    }
    return sum
  }
  return toTenths(i.max)
}
export function sectionTenths(s: { items: DraftItem[] }): number | null {
  let sum = 0
  for (const i of s.items) {
    const t = itemTenths(i)
    if (t === null) return null
    sum += t
  }
  return sum
}

// ---- editing ----
export function addSub(i: DraftItem) {
  if (i.subs.length >= RUBRIC_MAX_SUB_ITEMS) return
  i.subs.push({ key: ++subKey, name: '', max: '' })
}
export function removeSub(i: DraftItem, idx: number) {
  i.subs.splice(idx, 1)
  if (!i.subs.length && toTenths(i.max) === null) i.max = formatTenths(i.refTenths)
}
export function splitIntoSubs(i: DraftItem) {
  i.subs.push({ key: ++subKey, name: '', max: i.max }, { key: ++subKey, name: '', max: '' })
}

export function refinementOf(draft: DraftSection[]): RefinementItem[] {
  const out: RefinementItem[] = []
  for (const s of draft)
    for (const i of s.items) {
      if (i.subs.length) out.push({ id: i.id, sub_items: i.subs.map((x) => ({ name: x.name, max: x.max.trim() })) })
      else if (toTenths(i.max) !== i.refTenths) out.push({ id: i.id, max: i.max.trim() })
    }
  return out
}
