// 评价标准 (选树参考标准 and a unit's refinement): the types of GET/PUT /api/campaigns/{year}/rubric
// (src/http/handlers/rubrics.cc) and small helpers for points with one decimal.
import type { RubricSection, SubItem } from '../applications/applications'

export interface RefinementItem {
  id: string
  max?: string
  sub_items?: SubItem[]
}

export interface SectionMaxima {
  number: number
  weight: number
  max: string
  items: { id: string; max: string }[]
}

export interface UnitRubric {
  year: number
  unit_code: string
  unit_name: string
  level: 'county' | 'city'
  version: number
  updated_at: string | null
  updated_by: string | null
  refined: boolean
  refinement: { items: RefinementItem[] }
  sections: RubricSection[]
  maxima: SectionMaxima[]
  frozen: boolean
  frozen_phase: string
  frozen_from: string
}

export const RUBRIC_MAX_POINTS = 100
export const RUBRIC_MAX_SUB_ITEMS = 20

/** "8.5" → 85 tenths; null when not a number ≥ 0 with at most one decimal (the server's rule). */
export function toTenths(text: string): number | null {
  const t = text.trim()
  const m = /^(\d{1,6})(?:\.(\d+))?$/.exec(t)
  if (!m) return null
  let frac = m[2] || ''
  while (frac.length > 1 && frac.endsWith('0')) frac = frac.slice(0, -1)
  if (frac.length > 1) return null
  return Number(m[1]) * 10 + (frac ? Number(frac) : 0)
}

export function formatTenths(t: number): string {
  const sign = t < 0 ? '-' : ''
  const a = Math.abs(t)
  return a % 10 ? `${sign}${Math.floor(a / 10)}.${a % 10}` : `${sign}${a / 10}`
}

/** The reference maximum of every item (rules.md §6: "Each item has a maximum (default 10)"). */
export const REFERENCE_ITEM_MAX_TENTHS = 100

/** Where a rubric error's field points: items.<id>[.max | .sub_items[.<n>[.name|.max]]]. */
export interface RubricErrorPlace {
  item: string
  part: 'item' | 'max' | 'sub_items' | 'sub_name' | 'sub_max'
  sub?: number
}
export function rubricErrorPlace(field: string): RubricErrorPlace | null {
  const m = /^items\.(\d+(?:\.\d+)?)(?:\.(max|sub_items)(?:\.(\d+)(?:\.(name|max))?)?)?$/.exec(field)
  if (!m) return null
  const [, item, what, n, sub] = m
  if (!what) return { item, part: 'item' }
  if (what === 'max') return { item, part: 'max' }
  if (!n) return { item, part: 'sub_items' }
  if (!sub) return { item, part: 'sub_items', sub: Number(n) }
  return { item, part: sub === 'name' ? 'sub_name' : 'sub_max', sub: Number(n) }
}
