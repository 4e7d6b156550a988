"""Synthetic archive generator: N articles with a realistic spread of metadata, in our own words.

    python -m bench.synth DOCS_DIR N [--seed 7] [--chars 3000] [--first K]

writes ``DOCS_DIR/articles/<year>/<date>-s<NNNNN>.md`` in the archive's front-matter schema:
provinces, cities and counties; years 2018–2025; authors with positions (some unsigned, some with
a position only); themes' vocabulary; concept mentions; 习近平总书记指出：“…” quotations; section
headings; reposts (``also_at``). URLs are on ``.example`` hosts, so the site marks them as samples.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

REGIONS: list[tuple[str, ...]] = [
    ("甘肃省", "张掖市", "甘州区"),
    ("甘肃省", "张掖市"),
    ("甘肃省", "兰州市", "城关区"),
    ("甘肃省",),
    ("黑龙江省", "伊春市", "伊美区"),
    ("黑龙江省", "哈尔滨市", "道里区"),
    ("贵州省", "六盘水市", "水城区"),
    ("贵州省", "贵阳市"),
    ("贵州省", "遵义市", "红花岗区"),
    ("浙江省", "杭州市", "西湖区"),
    ("浙江省", "宁波市", "鄞州区"),
    ("浙江省", "温州市"),
    ("江苏省", "南京市", "鼓楼区"),
    ("江苏省", "苏州市", "吴江区"),
    ("广东省", "广州市", "天河区"),
    ("广东省", "深圳市", "南山区"),
    ("四川省", "成都市", "武侯区"),
    ("四川省", "绵阳市"),
    ("山东省", "青岛市", "黄岛区"),
    ("山东省", "济南市"),
    ("河南省", "郑州市", "金水区"),
    ("湖北省", "武汉市", "江岸区"),
    ("湖南省", "长沙市", "岳麓区"),
    ("云南省", "昆明市", "五华区"),
    ("福建省", "福州市", "鼓楼区"),
    ("安徽省", "合肥市", "蜀山区"),
    ("河北省", "石家庄市"),
    ("山西省", "太原市", "小店区"),
    ("江西省", "南昌市"),
    ("陕西省", "西安市", "雁塔区"),
    ("辽宁省", "沈阳市", "和平区"),
    ("吉林省", "长春市"),
    ("内蒙古自治区", "呼和浩特市"),
    ("广西壮族自治区", "南宁市", "青秀区"),
    ("新疆维吾尔自治区", "乌鲁木齐市"),
    ("北京市", "海淀区"),
    ("上海市", "浦东新区"),
    ("重庆市", "渝中区"),
    (),
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷"
    "侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "海峰建国明华志强丽娟红梅晓东文静国庆永刚秀英立新春生玉兰建华桂芳德胜学军卫东淑珍宏伟振华亚军"
)
POSTS = [
    "{place}人大常委会主任",
    "{place}人大常委会副主任",
    "{place}人大常委会秘书长",
    "{place}人大常委会研究室主任",
    "{place}人大常委会法工委主任",
    "{place}人大代表",
    "{place}人大常委会代表工委主任",
]
OPENINGS = [
    "近年来，{place}人大常委会坚持以习近平新时代中国特色社会主义思想为指导，围绕中心、服务大局，依法履职尽责。",
    "今年以来，{place}人大及其常委会认真贯彻中央人大工作会议精神，把全过程人民民主贯穿人大工作各方面。",
    "{place}人大常委会把加强自身建设作为基础性工作，按照“四个机关”的定位要求，推动人大工作提质增效。",
]
HEADINGS = [
    "一、坚持党的全面领导，确保正确政治方向",
    "二、践行全过程人民民主，保障人民当家作主",
    "三、提高立法质量，以良法促进发展",
    "四、增强监督实效，推动解决突出问题",
    "五、密切代表联系，充分发挥代表作用",
    "六、加强自身建设，锻造过硬人大队伍",
    "七、夯实基层基础，激发基层人大活力",
    "八、服务发展大局，展现人大担当作为",
]
SENTENCES = {
    "party": [
        "常委会党组严格执行重大事项请示报告制度，重要工作、重大问题及时向党委请示报告。",
        "坚持把学习贯彻习近平总书记重要讲话精神作为第一议题，推动党的全面领导落实到人大工作各环节。",
        "引导机关干部深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "常委会党组发挥把方向、管大局、保落实作用，自觉把人大工作放在全局中谋划推进。",
    ],
    "democracy": [
        "全面推行民生实事项目人大代表票决制，由代表票决确定年度民生实事，让群众的期盼成为政府的行动。",
        "立法、监督、代表工作都注重广泛听取群众意见，保障人民群众的知情权、参与权、表达权、监督权。",
        "把全过程人民民主的要求落实到民主选举、民主协商、民主决策、民主管理、民主监督各个环节。",
        "通过座谈会、问卷调查和网上征求意见等方式，让社情民意更加顺畅地进入决策过程。",
    ],
    "legislation": [
        "坚持科学立法、民主立法、依法立法，制定年度立法计划，突出小切口立法，提高地方性法规的针对性。",
        "发挥基层立法联系点作用，法规草案征求意见时直接听取基层群众和市场主体的意见建议。",
        "加强备案审查工作，对报送备案的规范性文件逐件审查，维护国家法制统一。",
        "与相邻地区开展区域协同立法，共同解决流域保护等跨区域问题，并适时开展立法后评估。",
    ],
    "supervision": [
        "围绕群众关心的热点难点问题开展执法检查，听取审议专项工作报告，并进行满意度测评。",
        "首次就教育资源配置开展专题询问，政府有关部门负责人现场应询，问出了压力，也问出了动力。",
        "加强预算审查监督和国有资产管理情况监督，推动审计查出问题整改落实到位。",
        "坚持正确监督、有效监督、依法监督，对“一府一委两院”的审议意见实行跟踪监督、问效到底。",
    ],
    "deputies": [
        "建成代表之家和代表联络站，人大代表定期进站接待选民，把群众的诉求带到常委会。",
        "健全“双联系”制度，常委会组成人员直接联系人大代表，人大代表密切联系群众。",
        "代表建议办理实行主任会议重点督办，推动一批代表议案建议从“办理”向“办好”转变。",
        "组织代表在闭会期间开展视察调研和代表述职活动，建立代表履职档案。",
    ],
    "self": [
        "按照政治机关、国家权力机关、工作机关、代表机关的要求，全面加强“四个机关”建设。",
        "加强机关作风建设和干部队伍建设，提升专门委员会和工作机构的履职能力。",
        "完善常委会议事规则和工作制度，推动人大自身建设制度化、规范化、程序化。",
    ],
    "grassroots": [
        "指导乡镇人大主席团规范开展代表活动，推动乡镇人大工作和建设提质增效。",
        "人大街道工委在基层治理中发挥联系群众的作用，协调解决一批民生实事。",
        "推动基层人大把履职平台延伸到村社区，让群众在家门口就能找到人大代表。",
    ],
    "development": [
        "围绕优化营商环境、推动乡村振兴开展专题调研，为高质量发展提供法治保障。",
        "聚焦生态环境保护和科技创新，听取审议政府专项工作报告，推动重大项目落地见效。",
        "主动服务中国式现代化建设大局，在全面深化改革中找准人大履职的切入点。",
    ],
    "law": [
        "认真组织宪法宣誓，开展宪法宣传周活动，推动宪法实施和普法宣传深入人心。",
        "支持法治政府建设和公正司法，推动法治社会建设取得新进展。",
    ],
}
QUOTES = [
    "人民代表大会制度是坚持党的领导、人民当家作主、依法治国有机统一的根本制度安排",
    "全过程人民民主是社会主义民主政治的本质属性，是最广泛、最真实、最管用的民主",
    "各级人大及其常委会要按照政治机关、国家权力机关、工作机关、代表机关的定位，全面加强自身建设",
    "要坚持好、完善好、运行好人民代表大会制度，不断发展全过程人民民主",
    "民主不是装饰品，不是用来做摆设的，而是要用来解决人民需要解决的问题的",
    "人大代表肩负人民赋予的光荣职责，要站稳人民立场，同人民群众保持密切联系",
]
QUOTE_VERBS = ["指出", "强调", "深刻指出", "讲过"]
SITES = [("人大网", "rd"), ("地方人大网", "dfrd"), ("法治在线", "fzzx"), ("民主法制网", "mzfz")]
THEME_KEYS = list(SENTENCES)


def _place(region: tuple[str, ...]) -> str:
    return region[-1] if region else "某地"


def _person(rng: random.Random, place: str, pool: int) -> dict[str, str | None]:
    """One of ``pool`` people of a place (same name and position each time they are drawn)."""
    person = random.Random(f"{place}-{rng.randrange(pool)}")
    name = person.choice(SURNAMES) + "".join(person.sample(GIVEN, person.choice((1, 2))))
    return {"name": name, "position": person.choice(POSTS).format(place=place)}


def make_article(
    i: int, rng: random.Random, chars: int, pool: int = 20
) -> tuple[dict[str, object], str]:
    """One article: front matter and Markdown body; ``pool`` people per place write them."""
    region = rng.choice(REGIONS)
    place = _place(region)
    year = rng.randint(2018, 2025)
    date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    focus = rng.sample(THEME_KEYS, 2)
    kind = rng.random()
    if kind < 0.15:
        authors: list[dict[str, str | None]] = []
    elif kind < 0.22:
        authors = [{"name": None, "position": rng.choice(POSTS).format(place=place)}]
    else:
        # people write more than once: draw from a pool of about count/6 authors of this place
        authors = [_person(rng, place, pool) for _ in range(1 if rng.random() < 0.85 else 2)]
    site, host = rng.choice(SITES)
    meta: dict[str, object] = {
        "title": f"{place}人大：{rng.choice(HEADINGS)[2:].split('，')[1]}（{i}）",
        "date": date,
        "authors": authors,
        "region": list(region),
        "source": f"{region[0] if region else '人民'}人大网" if rng.random() < 0.8 else None,
        "site": site,
        "url": f"https://{host}.synth.example/a/{i:05d}.html",
    }
    if rng.random() < 0.05:
        meta["also_at"] = [f"https://repost.synth.example/r/{i:05d}.html"]
    meta = {k: v for k, v in meta.items() if v not in (None, [], "")}
    paragraphs = [rng.choice(OPENINGS).format(place=place)]
    headings = sorted(rng.sample(range(len(HEADINGS)), 3))
    size = len(paragraphs[0])
    section = 0
    while size < chars:
        if section < len(headings) and size > chars * section / len(headings):
            paragraphs.append("## " + HEADINGS[headings[section]])
            section += 1
        key = (
            focus[0]
            if rng.random() < 0.5
            else (focus[1] if rng.random() < 0.6 else rng.choice(THEME_KEYS))
        )
        text = "".join(rng.sample(SENTENCES[key], min(2, len(SENTENCES[key]))))
        if rng.random() < 0.15:
            text += f"习近平总书记{rng.choice(QUOTE_VERBS)}：“{rng.choice(QUOTES)}。”"
        text += (
            f"{place}第{rng.randint(1, 30)}次会议审议通过了{rng.randint(2, 9)}项决定，"
            f"办理代表建议{rng.randint(10, 300)}件。"
        )
        paragraphs.append(text)
        size += len(text)
    return meta, "\n\n".join(paragraphs) + "\n"


def write_archive(
    docs_dir: Path, count: int, seed: int = 7, chars: int = 3000, first: int = 0
) -> list[Path]:
    """Write ``count`` synthetic articles under ``docs_dir/articles``; returns their paths.
    ``first`` > 0 adds articles numbered from there to an archive of ``first`` articles (new
    files, drawn like the rest: the same places, vocabulary and mostly the same authors)."""
    rng = random.Random(seed if first == 0 else f"{seed}+{first}")
    pool = max(3, (first + count) // (6 * len(REGIONS)))
    paths: list[Path] = []
    for i in range(first, first + count):
        meta, body = make_article(i, rng, chars, pool)
        date = meta["date"]
        assert isinstance(date, dt.date)
        path = docs_dir / "articles" / str(date.year) / f"{date.isoformat()}-s{i:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--first", type=int, default=0, help="number of the first article (add)")
    args = parser.parse_args()
    write_archive(args.docs_dir, args.count, args.seed, args.chars, args.first)


if __name__ == "__main__":
    main()
