// The public list pages (/gongshi…) as their own small app: no router, no Element Plus (read on phones).
import { createApp } from 'vue'
import '../shared/light.css'
import GongshiPage from './GongshiPage.vue'

createApp(GongshiPage).mount('#app')
