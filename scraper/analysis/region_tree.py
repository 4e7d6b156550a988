"""The region tree: province → city → county, with the articles of each node and its sub-regions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property


@dataclass
class RegionNode:
    name: str
    path: tuple[str, ...]
    children: dict[str, RegionNode] = field(default_factory=dict)
    direct: list[int] = field(default_factory=list)  # articles whose region ends here

    @cached_property
    def articles(self) -> list[int]:
        """Articles of this region and all its sub-regions (indices, ascending; the tree must be
        complete before it is first asked)."""
        found: list[int] = list(self.direct)
        for child in self.children.values():
            found.extend(child.articles)
        return sorted(set(found))

    @property
    def count(self) -> int:
        return len(self.articles)

    def walk(self) -> Iterator[RegionNode]:
        """This node's descendants, depth first, children sorted by count then name."""
        for child in self.sorted_children():
            yield child
            yield from child.walk()

    def sorted_children(self) -> list[RegionNode]:
        return sorted(self.children.values(), key=lambda n: (-n.count, n.name))


def build_region_tree(regions: Sequence[Sequence[str]]) -> RegionNode:
    """Tree over the articles' regions (``regions[i]`` is article i's list, province first).

    Articles without a region are kept on the root's ``direct`` list."""
    root = RegionNode(name="", path=())
    for index, region in enumerate(regions):
        node = root
        for name in region[:3]:
            if name not in node.children:
                node.children[name] = RegionNode(name=name, path=(*node.path, name))
            node = node.children[name]
        node.direct.append(index)
    return root
