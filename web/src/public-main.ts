// The public list pages (/gongshi…) as their own small app: no router, no Element Plus (read on phones).
import { createApp } from 'vue'
import './light.css'
import GongshiPage from './views/GongshiPage.vue'

createApp(GongshiPage).mount('#app')
