export default definePageConfig({ navigationBarTitleText: '资讯管理', enablePullDownRefresh: true });
