"""The written request to be treated as a potential bidder (s.95(3)), and advice on getting it there in time.

Page 1 is the letter from the group to the council (``bidder_letter.py``). It is followed, on a page of its own
and clearly marked as not for sending, by advice to the group (``bidder_advice.py``): the request counts only if
the council *receives* it by the last day of the interim moratorium (RULES.md §2.5), so when to send it, how, and
what to keep.
"""

from __future__ import annotations

import html
import re
from typing import BinaryIO

from reportlab.platypus import PageBreak

from ..domain.i18n import tr
from ..domain.printed import BidderRequestDocument
from .bidder_advice import ADVICE, advice, warnings, who_may_buy_now
from .bidder_letter import TITLE, letter
from .house import HouseDocument, Rendered

__all__ = ["ADVICE", "TITLE", "render", "who_may_buy_now"]


def render(document: BidderRequestDocument, out: BinaryIO) -> Rendered:
    """Lays out the letter and, on a separate page, the advice on sending it, as a PDF into ``out``."""
    doc = HouseDocument(
        out,
        document.letterhead,
        title=TITLE,
        subject=tr("{asset}: request under section 95(3) of the Localism Act 2011").format(asset=document.asset.name),
    )
    # Every warning on the advice page is also a warning line in the app and on the command line.
    plain = [html.unescape(re.sub(r"<[^>]+>", "", w)) for w in warnings(document)]
    return doc.render([*letter(document), PageBreak(), *advice(document)], plain)
