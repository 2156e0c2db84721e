"""Keep a long deck's cost in proportion to its slides.

python-pptx finds each new part's name, each new slide's id, each picture's existing copy and
each slide's relationship by walking everything the deck already holds, so every slide cost more
than the one before it: 537 slides took 9.6 s. ``linear_deck`` gives one presentation, while it
is being written, the same answers from counters and indexes kept as parts are added. The names
and ids are the ones python-pptx would have chosen (the next free number), so the file is the
same; only the time changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from copy import deepcopy
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import SlidePart

_NUMBER = re.compile(r"(\d+)(?=\.[^.]+$)")
_IMAGES = "/ppt/media/image"


class LinearDeck:
    """A presentation being written, with python-pptx's look-ups made constant-time.

    Made once for a new presentation, before its first slide; the presentation is then
    written through python-pptx's own calls as usual.
    """

    def __init__(self, presentation: Any) -> None:
        self.presentation = presentation
        package = presentation.part.package
        self._used: dict[str, set[int]] = defaultdict(set)
        for part in package.iter_parts():
            self._remember(str(part.partname))
        self._images: dict[str, ImagePart] = {
            part.sha1: part for part in package.iter_parts() if isinstance(part, ImagePart)
        }
        ids = [int(one.get("id")) for one in presentation.slides._sldIdLst]
        self._next_slide_id = max([255, *ids]) + 1
        self._placeholders: dict[str, list[Any]] = {}
        # The package's own look-ups, answered from here (instance attributes win over the
        # class's methods); python-pptx calls them as methods of this package object.
        package.next_partname = self.next_partname
        package.next_image_partname = self.next_image_partname
        package._image_parts.get_or_add_image_part = self.get_or_add_image_part
        # ``presentation.slides`` is made once and kept, so its ``add_slide`` is this one's.
        presentation.slides.add_slide = self.add_slide

    def _remember(self, partname: str) -> None:
        number = _NUMBER.search(partname)
        if number:
            template = partname[: number.start()] + "%d" + partname[number.end() :]
            if partname.startswith(_IMAGES):  # numbered together, whatever their format
                template = _IMAGES + "%d"
            self._used[template].add(int(number.group(1)))

    def next_partname(self, tmpl: str) -> PackURI:
        """python-pptx's choice: the highest free number up to one more than those in use."""
        used = self._used[tmpl]
        number = len(used) + 1
        while number in used:
            number -= 1
        used.add(number)
        return PackURI(tmpl % number)

    def next_image_partname(self, ext: str) -> PackURI:
        """python-pptx's choice for a picture: the lowest free number."""
        used = self._used[_IMAGES + "%d"]
        number = 1
        while number in used:
            number += 1
        used.add(number)
        return PackURI(f"{_IMAGES}{number}.{ext}")

    def get_or_add_image_part(self, image_file: Any) -> ImagePart:
        image = Image.from_file(image_file)
        known = self._images.get(image.sha1)
        if known is not None:
            return known
        part = ImagePart.new(self.presentation.part.package, image)
        self._images[image.sha1] = part
        return part

    def _clone_placeholders(self, slide: Any, layout: Any) -> None:
        """``slide.shapes.clone_layout_placeholders(layout)``, done once per layout: a new
        slide's shape tree is empty, so the clones (ids and names too) are the same for every
        slide on the layout, and later slides get copies of the first one's."""
        tree = slide.shapes._spTree
        clones = self._placeholders.get(layout.part.partname)
        if clones is None:
            before = len(tree)
            slide.shapes.clone_layout_placeholders(layout)
            self._placeholders[layout.part.partname] = [deepcopy(one) for one in tree[before:]]
        else:
            for clone in clones:
                tree.insert_element_before(deepcopy(clone), "p:extLst")

    def add_slide(self, layout: Any) -> Any:
        """``presentation.slides.add_slide``, without re-reading every slide id and relationship."""
        presentation_part = self.presentation.part
        slides = self.presentation.slides
        number = len(slides._sldIdLst) + 1
        partname = PackURI(f"/ppt/slides/slide{number}.xml")
        self._remember(str(partname))
        slide_part = SlidePart.new(partname, presentation_part.package, layout.part)
        # A new slide has no relationship yet: add one without searching for it.
        rId = presentation_part._rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        self._clone_placeholders(slide, layout)
        slides._sldIdLst._add_sldId(id=self._next_slide_id, rId=rId)
        self._next_slide_id += 1
        return slide
