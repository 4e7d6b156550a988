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
    r"编辑|责任编辑|浏览次数|浏览字号|点击数|阅读量|访问量|浏览|点击|字号|【?字体)" + COLON
)

# Lines that end the article body: everything from here on is page furniture.
BODY_END = re.compile(
    r"^\s*(?:"
    r"原文链接|原文地址|本文链接|本文地址|本页地址|原标题|\[?【?免责声明|责任编辑|责编|编辑|审核|审校|校对|初审|复审|终审|"
    r"编审|监制|推荐新闻|相关新闻|相关信息|相关阅读|相关文章|热点推荐|推荐阅读|延伸阅读|"
    r"上一篇|下一篇|上一条|下一条|分享到|分享|【打印】|【关闭】|打印本页|关闭窗口|【打印本页】|"
    r"举报邮箱|举报电话|版权所有|Copyright|©|主办单位|主办|网站标识码|扫一扫|"
    r"图片版权|本站部分信息|本网部分转载|本文来源于网络"
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
    r"【?字号|【?字体|【大\s*中\s*小】|[\[【]?\s*打印\s*[\]】]|[\[【]?\s*关闭\s*[\]】]|打印本页|关闭窗口|"
    r"分享到|返回顶部|返回首页|收藏本页|扫一扫|欢迎来到|欢迎访问|浏览次数|点击数|阅读次数|"
    r"附件下载|网站地图|联系我们|设为首页|加入收藏"
    r")",
)
# 首页 > 人大知识 > 正文: short segments joined by arrows, no sentence punctuation.
BREADCRUMB = re.compile(
    r"^(?:[^>›»＞→。，,；;！？]{1,15}\s*(?:>|›|»|＞|→)\s*)+[^>›»＞→。，,；;！？]{0,30}$"
)
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
    r"检察|调研|秘书|主席|会长|组长|队长|经理|主编|工作|联络|机关)"
)
BYLINE_ROLES = (
    "本报记者",
    "本台记者",
    "特约记者",
    "见习记者",
    "记者",
    "通讯员",
    "本报通讯员",
    "实习生",
)

# Section headings written as numbered lines.
HEADING_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[部分章节]\s*)"
)
HEADING_SUB = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")
# 一是…二是… runs are enumerations inside a paragraph, never headings.
ENUMERATION_RUN = re.compile(r"^[一二三四五六七八九十]+(?:是|要|要坚持|方面)")
SENTENCE_END = "。！？；!?;…"

# Where a page names itself, its source and its URLs.
SOURCE_FIELD = re.compile(r"(?:文章来源|信息来源|来源|稿源)" + COLON + r"(?P<value>.*)")
SOURCE_LINE = re.compile(r"^\s*(?:来源|稿源|文章来源|信息来源)" + COLON + r"(?P<source>.+)$")
OWN_URL = re.compile(
    r"^(?:本文链接|本文地址|本页地址|文章地址|本文网址)" + COLON + r"(?P<url>https?://\S+)"
)
ORIGINAL_URL = re.compile(r"(?:原文链接|原文地址|原文网址)" + COLON + r"(?P<url>https?://\S+)")
SITE_WELCOME = re.compile(
    r"欢迎(?:来到|访问|光临)\s*(?P<site>[^!！,，。\s]{2,20}?)(?:网站)?[!！。]?$"
)
SITE_COPYRIGHT = re.compile(
    r"(?:(?P<before>[\u4e00-\u9fff]{2,30})\s*(?:[\w.]+\s+)?版权所有|"
    r"版权所有\s*[:：©]?\s*(?P<after>[\u4e00-\u9fff]{2,30}))"
)
# A site's own name: 甘肃人大网, 海伦人大, 利川市人大常委会, 全国人民代表大会, 西宁法治报.
SITE_NAME = re.compile(
    r"^[\u4e00-\u9fff]{2,20}"
    r"(?:网|网站|在线|中心|人大|常委会|常务委员会|代表大会|报|频道|门户|客户端)$"
)
# <title> suffixes CMSs append: 标题_甘肃人大网, 标题 - 黑龙江网, 标题--海伦人大.
TITLE_SUFFIX = re.compile(r"\s*(?:[-_|｜—–]+|——)\s*[^-_|｜—–]{2,30}$")
