export default definePageConfig({ navigationBarTitleText: '实时人数' });
