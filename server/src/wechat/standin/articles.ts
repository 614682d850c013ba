import { parseArticleText, readSeedArticleText } from '../../seed/article';
import type { StandinArticle } from './app';
import { escapeHtml } from '../../lib/escape';

/**
 * The official account's articles as the stand-in publishes them: the 2025 seed article and one
 * article per plan area, written from the facts in it. HTML follows the official account's
 * conventions (nested `section`s, inline styles, `data-src` images on mmbiz paths, a cover), with
 * `{{BASE}}` standing for the stand-in's own address, filled in when it answers.
 */
type Block = ['h', string] | ['p', string] | ['img', string, string?];

interface FixtureArticle {
  id: string;
  title: string;
  author: string;
  digest: string;
  /** Asia/Shanghai wall time. */
  time: string;
  cover: string;
  blocks: Block[];
}

const ACCOUNT = '通辽经济技术开发区';

const FIXTURES: FixtureArticle[] = [
  {
    id: 'plan-investment',
    title: '招商引资再提速：开发区集中签约一批大项目好项目',
    author: '开发区招商服务中心',
    digest: '发挥增量配电网、蒸汽直供、保税中心等比较优势，引进一批、储备一批、落地一批。',
    time: '2026-03-18 09:30:00',
    cover: 'investment',
    blocks: [
      ['p', '开发区以区域合作深化行动为引领，明确招商方向、确定主导产业，围绕食品加工、装备制造、现代物流等领域开展精准招商。'],
      ['img', 'investment', '项目集中签约现场'],
      ['h', '比较优势吸引项目落地'],
      [
        'p',
        '增量配电网、蒸汽直供、保税中心等比较优势和产业基础，让企业用电用汽成本更低、进出口更便利。依托宇景高科产业园，开发区继续在装备制造领域招大引强。',
      ],
      ['h', '项目谋划“远近结合”'],
      ['p', '坚持项目谋划“远近结合”、储备“量质齐升”，充实完善项目储备库，争取更多项目纳入上级“大盘子”，把政策增量转化为发展增量。'],
      [
        'p',
        '深入开展“驻企行动”，帮助企业抓市场、抢订单，有效释放现有产能。企业有用地、用工、融资方面的诉求，可拨打开发区招商服务热线咨询。',
      ],
    ],
  },
  {
    id: 'plan-agri-park',
    title: '现代农业科技园项目加快建设 设施农业连点成线',
    author: '开发区农牧和水利局',
    digest: '现代农业科技园连点成线、文旅融合，打造独具开发区特色的设施农业产业集群。',
    time: '2026-04-09 10:00:00',
    cover: 'agri',
    blocks: [
      ['p', '开发区重点实施现代农业科技园项目，持续推动农业专业化、规模化发展，全域推广农业社会化服务，提高粮食产量与农民收入。'],
      ['img', 'agri', '设施农业大棚'],
      ['h', '聚焦农畜产品精深加工'],
      ['p', '依托运达绿色农副产品批发市场的承接作用，聚焦肉牛、肉羊、鲜食玉米等农畜产品精深加工产业，培育农牧业重点企业和知名品牌。'],
      ['h', '农业与文旅融合'],
      ['p', '科技园将设施农业与采摘体验、研学科普相结合，连点成线、文旅融合，让市民在家门口体验现代农业。'],
    ],
  },
  {
    id: 'plan-low-altitude',
    title: '布局新赛道：开发区谋划打造通辽低空经济服务中心',
    author: '开发区经济发展局',
    digest: '布局谋划新兴产业，打造通辽低空经济服务中心，培育发展新质生产力。',
    time: '2026-05-20 15:20:00',
    cover: 'sky',
    blocks: [
      ['p', '加快培育发展新质生产力，开发区布局谋划新兴产业，着力打造通辽低空经济服务中心。'],
      ['h', '服务中心做什么'],
      ['p', '低空经济服务中心将围绕无人机植保、物流配送、应急巡检、文旅飞行等应用场景，提供飞行服务保障、企业孵化和人才培训。'],
      ['img', 'sky', '无人机植保作业'],
      ['h', '与科创平台协同'],
      ['p', '围绕打造蒙东（人才）科创中心的“两中心”“五基地”目标，推进孵化器、技术转移中心、研发中心等平台建设，推动自主创新成果转化应用。'],
    ],
  },
  {
    id: 'plan-land-port',
    title: '谋划建设通辽国际陆港物流中心 发展进出口贸易和跨境电商',
    author: '开发区经济发展局',
    digest: '利用保税物流中心（B型）、内陆港、中欧班列等平台资源，建设国际陆港物流中心。',
    time: '2026-06-12 09:00:00',
    cover: 'port',
    blocks: [
      ['p', '开发区持续开展服务业高质量发展三年行动，依托综合物流园区集聚发展优势，谋划建设通辽国际陆港物流中心。'],
      ['img', 'port', '综合物流园区'],
      ['h', '平台资源联动'],
      ['p', '通辽保税物流中心（B型）、内陆港、中欧班列等平台资源联动，重点发展进出口贸易和跨境电商。'],
      ['h', '物流项目加快建设'],
      ['p', '积极推进泽强医药物流和健康产业园、团商慧聚仓储物流园等项目建设，提升区域物流服务能力。'],
    ],
  },
  {
    id: 'live-childcare',
    title: '“15分钟托育圈”来了：智慧托育服务可在小程序预约',
    author: '开发区社会事业局',
    digest: '智慧托育服务指导中心开放临时托、参观和入托咨询预约，家长可在“经开事·精心办”小程序办理。',
    time: '2026-08-26 08:45:00',
    cover: 'childcare',
    blocks: [
      ['p', '开发区巩固完善智慧托育服务指导中心建设，打造“15分钟托育圈”，让家长在家门口找到放心的托育服务。'],
      ['img', 'childcare', '托育服务指导中心'],
      ['h', '可以预约什么'],
      ['p', '临时托：家长临时有事，可为 6 个月至 3 岁的孩子预约半天托育。参观：带孩子提前看看环境。入托咨询：了解入托条件和费用。'],
      ['h', '怎么预约'],
      ['p', '打开“经开事·精心办”小程序，进入“办事—托育”，选择机构、日期和时段，选择已添加的孩子即可。孩子的信息加密保存，只在预约时使用。'],
    ],
  },
  {
    id: 'live-elderly-meal',
    title: '9个养老服务站开展老年助餐 长辈可到站用餐或送餐上门',
    author: '开发区民政事务服务中心',
    digest: '2个社区居家养老服务站、7个村级养老服务站提供老年助餐，子女可在小程序为父母订餐。',
    time: '2026-09-15 11:00:00',
    cover: 'meal',
    blocks: [
      [
        'p',
        '开发区深入实施养老服务提质增效行动，新建2个社区居家养老服务站、7个村级养老服务站，探索“养老+”服务模式，推广老年助餐、医养结合等特色服务。',
      ],
      ['img', 'meal', '养老服务站助餐现场'],
      ['h', '怎么订餐'],
      [
        'p',
        '每天上午九点前可预订当天午餐，选择到站用餐或送餐上门。子女可以在“经开事·精心办”小程序里为父母订餐，长辈也可以直接拨打服务站电话。',
      ],
      ['h', '其他养老服务'],
      ['p', '推进颐养老年公寓项目落地，探索辽河养老院、河西养老院公建民营方式，提升养老服务质效。'],
    ],
  },
  {
    id: 'live-insurance',
    title: '医保服务“上门办、预约办、自助机办” 行动不便的居民可申请上门',
    author: '开发区医疗保障服务中心',
    digest: '落实医保全民参保计划，行动不便的老人和残疾人可预约工作人员上门办理医保业务。',
    time: '2026-10-10 09:15:00',
    cover: 'insurance',
    blocks: [
      ['p', '开发区落实医保全民参保计划，拓展“上门办、预约办、自助机办”等医保基层服务模式，全面提升医保服务效能。'],
      ['h', '上门办'],
      [
        'p',
        '行动不便的老人、残疾人和重病患者，可在小程序预约“医保上门办”，填写地址和事由，工作人员按约定时间上门办理参保登记、信息变更等业务。',
      ],
      ['img', 'insurance', '医保工作人员上门服务'],
      ['h', '预约办'],
      ['p', '到政务服务大厅办理医保业务，可提前预约时段，到厅后出示预约码即可办理，不用排长队。'],
    ],
  },
  {
    id: 'news-job-fair',
    title: '招聘会暨直播带岗活动举办 线上线下同步送岗位',
    author: '开发区劳动就业服务中心',
    digest: '常态化举办招聘会、直播带岗活动，开展定向培训和技能提升培训。',
    time: '2026-07-03 14:00:00',
    cover: 'jobs',
    blocks: [
      ['p', '开发区以就业促进行动为引领，常态化举办招聘会、直播带岗活动，为求职者和企业搭建对接平台。'],
      ['img', 'jobs', '招聘会现场'],
      ['h', '直播带岗'],
      ['p', '企业负责人走进直播间介绍岗位、薪资和福利，求职者在线提问、投递简历，足不出户就能找工作。'],
      ['h', '技能培训'],
      ['p', '针对重点群体开展定向培训、技能提升培训，提高劳动者技能；开展根治欠薪攻坚行动，保障劳动者合法权益。'],
    ],
  },
  {
    id: 'notice-music-festival',
    title: '草原音乐节报名开启：分场次预约 每人一张电子票',
    author: '开发区文体旅游中心',
    digest: '以北疆文化建设提升行动为引领，草原音乐节开放报名，可为同行家人一起报名。',
    time: '2026-06-28 10:30:00',
    cover: 'music',
    blocks: [
      ['p', '以北疆文化建设提升行动为引领，开发区举办草原音乐节，邀请市民游客共享草原之夏。'],
      ['img', 'music', '草原音乐节舞台'],
      ['h', '报名须知'],
      ['p', '音乐节按场次报名，每个场次名额有限，报满后可排队候补。报名时可添加同行人，每人一张电子票，入场时出示二维码核验。'],
      ['p', '请合理安排出行，提前到场。如不能参加，请在小程序里取消报名，把名额留给别人。'],
    ],
  },
  {
    id: 'notice-horse-racing',
    title: '818哲里木赛马节即将开幕 赛马、搏克、民俗展演等你来',
    author: '开发区文体旅游中心',
    digest: '818哲里木赛马节开幕在即，赛马、搏克、民俗展演轮番登场，观赛可在小程序报名领票。',
    time: '2026-08-05 09:00:00',
    cover: 'horse',
    blocks: [
      ['p', '一年一度的818哲里木赛马节即将开幕。赛马、搏克、射箭和民俗展演轮番登场，展现科尔沁草原的热情。'],
      ['img', 'horse', '赛马场'],
      ['h', '观赛报名'],
      ['p', '观赛区实行报名入场，可在“经开事·精心办”小程序“活动”中选择场次报名，最多可为同行家人一起报名。'],
      ['h', '交通提示'],
      ['p', '活动期间赛场周边道路车流较大，请尽量乘坐公共交通前往，听从现场工作人员指挥。'],
    ],
  },
  {
    id: 'policy-business-env',
    title: '擦亮“经开事·精心办”品牌 12345便民热线“四率”持续提升',
    author: '开发区营商环境服务中心',
    digest: '持续营造优质营商环境，提升12345便民热线“四率”水平，健全政府守信践诺机制。',
    time: '2026-09-02 16:00:00',
    cover: 'hotline',
    blocks: [
      ['p', '开发区聚焦招商引资、项目建设主战场，紧盯企业实际需求，全方位开展7个领域专项工程，持续擦亮“经开事·精心办”政务服务品牌。'],
      ['h', '12345热线怎么帮您'],
      ['p', '遇到急难愁盼问题，可拨打12345便民热线。开发区持续提升热线接通率、响应率、解决率和满意率“四率”水平，做到件件有回音。'],
      ['img', 'hotline', '12345热线工作人员'],
      ['h', '守信践诺'],
      ['p', '健全政府守信践诺机制，推进一批微改革、微创新，以营商环境的优化推动经济社会高质量发展。'],
    ],
  },
  {
    id: 'notice-work-safety',
    title: '关于开展安全生产隐患排查整治的通知',
    author: '开发区应急管理局',
    digest: '以治本攻坚三年行动为抓手，常态化开展安全生产隐患排查整治，严抓安全生产“神经末梢”。',
    time: '2026-11-05 08:30:00',
    cover: 'safety',
    blocks: [
      ['p', '为持续筑牢安全生产防线，开发区以治本攻坚三年行动为抓手，在全区范围内常态化开展安全生产隐患排查整治。'],
      ['h', '排查范围'],
      ['p', '工矿企业、危险化学品、建筑施工、人员密集场所、燃气使用等重点行业领域。'],
      ['img', 'safety', '企业安全检查'],
      ['h', '群众举报'],
      ['p', '发现安全隐患，可拨打12345便民热线反映。请各企业落实主体责任，严抓安全生产“神经末梢”。'],
    ],
  },
  {
    id: 'policy-housing',
    title: '一图读懂：房地产领域“1+6”政策体系配套举措',
    author: '开发区住房和城乡建设局',
    digest: '从土地供应、规划调整、项目建设、基础设施配套、房地产销售等方面多策施力。',
    time: '2026-04-22 17:00:00',
    cover: 'housing',
    blocks: [
      ['p', '开发区深入贯彻落实通辽市房地产领域“1+6”政策体系，出台相应配套举措，促进房地产业健康有序发展。'],
      ['img', 'housing', '新建住宅小区'],
      ['h', '多策施力'],
      ['p', '从土地供应、规划调整、项目建设、基础设施配套、房地产销售等方面多策施力；全力推进保交楼行动，分类解决房地产“三难”问题。'],
    ],
  },
];

const P_STYLE = 'margin:0 0 16px;font-size:16px;line-height:1.75;letter-spacing:0.5px;color:#333333;text-indent:2em;';
const H_STYLE = 'margin:24px 0 12px;padding-left:10px;border-left:4px solid #1a5fb4;font-size:17px;font-weight:bold;color:#1a5fb4;';

/** The address of a stand-in image, as mmbiz.qpic.cn addresses look. */
export const standinImageUrl = (name: string) => `{{BASE}}/mmbiz_png/${name}/640?wx_fmt=png`;

function render(blocks: Block[]): string {
  const parts = blocks.map((b) => {
    if (b[0] === 'h') return `<section style="${H_STYLE}"><span>${escapeHtml(b[1])}</span></section>`;
    if (b[0] === 'p') return `<p style="${P_STYLE}"><span style="font-size:16px;">${escapeHtml(b[1])}</span></p>`;
    const caption = b[2] ? `<p style="text-align:center;font-size:13px;color:#888888;margin:0 0 16px;">${escapeHtml(b[2])}</p>` : '';
    return (
      `<section style="text-align:center;margin:0 0 8px;"><img class="rich_pages wxw-img" data-ratio="0.5625" data-s="300,640" ` +
      `data-src="${standinImageUrl(b[1])}" data-type="png" data-w="1080" style="width:100%;height:auto;" /></section>${caption}`
    );
  });
  return `<section style="padding:0 8px;box-sizing:border-box;" data-role="outer">${parts.join('')}</section>`;
}

const unix = (time: string) => Math.floor(new Date(`${time.replace(' ', 'T')}+08:00`).getTime() / 1000);

function newsItem(a: { title: string; author: string; digest: string; content: string; cover: string; id: string }) {
  return {
    title: a.title,
    author: a.author,
    digest: a.digest,
    content: a.content,
    content_source_url: '',
    thumb_media_id: `thumb_${a.id}`,
    thumb_url: standinImageUrl(a.cover),
    need_open_comment: 0,
    only_fans_can_comment: 0,
    url: `{{BASE}}/s/${a.id}`,
    is_deleted: false,
  };
}

/** The 2025 article the product grew from, as the official account published it. */
function seedArticle(): StandinArticle {
  const parsed = parseArticleText(readSeedArticleText());
  const t = Math.floor(parsed.publishedAt.getTime() / 1000);
  const id = 'seed-2025-plan';
  return {
    article_id: id,
    update_time: t,
    content: {
      create_time: t,
      update_time: t,
      news_item: [
        newsItem({
          id,
          title: parsed.title,
          author: parsed.account,
          digest: parsed.digest,
          content: `<section style="padding:0 8px;" data-role="outer"><section style="text-align:center;"><img data-src="${standinImageUrl('plan')}" data-w="1080" style="width:100%;" /></section>${parsed.contentHtml}</section>`,
          cover: 'plan',
        }),
      ],
    },
  };
}

/** Every fixture article, oldest first (batchget answers newest first). */
export function standinFixtureArticles(): StandinArticle[] {
  const written = FIXTURES.map((f) => {
    const t = unix(f.time);
    return {
      article_id: f.id,
      update_time: t,
      content: { create_time: t, update_time: t, news_item: [newsItem({ ...f, content: render(f.blocks) })] },
    };
  });
  return [seedArticle(), ...written].sort((a, b) => a.update_time - b.update_time);
}

export const STANDIN_ACCOUNT = ACCOUNT;
