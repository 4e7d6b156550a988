"""Patterns of congress article pages, as named data.

Everything page-shape specific lives here so a new shape means a new entry, not new code.
Punctuation classes accept both ASCII and full-width forms: real pages and page dumps mix them.
"""

from __future__ import annotations

import re

COLON = r"\s*[:：]\s*"
LPAREN = r"[(（]"
RPAREN = r"[)）]"

# Field labels in the "info bar" under the title (发布时间:… 来源:… 作者:…).
DATE_LABEL = r"(?:发布时间|发布日期|发表时间|发表日期|时间|日期|发稿时间|更新时间)"
INFO_LABELS = re.compile(
    r"(发布时间|发布日期|发表时间|发表日期|发稿时间|日期|时间|来源|稿源|作者|文章来源|信息来源|"
    r"编辑|责任编辑|浏览次数|浏览字号|点击数|阅读量|阅读次数|访问次数|访问量|浏览|点击|字号|字数|"
    r"语音阅读|摄影|摄像|图片|审核|校对|刊发日期|出处|版面|当前报纸名称|报纸名称|期数|"
    r"【?字体)" + COLON
)

# Lines that end the article body: everything from here on is page furniture.
BODY_END = re.compile(
    r"^\s*(?:"
    r"原文链接|原文地址|本文链接|本文地址|本页地址|原标题|\[?【?免责声明|责任编辑|责编|编辑|审核|审校|校对|初审|复审|终审|"
    r"编审|监制|推荐新闻|相关新闻|相关信息|相关阅读|相关文章|热点推荐|推荐阅读|延伸\s*[·•]?\s*(?:阅读|推荐)|"
    r"上一篇|下一篇|上一条|下一条|分享到|分享|【打印】|【关闭】|打印本页|关闭窗口|【打印本页】|"
    r"举报邮箱|举报电话|版权所有|Copyright|©|主办单位|主办|网站标识码|扫一扫|"
    r"图片版权|本站部分信息|本网部分转载|本文来源于网络|"
    r"新闻推荐|热门推荐|热点新闻|精彩推荐|猜你喜欢|相关报道|更多新闻|往期回顾|"
    r"特别声明|声明[:：]|notice[:：]|ask about this article|[\[【]\s*(?:责任)?编辑|"
    # HTML pages: an editor credit or the portal's own note in brackets: (责编：X)、(本文来自X…)
    r"[(（]\s*(?:责任编辑|责编|编辑)\s*[:：]|[(（]本文来自|"
    r"(?:责\s*任\s*)?编\s+辑\s*[:：]|责\s+编\s*[:：]|\S{2,12}官方微信|进入专题|"
    r"关键字|关键词[:：]|违法和?不良信息举报|出处[:：]|本版(?:责任)?编辑"
    r")",
    re.IGNORECASE,
)
# BODY_END labels that are only furniture when followed by a colon or standing alone
# (编辑 can start a real sentence: 编辑出版…, 审核通过…).
NEEDS_COLON_OR_ALONE = re.compile(r"^\s*(?:编辑|审核|审校|校对|初审|复审|终审|编审|监制|责编|分享)")

# Lines that are never article text wherever they appear.
BOILERPLATE_LINE = re.compile(
    r"^\s*(?:"
    r"当前所在|当前位置|您的当前位置|您当前的位置|您的位置|您现在的位置|当前页|首页\s*[>›»/]|"
    r"您好|[\[【]?\s*字号|[\[【]?\s*字体|【大\s*中\s*小】|[\[【]?\s*打印\s*[\]】]|[\[【]?\s*关闭\s*[\]】]|打印本页|关闭窗口|"
    r"分享到|返回顶部|返回首页|收藏本页|扫一扫|欢迎来到|欢迎访问|浏览次数|点击数|阅读次数|"
    r"附件下载|网站地图|联系我们|设为首页|加入收藏|无障碍|站内检索|语音阅读|"
    r"A-\s*A\+|免费发信息|VIP推荐|\S{1,8}\.(?:png|jpe?g|gif)$|星期[一二三四五六日天]$|"
    r"\S{0,12}(?:编辑短信|免费订阅|下载客户端|扫码关注|点击下载)|\.{3}\s*read full story"
    r")",
    re.IGNORECASE,
)
# 首页 > 人大知识 > 正文: short segments joined by arrows, no sentence punctuation.
BREADCRUMB = re.compile(
    r"^(?:[^>›»＞→。，,；;！？]{1,15}\s*(?:>|›|»|＞|→)\s*)+[^>›»＞→。，,；;！？]{0,30}$"
)
# A field label standing alone, its value on the next line (出处 / 《人民政坛》); 摘要 alone is
# only a label over the text.
LONE_FIELD_LABEL = re.compile(r"^\s*(?:来源|出处|作者|发布时间|发布日期|日期)\s*[:：]?\s*$")
LONE_TEXT_LABEL = re.compile(r"^\s*(?:摘要|内容摘要|正文)\s*[:：]?\s*$")
# Site-footer facts; the label words need their colon, as they also occur in article text.
ICP_OR_CONTACT = re.compile(
    r"(ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©|"
    r"(?:联系电话|电话|传真|邮箱|邮编|E-?mail|地址|技术支持|主办单位|承办单位|主办|承办)\s*[:：])",
    re.IGNORECASE,
)

# Person names: 2–4 Han characters (or minority names with ·), no title words.
NAME = r"[\u4e00-\u9fff]{2,4}(?:[·•][\u4e00-\u9fff]{1,6})?"
UNKNOWN_AUTHORS = {"佚名", "未知", "本站", "本网", "管理员", "admin", "网站编辑", "匿名", "无"}
# Words that mark a string as a position/organisation rather than a person's name.
POSITION_WORDS = re.compile(
    r"(人大|常委|委员|主任|主席|书记|代表|记者|通讯员|编辑|局|厅|部|处|科|办|室|院|校|所|中心|"
    r"政府|省|市|县|区|镇|乡|街道|村|社区|党组|成员|干部|研究|协会|学会|大学|教授|律师|法官|"
    r"检察|调研|秘书|主席|会长|组长|队长|经理|主编|工作|联络|机关|报|网|社|台|发自|报道|摄|"
    r"发言人|负责人|工程|集团|公司|支部)"
)
# Family names: a name standing alone (a bracketed credit, a line of names) must start with
# one, so that (草案) or (试行) is never taken for a person. Simplified forms; text is folded.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬"
    "边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢"
    "劳谌奚皮粟冼蔺楼盘满闻厉伊仝区郜阚帅屠豆朴盖练廉禹井祖漆丰支卿狄计索宣晋容敬扈晁芮普阙浦"
    "戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸慕危玉银亢嵇哈湛宾戎勾茅於呼居揭尉冶"
    "斯束檀昝幸奉植衡尧闭"
)
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "令狐", "夏侯", "轩辕", "端木", "南宫", "西门", "呼延", "独孤", "钟离", "申屠",
)  # fmt: skip
# Words a credit puts beside the names that are no names: (记者陈智 整合).
NOT_A_NAME = frozenset(("整合", "编译", "综合", "报道", "采写", "撰稿", "发自", "供稿"))
# A closing line that credits contributors, photographers and editors at once:
# …党支部供稿 摄影/张某 编辑/苏某.
CREDIT_LINE = re.compile(r"供稿|(?:摄影|编辑|责编|审核)\s*[/／:：]")
# Reporters' roles: a core word with the qualifiers papers put before it (本报特派记者).
ROLE_CORE = r"(?:记者|通讯员|实习生|特约撰稿人?)"
ROLE_QUALIFIER = (
    r"(?:本报|本台|本刊|本网|总台|特约|特派|见习|实习|首席|全媒体|融媒体|摄影|"
    r"驻[\u4e00-\u9fff]{1,4})"
)
# Credits that name photographers, editors and reviewers: never authors.
NOT_AUTHOR_CREDIT = re.compile(
    r"(?:摄影?|图片|供图|配图|(?:责任)?编辑|责编|审核|审校|校对|监制|编审)\s*[:：/／]|"
    r"[/／\s]?摄影?\s*$|^\s*摄影?\b"
)
# Marks that papers print before a byline standing on its own line: □ 王五, 文/施 政.
BYLINE_MARK = re.compile(
    r"^\s*(?:[□■◎●◇◆▲△]|(?:文|文图|文/图|撰文|作者|执笔)\s*[/／|｜]|(?:文|执笔)\s+)\s*"
)
# A dateline that opens the lead paragraph and credits the writers: 本报讯(记者 X)、
# 人民网北京6月29日电 (记者X、Y)、中新网 乌鲁木齐12月28日电(X)、羊城晚报讯 记者X报道：
LEAD_CREDIT = re.compile(
    r"^\s*[【\[]?(?P<agency>[^()（）【】\[\]，。,]{0,30}?(?:讯|电|消息))\s*"
    r"(?:[(（](?P<spec>[^()（）]{2,60})[)）]|(?P<bare>记者[^，。,:：()（）]{2,20}?)(?:报道)?\s*[:：])"
)
# A photo credit closing a caption: …的报告。黄兴能 摄 · (南海生/摄) · 本报记者 丹增群培 摄.
PHOTO_CREDIT = re.compile(
    r"(?:[(（][^()（）]{2,24}?[/／\s]?摄影?[)）]|"
    r"(?:^|(?<=[。！？”\s]))\s*(?:\S{0,12}记者\s*)?[\u4e00-\u9fff]{2,4}(?:[\s、][\u4e00-\u9fff]{2,4}){0,3}"
    r"\s*摄影?)"
    r"\s*$"
)
# An aggregator's teaser cut: …… read full story, …阅读全文.
TEASER_CUT = re.compile(
    r"\s*(?:\.{2,}|…+)\s*(?:read (?:full|more)(?: story)?|阅读全文|查看全文)\s*$", re.I
)
# A credit in brackets closing a paragraph: (本报记者 陈振伟)、(X县人大 Y)、(文 X)、(作者系…).
TRAILING_CREDIT = re.compile(r"[(（](?P<spec>[^()（）]{2,60})[)）]\s*$")

# A congress body (or a delegation) named as the actor: 伊美区人大常委会…, 福建省十三届人大常委会…,
# 宁夏代表团…; the place is the text just before it, back to the last punctuation mark.
CONGRESS_ACTOR = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{1,16}?)(?:第?[一二三四五六七八九十百零〇]+届)?"
    r"(?:人大|人民代表大会|代表团)"
)
# An actor named only by its level (省人大常委会, 市人大): the place is found elsewhere.
UNNAMED_LEVEL = {"省": 1, "自治区": 1, "市": 2, "州": 2, "自治州": 2, "县": 3, "区": 3, "旗": 3}
# The words a county's own outlet is named with: 桐乡新闻网, 某某县融媒体中心, 某某人大.
LOCAL_OUTLET = re.compile(r"(?:新闻网|新闻|日报|报|人大|融媒|广播电视台|电视台|发布|在线)")
# Several bodies at once (三亚经济圈市县人大常委会): the place is the level above them.
PLURAL_LEVEL = {"市县": 1, "县市": 1, "市区": 1, "县区": 2, "区县": 2, "县市区": 1}
NATIONAL_ACTOR = re.compile(r"(?:全国|中国|中华人民共和国|全国人民)$")
# A headline about a national body or law: its region is the country, whoever reposts it.
NATIONAL_TITLE = re.compile(
    r"^(?:中华人民共和国|国务院|中共中央|党中央|全国人大|全国人民代表大会|最高人民)"
)
TOWN_END = re.compile(r"(?:镇|乡|街道)(?![\u4e00-\u9fff]{0,1}(?:长|党委|政府|人大))")
# Place names written out with their level: 福建省, 六安市, 临洮县, 湘西土家族苗族自治州.
PLACE_WORD = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:自治区|自治州|自治县|省|市|州|县|区|旗|盟)")

# Section headings written as numbered lines.
HEADING_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[部分章节]\s*)"
)
HEADING_SUB = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")
# 一是…二是… runs are enumerations inside a paragraph, never headings.
ENUMERATION_RUN = re.compile(r"^[一二三四五六七八九十]+(?:是|要|要坚持|方面)")
SENTENCE_END = "。！？；!?;…"

# Where a page names itself, its source and its URLs.
SOURCE_FIELD = re.compile(r"(?:文章来源|信息来源|来源于|来源|稿源|出处)" + COLON + r"(?P<value>.*)")
# What follows a source's name in the same field: a date, a share widget, a byline.
SOURCE_TRAILER = re.compile(
    r"\s*(?:(?:19|20)\d{2}\s*(?:[-/.年]\s*\d{1,2})+.*|\s(?:分享|作者|记者|通讯员|编辑|举报).*|"
    r"\s+[a-z]+\d+)$"
)
# A source that is no publication: a code (sp20241116), a lone date, nothing but marks.
SOURCE_JUNK = re.compile(r"[\W\d_]*|[a-z]{0,4}\d{4,}[a-z\d]*", re.IGNORECASE)
SOURCE_LINE = re.compile(
    r"^\s*[(（]?(?:来源于|来源|稿源|文章来源|信息来源)" + COLON + r"(?P<source>[^()（）]+)[)）]?$"
)
OWN_URL = re.compile(
    r"^(?:本文链接|本文地址|本页地址|文章地址|本文网址)" + COLON + r"(?P<url>https?://\S+)"
)
ORIGINAL_URL = re.compile(r"(?:原文链接|原文地址|原文网址)" + COLON + r"(?P<url>https?://\S+)")
SITE_WELCOME = re.compile(
    r"欢迎(?:来到|访问|光临)\s*(?P<site>[^!！,，。\s]{2,20}?)(?:网站)?[!！。]?$"
)
# A site promoting its own accounts names itself: 某某新闻网官方微信.
SITE_ACCOUNT = re.compile(
    r"^\s*(?P<site>[\u4e00-\u9fff]{2,12}(?:网|报|台|人大))官方(?:微信|微博|抖音)"
)
SITE_COPYRIGHT = re.compile(
    r"(?:(?P<before>[\u4e00-\u9fff]{2,30})\s*(?:[\w.]{1,40}\s+)?版权所有|"
    r"版权所有\s*[:：©]?\s*(?P<after>[\u4e00-\u9fff]{2,30}))"
)
# Footer lines are short; longer lines are never searched for a copyright holder (and every
# repetition above is bounded, so a long paragraph costs linear time).
COPYRIGHT_LINE_MAX = (
    200  # A site's own name: 甘肃人大网, 海伦人大, 利川市人大常委会, 全国人民代表大会, 西宁法治报.
)
SITE_NAME = re.compile(
    r"^[\u4e00-\u9fff]{2,20}"
    r"(?:网|网站|在线|中心|人大|常委会|常务委员会|代表大会|报|频道|门户|客户端|资讯|平台|融媒|"
    r"观察|新闻|数字报|电子报)$"
)
# A 来源 that names the site itself rather than a publication.
SELF_SOURCE = re.compile(r"^(?:本站|本网|本网站|本台|网站|原创|本站原创|本网原创)$")
# Around a headline: a column tag (【人大要闻】, [专题]), 原标题:, a spam suffix glued with a dash
# (…占近96%-凯发备用手机登录), a kicker or deck line (——2021年1月28日在…会议上).
COLUMN_TAG = re.compile(r"^\s*(?:【[^】]{1,20}】|\[[^\]]{1,20}\])\s*")
ORIGINAL_TITLE = re.compile(r"^\s*原标题\s*[:：]\s*")
SPAM_SUFFIX = re.compile(r"(?<=[^\s\-_|]{8})[-_|｜][\u4e00-\u9fff]{2,12}$")
DECK_LINE = re.compile(r"^\s*(?:——|--|—)")
# <title> suffixes CMSs append: 标题_甘肃人大网, 标题 - 黑龙江网, 标题--海伦人大.
TITLE_SUFFIX = re.compile(r"\s*(?:[-_|｜—–]+|——)\s*[^-_|｜—–]{2,30}$")
