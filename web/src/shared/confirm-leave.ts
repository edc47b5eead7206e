// Asking before leaving a page with unsaved changes (申报材料, 评分): the route guard's answer, true to leave.
import { ElMessageBox } from 'element-plus'

export async function confirmLeave(message: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, '尚未保存', {
      confirmButtonText: '离开',
      cancelButtonText: '留在本页',
      type: 'warning',
    })
    return true
  } catch {
    return false
  }
}
