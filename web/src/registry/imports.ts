// 批量导入: the types of POST /api/estates/import (a dry run or an import, and the problems per cell).

export interface Problem {
  row: number
  column: string
  value: string
  message_zh: string
  message_en: string
  suggestion?: string
}

export interface ImportResult {
  dry_run: boolean
  rows: number
  created: number
  updated: number
  unchanged: number
}
