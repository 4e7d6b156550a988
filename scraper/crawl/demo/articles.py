"""The demo congress site's articles: our own writing, in the style of people's congress work news.

Each :class:`DemoArticle` says where it lives, which template renders it, in which encoding, and
what an archive built from it must contain (the tests assert exactly these).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SITE_NAME = "示例人大网"


@dataclass(frozen=True)
class DemoArticle:
    path: str
    title: str
    date: dt.date
    paragraphs: tuple[str, ...]
    template: str  # trs | portal | legacy | broken
    encoding: str = "utf-8"  # gbk pages are served without a charset in the HTTP header
    declare_charset: bool = True  # False: no <meta charset> either (detection must find GBK)
    source: str | None = SITE_NAME
    author: str | None = None  # as printed on the page
    author_name: str | None = None  # as expected in the archive
    column: str = "新闻中心"
    repost_of: str | None = None  # path of the original this page reposts


_SESSION = (
    "5月17日，示例市第十七届人大常委会第十八次会议在市人大常委会会议厅闭幕。会议表决通过了"
    "《示例市养犬管理条例》和《示例市历史文化街区保护条例》，两部法规将报省人大常委会批准后施行。",
    "会议听取并审议了市人民政府关于今年以来全市经济运行情况的报告。组成人员建议，要紧盯全年目标任务，"
    "在稳就业、促消费、优环境上持续用力，确保经济运行保持在合理区间。",
    "会议还审议了市人大常委会执法检查组关于检查《中华人民共和国食品安全法》实施情况的报告，"
    "要求有关部门对照问题清单逐项整改，并在三个月内向常委会书面报告整改结果。",
    "会议表决通过了有关人事任免事项。新任命人员向宪法进行了宣誓。",
)

ARTICLES: tuple[DemoArticle, ...] = (
    DemoArticle(
        path="/xwzx/202405/t20240519_1001.html",
        title="示例市人大常委会第十八次会议闭幕 表决通过两部地方性法规",
        date=dt.date(2024, 5, 19),
        paragraphs=_SESSION,
        template="trs",
        author="李明",
        author_name="李明",
    ),
    DemoArticle(
        path="/xwzx/202405/t20240516_1002.html",
        title="人大代表走进社区 面对面倾听群众心声",
        date=dt.date(2024, 5, 16),
        paragraphs=(
            "连日来，甘州区各级人大代表深入联系的社区和村组，开展“代表接待日”活动，"
            "面对面听取群众对老旧小区改造、农村道路养护和托育服务的意见建议。",
            "代表们边走边看、边听边记，对能够当场解答的问题耐心作答，对需要部门协调的问题"
            "逐一登记，形成问题清单转交相关单位办理。",
            "区人大常委会有关负责同志表示，将建立代表意见办理跟踪台账，做到件件有回音、事事有着落，"
            "让群众的“急难愁盼”在家门口得到回应。",
        ),
        template="trs",
        author="王芳(甘肃省张掖市甘州区人大常委会代表工作室)",
        author_name="王芳",
    ),
    DemoArticle(
        path="/xwzx/202405/t20240510_1003.html",
        title="市人大常委会开展大气污染防治法执法检查",
        date=dt.date(2024, 5, 10),
        paragraphs=(
            "5月8日至10日，市人大常委会执法检查组深入三个县区，对《中华人民共和国大气污染防治法》"
            "贯彻实施情况开展执法检查，实地察看了工业园区、建筑工地和城市道路扬尘治理情况。",
            "检查组指出，要压实企业治污主体责任和部门监管责任，加快推进重点行业超低排放改造，"
            "强化移动源污染治理，切实解决群众身边的突出环境问题。",
            "检查组要求，要用好法律武器，把执法检查发现的问题作为整改重点，推动法律规定落地见效。",
        ),
        template="trs",
        author=None,
    ),
    DemoArticle(
        path="/xwzx/202404/t20240428_1004.html",
        title="以高质量立法保障和促进高质量发展",
        date=dt.date(2024, 4, 28),
        paragraphs=(
            "立法是人大的首要职权。近年来，我们坚持立改废释并举，围绕生态保护、城乡建设和基层治理"
            "等领域制定和修改了一批务实管用的地方性法规。",
            "一是坚持问题导向，把群众反映强烈的突出问题作为立法选题的重要来源；二是坚持开门立法，"
            "通过基层立法联系点广泛听取意见；三是坚持精细立法，能具体就具体，能明确就明确。",
            "下一步，我们将进一步完善立法工作格局，不断提高立法质量和效率，以良法促进发展、保障善治。",
        ),
        template="portal",
        author="张建国(黑龙江省伊春市人大常委会法制工作委员会主任)",
        author_name="张建国",
        source="黑龙江人大",
    ),
    DemoArticle(
        path="/dbgz/2023-11/08/content_2001.htm",
        title="代表建议办理“回头看” 推动民生实事落地见效",
        date=dt.date(2023, 11, 8),
        paragraphs=(
            "为提高代表建议办理质量，水城区人大常委会近日组织部分区人大代表，对今年交办的重点建议"
            "办理情况开展“回头看”，实地察看了学校食堂改造和农村饮水安全工程。",
            "代表们认为，承办单位态度认真、措施有力，一批事关群众切身利益的问题得到解决。"
            "同时建议对尚未办结的建议明确时间表，防止“答复了事”。",
            "区人大常委会将把代表满意度作为评价办理工作的重要标准，推动建议办理由“重答复”向“重落实”转变。",
        ),
        template="legacy",
        encoding="gbk",
        declare_charset=False,
        author="陈静",
        author_name="陈静",
        source="六盘水市水城区人大常委会",
        column="代表工作",
    ),
    DemoArticle(
        path="/dbgz/2023-10/20/content_2002.htm",
        title="履职尽责显担当 人大代表助力乡村振兴",
        date=dt.date(2023, 10, 20),
        paragraphs=(
            "金秋时节，在各级人大代表的带动下，一批特色种植和乡村旅游项目在示例县落地开花。"
            "代表们结合自身优势，为群众提供技术指导和销售渠道。",
            "县人大常委会组织代表开展专题调研，形成关于促进农村集体经济发展的调研报告，"
            "提出完善利益联结机制等六条建议，得到县委、县政府的高度重视。",
        ),
        template="legacy",
        encoding="gbk",
        declare_charset=True,
        author=None,
        column="代表工作",
    ),
    DemoArticle(
        path="/lfgz/art_12_3001.html",
        title="《示例市物业管理条例（草案）》公开征求意见",
        date=dt.date(2024, 3, 2),
        paragraphs=(
            "为增强立法的公开性和透明度，提高立法质量，市人大常委会法制工作委员会决定将"
            "《示例市物业管理条例（草案）》全文公布，向社会公开征求意见。",
            "社会各界人士可以通过信函、电子邮件或者登录本网站留言等方式提出意见和建议，"
            "意见征集截止时间为2024年4月2日。",
            "草案共七章五十六条，对业主大会和业主委员会、物业服务、物业的使用和维护等作出了规定。",
        ),
        template="broken",
        source=None,  # the page names no source
        column="立法工作",
    ),
    DemoArticle(
        path="/lfgz/202402/t20240221_3002.html",
        title="基层立法联系点为地方立法注入“源头活水”",
        date=dt.date(2024, 2, 21),
        paragraphs=(
            "今年以来，市人大常委会设立的八个基层立法联系点共收集法规草案意见建议二百余条，"
            "其中三十余条在法规修改中被采纳。",
            "联系点采取座谈会、入户走访、线上问卷等多种形式，让群众的意见直通立法机关，"
            "使每一部法规都更接地气、更合民意。",
        ),
        template="trs",
        author="刘洋",
        author_name="刘洋",
        column="立法工作",
    ),
    DemoArticle(
        path="/lfgz/202401/t20240115_3003.html",
        title="市人大常委会召开立法工作座谈会",
        date=dt.date(2024, 1, 15),
        paragraphs=(
            "1月15日，市人大常委会召开立法工作座谈会，总结去年立法工作，研究部署今年立法计划。",
            "会议强调，要坚持党领导立法，健全立法工作机制，加强重点领域、新兴领域立法，"
            "确保每一项立法都符合宪法精神、反映人民意志、得到人民拥护。",
            "会上，各专门委员会和工作委员会负责同志作了交流发言。",
        ),
        template="portal",
        author=None,
        column="立法工作",
    ),
    DemoArticle(
        path="/zhuanzai/202405/t20240520_5001.html",
        title="示例市人大常委会第十八次会议闭幕 表决通过两部地方性法规",
        date=dt.date(2024, 5, 19),
        paragraphs=_SESSION,
        template="portal",
        author="李明",
        author_name="李明",
        column="转载",
        repost_of="/xwzx/202405/t20240519_1001.html",
    ),
)


def by_path() -> dict[str, DemoArticle]:
    return {a.path: a for a in ARTICLES}


def originals() -> tuple[DemoArticle, ...]:
    """The articles an archive of the whole demo site holds (reposts merged into their original)."""
    return tuple(a for a in ARTICLES if a.repost_of is None)
