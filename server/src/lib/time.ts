/** The server's date helpers are the shared ones (Asia/Shanghai calendar dates and ISO times). */
export { addDays, at, startOfDate, toDateString, toIso } from '@jingkai/shared';
