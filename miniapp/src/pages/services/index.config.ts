export default definePageConfig({ navigationBarTitleText: '办事', enablePullDownRefresh: true });
