"""同时发表于 names the site, not the URL: site names from the adapters, the well-known hosts and
the archive (issue 15, point 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.analysis.entries import load_archive
from scraper.crawl.sites import load_sites
from scraper.errors import ConfigError
from scraper.publish.sitenames import default_names, load_names, read_known, site_name
from scraper.records import Article

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("http://www.npc.gov.cn/npc/c2/c30834/202405/t20240519_1.html", "中国人大网"),
        ("https://NPC.gov.cn:443/npc/c2/x.html", "中国人大网"),  # no www., case, port
        ("http://www.lzfz.org.cn/rdgz/2024/0519/1.html", "廉政法治网"),  # an adapter's host
        ("https://gsrdw.gov.cn/html/rdyw/1.html", "甘肃人大网"),
        ("http://npc.people.com.cn/n1/2024/0519/c14576-1.html", "人民网·中国人大新闻"),
        ("http://politics.people.com.cn/n1/2024/0519/1.html", "人民网"),  # any subdomain
        ("http://www.people.com.cn/", "人民网"),
        ("http://www.spcsc.sh.cn/n8347/n8481/u1ai1.html", "上海人大"),
    ],
)
def test_known_hosts_have_their_names(url: str, name: str) -> None:
    assert site_name(url) == name


@pytest.mark.parametrize(
    "url",
    [
        "http://www.unknown-county.gov.cn/rdzx/1.html",
        "http://people.com.cn.evil.example/x",  # a suffix of the text is not a parent domain
        "http://xpeople.com.cn/x",
        "http://www.fzmzgc.example/x",  # a sample host: only the archive knows it
        "not a url",
        "",
        "http://[::1/x",
        "/articles/2024/x/",
    ],
)
def test_unknown_hosts_have_no_name(url: str) -> None:
    assert site_name(url) is None


def test_every_adapter_names_each_of_its_hosts() -> None:
    sites = load_sites()
    assert sites
    for site in sites.values():
        for host in site.allowed_hosts:
            assert site_name(f"https://{host}/a.html") == site.name, (site.id, host)


def test_an_adapter_wins_over_the_host_list(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "demo.yml").write_text(
        "name: 演示人大网\nstart_urls: [http://www.demo.example/list/]\n", encoding="utf-8"
    )
    known = tmp_path / "names.yml"
    known.write_text(
        "sites:\n  www.demo.example: 旧名字\n  other.example: 别的网\n  '*.demo.example': 演示\n",
        encoding="utf-8",
    )
    names = load_names(sites, known)
    assert names.name("http://demo.example/1.html") == "演示人大网"
    assert names.name("http://other.example/1.html") == "别的网"
    assert names.name("http://news.demo.example/1.html") == "演示"


def test_the_archive_names_the_hosts_of_its_articles() -> None:
    names = default_names().learn(e.article for e in load_archive(DOCS))
    # a sample's also_at on the host of other articles whose front matter says site: 法治民主观察网
    assert names.name("http://www.fzmzgc.example/rdzs/2024/0520/8812.html") == "法治民主观察网"
    assert names.name("http://www.npc.gov.cn/x.html") == "中国人大网"


def test_the_archive_never_renames_a_known_host_and_the_majority_wins() -> None:
    def art(url: str, site: str) -> Article:
        return Article(title="题", date=None, body="文", url=url, site=site)

    names = default_names().learn(
        [
            art("http://www.npc.gov.cn/1.html", "转载网"),
            art("http://a.example/1.html", "甲网"),
            art("http://a.example/2.html", "甲网"),
            art("http://www.a.example/3.html", "甲网首页"),
        ]
    )
    assert names.name("http://www.npc.gov.cn/2.html") == "中国人大网"
    assert names.name("http://a.example/9.html") == "甲网"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sites: [a, b]\n", "expected a mapping"),
        ("other: {}\n", "expected a mapping"),
        ("sites:\n  www.x.example: ''\n", r"sites\.www\.x\.example"),
        ("sites:\n  localhost: 本机\n", "not a host name"),
        ("sites: {\n", "cannot read"),
    ],
)
def test_a_bad_host_list_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "names.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        read_known(path)
    assert str(path) in str(info.value)
