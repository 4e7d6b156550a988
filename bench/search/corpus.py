"""A synthetic archive of congress-style Chinese articles for the search benchmark.

Articles are ~3.4k characters built from varied sentence templates whose slots are filled from
word lists (places, people, organs, actions, objects) and from random two- to four-character
"local words", so that the text has a long tail of rare n-grams like real articles do. Concept
terms appear with different frequencies (some on most pages, some on few) because search cost
depends on how many pages a query matches. Front matter follows DEVELOPERS.md.

    python -m bench.search.corpus OUT_DIR N [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

PROVINCES = {
    "甘肃省": ["兰州市", "张掖市", "天水市", "酒泉市"],
    "浙江省": ["杭州市", "宁波市", "温州市", "湖州市"],
    "四川省": ["成都市", "绵阳市", "宜宾市", "南充市"],
    "广东省": ["广州市", "深圳市", "佛山市", "韶关市"],
    "山东省": ["济南市", "青岛市", "烟台市", "潍坊市"],
    "河南省": ["郑州市", "洛阳市", "开封市", "南阳市"],
    "江苏省": ["南京市", "苏州市", "无锡市", "扬州市"],
    "湖南省": ["长沙市", "株洲市", "岳阳市", "常德市"],
    "贵州省": ["贵阳市", "遵义市", "六盘水市", "安顺市"],
    "黑龙江省": ["哈尔滨市", "齐齐哈尔市", "大庆市", "牡丹江市"],
}
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "海峰志强建国秀英丽华明辉晓东红梅文杰玉兰俊杰国庆立新春燕永刚德胜学军振华思远雅琴"
    "宏伟家豪嘉怡子涵浩然欣怡宇航晨曦"
)
POSITIONS = ["人大常委会主任", "人大常委会副主任", "人大常委会秘书长", "人大代表", "人大常委会委员"]
THEMES = [
    "党的领导与政治建设",
    "全过程人民民主",
    "立法工作",
    "监督工作",
    "代表工作",
    "人大自身建设（四个机关）",
    "基层人大建设",
    "服务改革发展大局",
]
# (term, probability that an article uses it at all)
CONCEPTS = [
    ("全过程人民民主", 0.9),
    ("人大代表", 0.97),
    ("四个机关", 0.55),
    ("代表之家", 0.45),
    ("守正创新", 0.6),
    ("一府一委两院", 0.3),
    ("专题询问", 0.2),
    ("执法检查", 0.35),
    ("备案审查", 0.15),
    ("基层立法联系点", 0.2),
    ("两个确立", 0.4),
    ("代表联络站", 0.3),
    ("民生实事项目", 0.25),
    ("满意度测评", 0.1),
    ("人民代表大会制度", 0.8),
]
ORGANS = [
    "人大常委会",
    "常委会党组",
    "法制工作委员会",
    "财政经济委员会",
    "监察和司法委员会",
    "代表工作委员会",
    "教育科学文化卫生委员会",
    "乡镇人大主席团",
    "街道人大工委",
]
ACTIONS = [
    "深入开展",
    "认真组织",
    "扎实推进",
    "持续深化",
    "积极探索",
    "统筹推进",
    "着力加强",
    "不断完善",
    "高质量推进",
    "精心组织",
    "依法开展",
    "主动参与",
]
OBJECTS = [
    "执法检查",
    "专题调研",
    "视察活动",
    "立法调研",
    "跟踪监督",
    "工作评议",
    "述职评议",
    "代表培训",
    "议案办理",
    "建议督办",
    "预算审查",
    "备案审查",
    "满意度测评",
    "集中视察",
]
FIELDS = [
    "生态环境保护",
    "乡村振兴",
    "营商环境优化",
    "食品药品安全",
    "养老服务体系",
    "义务教育均衡",
    "基层社会治理",
    "文化遗产保护",
    "农村人居环境",
    "安全生产",
    "河湖长制落实",
    "数字政府建设",
    "民族团结进步",
    "水资源保护",
    "城市更新",
    "医疗保障",
    "就业创业",
    "科技创新",
]
GOALS = [
    "推动各项决策部署落地见效",
    "切实回应人民群众关切",
    "助力经济社会高质量发展",
    "确保法律法规有效实施",
    "把人民群众的期盼变为现实",
    "推动问题真正得到解决",
    "为地方发展提供有力法治保障",
    "不断增强人民群众获得感幸福感安全感",
]
COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处府研质"
)
TEMPLATES = [
    "{date}，{place}{organ}召开会议，{action}{object}，围绕{field}听取和审议专项工作报告。",
    "会议强调，要坚持党的全面领导，{action}{concept}建设，{goal}。",
    "{person}指出，{place}各级人大要深刻领悟{concept}的重大意义，把{field}作为履职重点。",
    "近年来，{place}{organ}立足职能定位，{action}{object}，在{field}方面形成了{local}经验。",
    "调研组先后来到{local}社区、{local}村和{local}企业，实地察看{field}推进情况，与基层干部群众深入交流。",
    "{person}强调：“要以{concept}为引领，{action}{object}，{goal}。”",
    "据了解，{place}共有{num}个{concept}，今年以来累计接待群众{num}人次，收集意见建议{num}条。",
    "下一步，{organ}将{action}{object}，持续关注{field}，{goal}。",
    "与会人员一致认为，{concept}是{place}人大工作的鲜明特色，要在{field}中进一步彰显。",
    "{place}人大代表{person}在{local}镇{concept}接待选民，现场协调解决{field}问题{num}件。",
    "本次{object}采取明察暗访、问卷调查、座谈交流等方式，覆盖{num}个乡镇街道和{num}个部门。",
    "常委会组成人员围绕{field}提出审议意见{num}条，交由一府一委两院研究处理。",
    "{place}{organ}坚持守正创新，探索建立“{local}{local}”工作机制，{goal}。",
    "在{local}街道，人大代表{person}带头走访{num}户群众，把收集到的{field}诉求带进{concept}。",
    "通过{object}，{place}推动解决了{field}领域一批突出问题，群众满意度达到{pct}。",
]
HEADINGS = [
    "提高政治站位",
    "聚焦中心大局",
    "突出问题导向",
    "创新方式方法",
    "强化跟踪落实",
    "发挥代表作用",
    "夯实基层基础",
    "加强自身建设",
    "深化理论学习",
    "健全制度机制",
]
NUMERALS = "一二三四五六七八九十"


def _local(rng: random.Random) -> str:
    return "".join(rng.choice(COMMON) for _ in range(rng.randint(2, 3)))


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def article(index: int, rng: random.Random) -> tuple[str, str]:
    """One article: (file name, Markdown text with front matter)."""
    province = rng.choice(list(PROVINCES))
    city = rng.choice(PROVINCES[province])
    place = rng.choice([province, city, city + _local(rng) + "区"])
    date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
    concepts = [term for term, p in CONCEPTS if rng.random() < p] or ["人大代表"]
    people = [_person(rng) for _ in range(3)]
    author = people[0]
    words = {
        "place": lambda: place,
        "organ": lambda: rng.choice(ORGANS),
        "action": lambda: rng.choice(ACTIONS),
        "object": lambda: rng.choice(OBJECTS),
        "field": lambda: rng.choice(FIELDS),
        "goal": lambda: rng.choice(GOALS),
        "concept": lambda: rng.choice(concepts),
        "person": lambda: rng.choice(people),
        "local": lambda: _local(rng),
        "num": lambda: str(rng.randint(2, 900)),
        "pct": lambda: f"{rng.randint(80, 99)}.{rng.randint(0, 9)}%",
        "date": lambda: f"{date.month}月{date.day}日",
    }

    def sentence() -> str:
        template = rng.choice(TEMPLATES)
        out = template
        while "{" in out:
            start = out.index("{")
            end = out.index("}", start)
            out = out[:start] + words[out[start + 1 : end]]() + out[end + 1 :]
        if "一府一委两院" in out and "一府一委两院" not in concepts:
            out = out.replace("一府一委两院", "政府及有关部门")
        if "守正创新" in out and "守正创新" not in concepts:
            out = out.replace("守正创新", "改革创新")
        return out

    blocks: list[str] = []
    size = 0
    section = 0
    while size < 3300:
        if size > 0 and rng.random() < 0.22 and section < 9:
            blocks.append(f"## {NUMERALS[section]}、{rng.choice(HEADINGS)}")
            section += 1
        paragraph = "".join(sentence() for _ in range(rng.randint(3, 6)))
        blocks.append(paragraph)
        size += len(paragraph)
    topic = rng.choice([*OBJECTS, *concepts])
    title = f"{place}{rng.choice(ACTIONS)}{topic}{rng.choice(['纪实', '综述', ''])}"
    themes = rng.sample(THEMES, rng.randint(1, 2))
    front = [
        "---",
        f"title: {title}",
        f"date: {date.isoformat()}",
        "authors:",
        f"  - name: {author}",
        f"    position: {city}{rng.choice(POSITIONS)}",
        f"region: [{province}, {city}]",
        f"source: {province.removesuffix('省')}人大网",
        "site: 合成样本网",
        f"url: https://synthetic.example/a/{index}.html",
        f"themes: [{', '.join(themes)}]",
        "---",
        "",
    ]
    name = f"{date.year}/{date.isoformat()}-s{index:06d}.md"
    return name, "\n".join(front) + "\n\n".join(blocks) + "\n"


def write_archive(out: Path, count: int, seed: int = 1) -> None:
    """Write ``count`` articles under ``out/articles/<year>/``."""
    rng = random.Random(seed)
    for index in range(count):
        name, text = article(index, rng)
        path = out / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_archive(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
