// The staff application.
import { createApp } from 'vue'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
import './shared/style.css'
import App from './App.vue'
import { router } from './router'

createApp(App).use(router).mount('#app')
