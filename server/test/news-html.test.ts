import { imageUrls, plainLine, plainText, sanitizeArticleHtml, toBlocks } from '../src/modules/news/html';
import { classify, DEFAULT_CATEGORY_RULES } from '../src/modules/news/categories';

describe('sanitising official-account HTML', () => {
  it('drops scripts, event handlers, javascript: and data: URLs, iframes and url() in styles', () => {
    const dirty =
      '<section style="color:#333;background-image:url(javascript:alert(1))" onmouseover="x()">' +
      '<script>alert(1)</script><iframe src="https://evil.example"></iframe>' +
      '<a href="javascript:alert(1)" onclick="y()">链接</a><a href="https://mp.weixin.qq.com/s/ok">好链接</a>' +
      '<img src="data:image/png;base64,AAAA"><img src="javascript:alert(1)">' +
      '<p style="font-size:16px;width:expression(alert(1))">正文</p><svg onload="z()"></svg></section>';
    expect(sanitizeArticleHtml(dirty)).toBe(
      '<section style="color:#333"><a>链接</a><a href="https://mp.weixin.qq.com/s/ok">好链接</a><p style="font-size:1em">正文</p></section>',
    );
  });

  it('turns pixel font sizes into em of the 16px body, so 长辈版 scales articles too', () => {
    expect(
      sanitizeArticleHtml('<p style="font-size:17px"><span style="font-size: 14px">字</span></p><p style="font-size:60px">大</p>'),
    ).toBe('<p style="font-size:1.063em"><span style="font-size:0.875em">字</span></p><p style="font-size:60px">大</p>');
  });

  it('turns lazy data-src images into src, through the mirror, and keeps the aspect ratio', () => {
    const html =
      '<p><img class="rich_pages" data-src="https://mmbiz.qpic.cn/a/640?wx_fmt=png&amp;from=appmsg" data-ratio="0.75" data-w="1080"></p>';
    expect(imageUrls(html)).toEqual(['https://mmbiz.qpic.cn/a/640?wx_fmt=png&from=appmsg']);
    const out = sanitizeArticleHtml(html, { image: (u) => (u.startsWith('https://mmbiz.qpic.cn/a/') ? '/api/media/x.png' : u) });
    expect(out).toBe('<p><img src="/api/media/x.png" data-ratio="0.75" /></p>');
  });

  it('splits at images into well-formed rich-text pieces', () => {
    const blocks = toBlocks('<section style="a:b"><p>一<img src="/api/media/1.png" data-ratio="0.5">二</p></section><p>三</p>');
    expect(blocks).toEqual([
      { type: 'html', html: '<section style="a:b"><p>一</p></section>' },
      { type: 'image', src: '/api/media/1.png', ratio: 0.5 },
      { type: 'html', html: '<section style="a:b"><p>二</p></section><p>三</p>' },
    ]);
  });

  it('reads the plain text for search and reading time', () => {
    expect(plainText('<p>甲&amp;乙</p><p>丙&nbsp;丁</p>')).toBe('甲&乙丙 丁');
  });

  it.each([
    ['&lt;img src=x onerror=alert(1)&gt;通知', '通知'],
    ['&amp;lt;img src=x onerror=alert(1)&amp;gt;通知', '通知'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;公告', '公告'],
    ['<b>开发区</b>动态', '开发区动态'],
    ['1 < 2 且 3 > 2', '1 < 2 且 3 > 2'],
    ['A&amp;B 通知', 'A&B 通知'],
  ])('keeps a title plain text: %s → %s', (raw, plain) => {
    expect(plainLine(raw)).toBe(plain);
    expect(plainLine(raw)).not.toMatch(/<[a-z/!]/i);
  });
});

describe('category rules', () => {
  it.each([
    ['关于开展安全生产隐患排查整治的通知', '', 'notice'],
    ['一图读懂：房地产领域“1+6”政策体系配套举措', '', 'policy'],
    ['现代农业科技园项目加快建设 设施农业连点成线', '', 'plan'],
    ['“15分钟托育圈”来了', '', 'livelihood'],
    ['招聘会暨直播带岗活动举办', '', 'news'],
    ['开发区:铆足干劲开新局', '2025年,是“十四五”规划收官之年', 'plan'],
    ['今天天气很好', '', 'news'],
  ])('“%s” (digest “%s”) goes to %s', (title, digest, expected) => {
    expect(classify(DEFAULT_CATEGORY_RULES, { title, digest })).toBe(expected);
  });
});
