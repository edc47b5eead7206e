// 审计日志: the type of one record of GET /api/audit.

export interface AuditRecord {
  id: number
  at: string
  username: string
  action: string
  object: string
  before: unknown
  after: unknown
  client: string
  result: string
  hash: string
}
