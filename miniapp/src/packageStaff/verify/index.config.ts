export default definePageConfig({ navigationBarTitleText: '核验预约' });
