export default definePageConfig({ navigationBarTitleText: '排班与加开' });
