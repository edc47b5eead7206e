// Helpers of the public survey page (SurveyPage, SurveyForm): the code in the address, the server's error
// answer, and the wording of dates. Plain TypeScript, no Element Plus (the page must stay light).

export function codeFromPath(): string {
  const m = /^\/survey\/([^/?#]+)/.exec(window.location.pathname)
  if (!m) return ''
  try {
    return decodeURIComponent(m[1])
  } catch {
    return m[1]
  }
}

export async function readError(res: Response): Promise<{ code: string; zh: string; field?: string }> {
  try {
    const j = await res.json()
    return { code: j?.error?.code || '', zh: j?.error?.message_zh || '', field: j?.error?.field || undefined }
  } catch {
    return { code: '', zh: '' }
  }
}

/** Splits text around YYYY-MM-DD dates so that a date is never broken across lines on a narrow phone. */
export function keepDates(t: string): { text: string; date: boolean }[] {
  return t
    .split(/(\d{4}-\d{2}-\d{2})/)
    .filter(Boolean)
    .map((x) => ({ text: x, date: /^\d{4}-\d{2}-\d{2}$/.test(x) }))
}

/** The server's message as a sentence (it may or may not end with a full stop). */
export function sentence(t: string): string {
  return /[。！？!?.]$/.test(t) ? t : `${t}。`
}

export function formatReceived(iso: string): string {
  const d = new Date(iso)
  if (!iso || Number.isNaN(d.getTime())) return ''
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d)
}
