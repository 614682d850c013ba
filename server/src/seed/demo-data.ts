import type { FormField, ServiceKind, ServiceRules, SiteMeal } from '@jingkai/shared';

/** Demo sites and services. Addresses are plausible places in 通辽经济技术开发区, marked as demo. */
export interface DemoSite {
  key: string;
  name: string;
  address: string;
  phone: string;
  hours: string;
  lat: number;
  lng: number;
  /** A 助餐 site's weekly menu. */
  menu?: SiteMeal[];
}

export interface DemoSchedule {
  /** ISO weekdays 1 (Mon) .. 7 (Sun). */
  weekdays: number[];
  times: [string, string][];
  capacity: number;
}

export interface DemoService {
  key: string;
  kind: ServiceKind;
  name: string;
  summary: string;
  description: string;
  phone: string;
  form: FormField[];
  sites: DemoSite[];
  schedule: DemoSchedule;
  rules: ServiceRules;
}

const HALL_PHONE = '0475-8212345';

const person: FormField[] = [
  { name: 'name', label: '姓名', type: 'text', required: true },
  { name: 'phone', label: '手机号', type: 'phone', required: true },
  { name: 'idNumber', label: '身份证号', type: 'idNumber', required: true },
];

const hall: DemoSite = {
  key: 'yibao-hall',
  name: '开发区医保服务大厅',
  address: '通辽市开发区辽河大街政务服务中心一楼（演示地址）',
  phone: HALL_PHONE,
  hours: '周一至周五 9:00-12:00，14:00-17:30',
  lat: 43.6012,
  lng: 122.1856,
};

const village = (key: string, name: string, lat: number, lng: number, n: number): DemoSite => ({
  key,
  name: `${name}养老服务站`,
  address: `通辽市开发区辽河镇${name}村委会旁（演示地址）`,
  phone: `0475-821340${n}`,
  hours: '每天 11:00-12:30，17:00-18:00',
  lat,
  lng,
  menu: mealMenu,
});

/** The 助餐 stations' weekly menu (one kitchen cooks for all of them): lunch at 11:00, dinner at 17:00, Monday first. */
const MEAL_WEEK: [string, string][] = [
  ['米饭、红烧鸡块、清炒西兰花、紫菜蛋花汤', '小米粥、肉末茄子、花卷'],
  ['米饭、土豆炖牛肉、蒜蓉油麦菜、冬瓜汤', '南瓜粥、西红柿炒鸡蛋、馒头'],
  ['二米饭、清蒸鱼块、醋溜白菜、豆腐汤', '鸡蛋面、卤豆干、拌黄瓜'],
  ['米饭、白菜炖豆腐、木须肉、萝卜汤', '玉米粥、酸菜炖粉条、发糕'],
  ['米饭、猪肉酸菜饺子、炒豆芽、小米粥', '八宝粥、蒸鸡蛋羹、豆沙包'],
  ['米饭、红烧排骨、炒三丝、海带汤', '疙瘩汤、土豆丝、馒头'],
  ['米饭、清炖羊肉、炒青菜、鸡蛋汤', '小米粥、炒合菜、烙饼'],
];
const mealMenu: SiteMeal[] = MEAL_WEEK.flatMap(([lunch, dinner], i) => [
  { weekday: i + 1, start: '11:00', dishes: lunch },
  { weekday: i + 1, start: '17:00', dishes: dinner },
]);

export const DEMO_SERVICES: DemoService[] = [
  {
    key: 'elderly-meal',
    kind: 'elderly-meal',
    name: '老年助餐',
    summary: '社区和村级养老服务站的午餐、晚餐，可到店取餐或送餐上门',
    description: '开发区 2 个社区居家养老服务站、7 个村级养老服务站和 2 家养老院提供老年助餐，按时到站取餐；行动不便的老人可选送餐上门。',
    phone: '0475-8213366',
    form: [
      { name: 'name', label: '用餐老人姓名', type: 'text', required: true },
      { name: 'phone', label: '联系电话', type: 'phone', required: true },
      {
        name: 'pickup',
        label: '取餐方式',
        type: 'select',
        required: true,
        options: [
          { value: 'store', label: '到店取餐' },
          { value: 'delivery', label: '送餐上门' },
        ],
      },
      {
        name: 'address',
        label: '送餐地址',
        type: 'textarea',
        required: false,
        requiredWhen: { field: 'pickup', value: 'delivery' },
      },
      { name: 'diet', label: '饮食禁忌', type: 'text', required: false },
    ],
    sites: [
      {
        key: 'hexi-community',
        name: '河西社区居家养老服务站',
        address: '通辽市开发区河西街道河西社区服务中心一楼（演示地址）',
        phone: '0475-8213366',
        hours: '每天 11:00-12:30，17:00-18:00',
        lat: 43.6105,
        lng: 122.1923,
        menu: mealMenu,
      },
      {
        key: 'liaohe-community',
        name: '辽河社区居家养老服务站',
        address: '通辽市开发区辽河大街辽河社区服务中心（演示地址）',
        phone: '0475-8213377',
        hours: '每天 11:00-12:30，17:00-18:00',
        lat: 43.5968,
        lng: 122.1764,
        menu: mealMenu,
      },
      village('qianjin', '前进', 43.5832, 122.1521, 1),
      village('xinfa', '新发', 43.5751, 122.2012, 2),
      village('dongxing', '东兴', 43.6213, 122.2268, 3),
      village('shengli', '胜利', 43.5687, 122.1702, 4),
      village('fujia', '富家', 43.6321, 122.1589, 5),
      village('shuanghe', '双合', 43.5902, 122.2347, 6),
      village('liaohe', '辽河', 43.5795, 122.1866, 7),
      {
        key: 'liaohe-home',
        name: '辽河养老院',
        address: '通辽市开发区辽河镇养老院路 8 号（演示地址）',
        phone: '0475-8213388',
        hours: '每天 11:00-12:30，17:00-18:00',
        lat: 43.5812,
        lng: 122.1902,
        menu: mealMenu,
      },
      {
        key: 'hexi-home',
        name: '河西养老院',
        address: '通辽市开发区河西街道颐养路 16 号（演示地址）',
        phone: '0475-8213399',
        hours: '每天 11:00-12:30，17:00-18:00',
        lat: 43.6133,
        lng: 122.1877,
        menu: mealMenu,
      },
    ],
    schedule: {
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      times: [
        ['11:00', '12:30'],
        ['17:00', '18:00'],
      ],
      capacity: 30,
    },
    rules: { opensDaysAhead: 7, closesMinutesBefore: 60, orderCutoff: '09:00', cancelMinutesBefore: 120, maxActivePerDay: 2 },
  },
  {
    key: 'insurance-doorstep',
    kind: 'insurance-doorstep',
    name: '医保上门办',
    summary: '行动不便的老人、残疾人，医保工作人员上门办理参保登记等业务',
    description: '为行动不便的群众提供医保参保登记、信息变更、待遇认证等上门服务。按半天预约，工作人员在预约时段内上门。',
    phone: HALL_PHONE,
    form: [
      ...person,
      { name: 'address', label: '上门地址', type: 'textarea', required: true },
      {
        name: 'reason',
        label: '办理事项',
        type: 'select',
        required: true,
        options: [
          { value: 'enroll', label: '办理医保参保登记' },
          { value: 'change', label: '参保信息变更' },
          { value: 'certify', label: '待遇资格认证' },
          { value: 'other', label: '其他医保业务' },
        ],
      },
      { name: 'whyHome', label: '需要上门的原因', type: 'text', required: true },
      { name: 'atHome', label: '届时在家的人', type: 'text', required: true },
    ],
    sites: [{ ...hall, key: 'yibao-doorstep', name: '医保上门服务队', hours: '周一至周五 上午、下午各一队' }],
    schedule: {
      weekdays: [1, 2, 3, 4, 5],
      times: [
        ['09:00', '12:00'],
        ['14:00', '17:30'],
      ],
      capacity: 4,
    },
    rules: { opensDaysAhead: 14, closesMinutesBefore: 24 * 60, cancelMinutesBefore: 12 * 60, maxActivePerDay: 1 },
  },
  {
    key: 'insurance-appointment',
    kind: 'insurance-appointment',
    name: '医保预约办',
    summary: '预约医保服务大厅的办理时段，到厅不排队',
    description: '预约医保服务大厅的时段，按时到厅凭预约码优先办理。',
    phone: HALL_PHONE,
    form: [
      ...person,
      {
        name: 'matter',
        label: '办理事项',
        type: 'select',
        required: true,
        options: [
          { value: 'enroll', label: '参保登记' },
          { value: 'transfer', label: '医保关系转移' },
          { value: 'remote', label: '异地就医备案' },
          { value: 'chronic', label: '门诊慢特病申请' },
          { value: 'other', label: '其他' },
        ],
      },
      { name: 'note', label: '补充说明', type: 'textarea', required: false },
    ],
    sites: [hall],
    schedule: {
      weekdays: [1, 2, 3, 4, 5],
      times: [
        ['09:00', '09:30'],
        ['09:30', '10:00'],
        ['10:00', '10:30'],
        ['10:30', '11:00'],
        ['11:00', '11:30'],
        ['14:00', '14:30'],
        ['14:30', '15:00'],
        ['15:00', '15:30'],
        ['15:30', '16:00'],
        ['16:00', '16:30'],
        ['16:30', '17:00'],
      ],
      capacity: 3,
    },
    rules: { opensDaysAhead: 7, closesMinutesBefore: 60, cancelMinutesBefore: 60, maxActivePerDay: 1 },
  },
  {
    key: 'childcare',
    kind: 'childcare',
    name: '托育服务',
    summary: '“15分钟托育圈”：临时托、参观、入托咨询',
    description: '依托智慧托育服务指导中心，打造“15分钟托育圈”。可预约临时托、参观或入托咨询。',
    phone: '0475-8215155',
    form: [
      { name: 'childName', label: '孩子姓名', type: 'text', required: true },
      { name: 'ageMonths', label: '孩子月龄', type: 'number', required: true, min: 1, max: 36 },
      {
        name: 'careType',
        label: '预约类型',
        type: 'select',
        required: true,
        options: [
          { value: 'temporary', label: '临时托' },
          { value: 'visit', label: '参观' },
          { value: 'consult', label: '入托咨询' },
        ],
      },
      { name: 'guardianPhone', label: '家长手机号', type: 'phone', required: true },
    ],
    sites: [
      {
        key: 'childcare-center',
        name: '智慧托育服务指导中心',
        address: '通辽市开发区新城区育才路 18 号（演示地址）',
        phone: '0475-8215155',
        hours: '周一至周六 8:30-17:00',
        lat: 43.6051,
        lng: 122.2013,
      },
    ],
    schedule: {
      weekdays: [1, 2, 3, 4, 5, 6],
      times: [
        ['09:00', '10:00'],
        ['10:00', '11:00'],
        ['15:00', '16:00'],
      ],
      capacity: 5,
    },
    rules: { opensDaysAhead: 7, closesMinutesBefore: 120, cancelMinutesBefore: 120, maxActivePerDay: 1 },
  },
];

export interface DemoEvent {
  key: string;
  title: string;
  category: 'festival' | 'job-fair' | 'culture' | 'sports' | 'other';
  venue: string;
  description: string;
  /**
   * When the first session is: `inDays` from today (the job fair, always soon), or on a fixed
   * `MM-DD` each year (the festivals' true dates), the coming one counted from today.
   */
  first: { inDays: number } | { on: string };
  /** Days between sessions. */
  sessionDays: number;
  sessions: number;
  capacity: number;
  maxAttendees: number;
  waitlist: boolean;
  hours: [string, string];
  /** Street address and gcj02 coordinates (demo values near the zone) for navigation. */
  address: string;
  location: { lat: number; lng: number };
  /** The questions of its signup form, beyond the attendees. */
  form: FormField[];
  /** A piece of the title of the 资讯 article about it (the stand-in's), linked once news is mirrored. */
  article?: string;
}

export const EVENT_ATTENDEE_FORM: FormField[] = [{ name: 'contactPhone', label: '联系电话', type: 'phone', required: true }];

/** A job fair asks what the applicant looks for, as pretix's questions do. */
const JOB_FAIR_FORM: FormField[] = [
  ...EVENT_ATTENDEE_FORM,
  { name: 'desiredJob', label: '意向岗位', type: 'text', required: true },
  {
    name: 'education',
    label: '最高学历',
    type: 'select',
    required: true,
    options: [
      { value: 'middle', label: '初中及以下' },
      { value: 'high', label: '高中/中专' },
      { value: 'college', label: '大专' },
      { value: 'bachelor', label: '本科' },
      { value: 'master', label: '研究生' },
    ],
  },
];

export const DEMO_EVENTS: DemoEvent[] = [
  {
    key: 'job-fair',
    title: '开发区春风行动专场招聘会',
    category: 'job-fair',
    venue: '开发区人力资源市场一楼大厅（演示地址）',
    description: '常态化招聘会暨直播带岗活动，园区重点企业现场招聘，提供政策咨询和技能培训报名。',
    first: { inDays: 3 },
    sessionDays: 1,
    sessions: 2,
    capacity: 300,
    maxAttendees: 1,
    waitlist: false,
    hours: ['09:00', '12:00'],
    address: '通辽市科尔沁区开发区人力资源市场（演示地址）',
    location: { lat: 43.6531, lng: 122.2662 },
    form: JOB_FAIR_FORM,
    article: '招聘会暨直播带岗',
  },
  {
    key: 'grassland-music',
    title: '科尔沁草原音乐节',
    category: 'festival',
    venue: '开发区科尔沁草原城市会客厅（演示地址）',
    description: '草原音乐节，民族乐队与流行歌手同台演出。凭电子票入场，每人最多为 3 位同行者报名。',
    first: { on: '07-25' },
    sessionDays: 1,
    sessions: 2,
    capacity: 2000,
    maxAttendees: 3,
    waitlist: true,
    hours: ['18:30', '22:00'],
    address: '通辽市开发区科尔沁草原城市会客厅（演示地址）',
    location: { lat: 43.6302, lng: 122.3128 },
    form: EVENT_ATTENDEE_FORM,
    article: '草原音乐节',
  },
  {
    key: 'xiliaohe-culture',
    title: '西辽河文化节',
    category: 'culture',
    venue: '开发区西辽河文化广场（演示地址）',
    description: '西辽河文化节：非遗展示、民俗表演和文创市集，感受北疆文化。',
    first: { on: '09-20' },
    sessionDays: 1,
    sessions: 2,
    capacity: 800,
    maxAttendees: 4,
    waitlist: true,
    hours: ['09:30', '17:00'],
    address: '通辽市开发区西辽河文化广场（演示地址）',
    location: { lat: 43.6405, lng: 122.2891 },
    form: EVENT_ATTENDEE_FORM,
  },
  {
    key: 'zhelimu-horse-race',
    title: '818哲里木赛马节',
    category: 'sports',
    venue: '通辽市哲里木赛马场（演示地址）',
    description: '818哲里木赛马节：传统赛马、搏克、射箭。开幕日名额有限，额满后可排队候补。',
    first: { on: '08-18' },
    sessionDays: 1,
    sessions: 2,
    capacity: 1500,
    maxAttendees: 3,
    waitlist: true,
    hours: ['08:30', '18:00'],
    address: '通辽市哲里木赛马场（演示地址）',
    location: { lat: 43.6718, lng: 122.2453 },
    form: EVENT_ATTENDEE_FORM,
    article: '818哲里木赛马节',
  },
];
