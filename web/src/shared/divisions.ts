// The caller's division tree (GET /api/divisions), cached for the session.
import { api } from './api'
import type { DivisionNode, DivisionsAnswer } from './types'

let cache: Promise<DivisionsAnswer> | null = null
let cacheUser: string | number | null = null

export function loadDivisions(userId: string | number | undefined, refresh = false): Promise<DivisionsAnswer> {
  if (refresh || !cache || cacheUser !== (userId ?? null)) {
    cacheUser = userId ?? null
    cache = api<DivisionsAnswer>('GET', '/api/divisions')
    cache.catch(() => {
      cache = null
    })
  }
  return cache
}

export interface CountyOption {
  code: string
  name: string
  towns: { code: string; name: string }[]
}

/** The counties visible in the caller's tree, each with its towns. Works for a city, county or town root. */
export function countiesOf(a: DivisionsAnswer): CountyOption[] {
  const t = a.tree
  const towns = (n: DivisionNode) => (n.children || []).filter((c) => c.level === 'town').map((c) => ({ code: c.code, name: c.name }))
  if (t.level === 'city') return (t.children || []).map((c) => ({ code: c.code, name: c.name, towns: towns(c) }))
  if (t.level === 'county') return [{ code: t.code, name: t.name, towns: towns(t) }]
  // A town scope: its county is the last-but-one entry of the path.
  const path = a.path || []
  const county = path.length >= 2 ? path[path.length - 2] : { code: '', name: '' }
  return [{ code: county.code, name: county.name, towns: [{ code: t.code, name: t.name }] }]
}

/** Finds a node and its county code in the tree. */
export function findNode(a: DivisionsAnswer, code: string): { node: DivisionNode; county?: string } | null {
  const walk = (n: DivisionNode, county?: string): { node: DivisionNode; county?: string } | null => {
    const c = n.level === 'county' ? n.code : county
    if (n.code === code) return { node: n, county: c }
    for (const ch of n.children || []) {
      const r = walk(ch, c)
      if (r) return r
    }
    return null
  }
  return walk(a.tree)
}
