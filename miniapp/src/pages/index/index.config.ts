export default definePageConfig({ navigationBarTitleText: '经开事·精心办', enablePullDownRefresh: true });
