"""The disposal-notice timeline: its dates (no Qt) and the geometry the widget paints, for a known notice.

The notice reached the council on Sun 31 Aug 2025 (RULES.md §4 examples); a valid request came on Wed 10 Sep
2025; today is Mon 15 Sep 2025. Bars end at ``x_for(last day + 1 day)``: a day is a cell, and the end is exclusive.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QColor, QFont, QPalette

from assetreg.domain import entities as e
from assetreg.domain.enums import Jurisdiction, LegalForm, RemovalReason
from assetreg.domain.notice_case import RequestFacts, notice_case
from assetreg.gui.widgets.timeline import FULL, INTERIM, PROTECTED, NoticeTimeline, TimelineModel, timeline_model

NOTICE = date(2025, 8, 31)
REQUEST = date(2025, 9, 10)
TODAY = date(2025, 9, 15)
ONE_DAY = timedelta(days=1)
WIDTH = 700


def timeline_spans(
    received: date, valid: bool, request: date | None, protection_end: date | None, today: date
) -> TimelineModel:
    """The picture of the case of a notice received on ``received`` on land listed long before: a charity's
    request on ``request`` (valid, or else from a body that cannot trigger the full moratorium), the listing
    removed the day after ``protection_end``."""
    entry = e.ListEntry(
        asset_ref="AST-0001",
        entered_on=date(2023, 1, 1),
        removed_on=protection_end + ONE_DAY if protection_end else None,
        removal_reason=RemovalReason.REVIEW if protection_end else None,
    )
    notice = e.DisposalNotice(asset_ref="AST-0001", received_on=received)
    form = LegalForm.CHARITY if valid else LegalForm.NEIGHBOURHOOD_FORUM
    requests = [RequestFacts(request, form, "BR-0001")] if request else []
    return timeline_model(notice_case(notice, requests, [entry], (), Jurisdiction.ENGLAND, today))


def known(valid: bool = True) -> TimelineModel:
    return timeline_spans(NOTICE, valid, REQUEST if valid else None, None, TODAY)


@pytest.fixture
def timeline(qtbot) -> NoticeTimeline:
    widget = NoticeTimeline(known())
    qtbot.addWidget(widget)
    widget.resize(WIDTH, widget.sizeHint().height())
    return widget


# the dates, without Qt


def test_periods_begin_with_the_notice_day_and_end_by_the_rules() -> None:
    model = known()
    assert [p.code for p in model.periods] == [INTERIM, FULL, PROTECTED]
    assert [p.label for p in model.periods] == ["Interim moratorium", "Full moratorium", "Protected period"]
    assert all(p.start == NOTICE for p in model.periods)
    assert model.period(INTERIM).end == date(2025, 10, 11)  # Sat 11 Oct 2025
    assert model.period(FULL).end == date(2026, 2, 28)  # Sat 28 Feb 2026
    assert model.period(PROTECTED).end == date(2027, 2, 28)  # 18 months beginning with 31 Aug 2025
    assert model.axis_start == NOTICE and model.axis_end == date(2027, 3, 1)


def test_no_full_moratorium_without_a_valid_request() -> None:
    model = timeline_spans(NOTICE, False, date(2025, 10, 20), None, TODAY)
    assert [p.code for p in model.periods] == [INTERIM, PROTECTED]
    assert model.period(FULL) is None
    assert model.request is not None and "does not count" in model.request.text


def test_markers_and_current_period() -> None:
    model = known()
    assert model.today.day == TODAY and model.today.text == "Today, Mon 15 Sep 2025"
    assert model.request is not None and model.request.day == REQUEST
    assert model.request.text == "Request received Wed 10 Sep 2025"
    assert model.current is model.period(INTERIM)
    assert timeline_spans(NOTICE, True, REQUEST, None, date(2025, 10, 12)).current.code == FULL
    assert timeline_spans(NOTICE, True, REQUEST, None, date(2026, 3, 1)).current.code == PROTECTED
    assert timeline_spans(NOTICE, True, REQUEST, None, date(2027, 3, 1)).current is None
    assert known(valid=False).request is None


def test_periods_stop_when_the_listing_ends() -> None:
    model = timeline_spans(NOTICE, True, REQUEST, date(2025, 12, 1), TODAY)
    assert model.period(INTERIM).end == date(2025, 10, 11) and not model.period(INTERIM).cut_short
    assert model.period(FULL).end == date(2025, 12, 1) and model.period(FULL).cut_short
    assert model.period(PROTECTED).end == date(2025, 12, 1) and model.period(PROTECTED).cut_short


def test_summary_reads_the_picture_in_words() -> None:
    text = known().summary()
    for part in (
        "Sun 31 Aug 2025",
        "Interim moratorium until Sat 11 Oct 2025",
        "Full moratorium until Sat 28 Feb 2026",
        "Protected period until Sun 28 Feb 2027",
        "Request received Wed 10 Sep 2025",
        "Today, Mon 15 Sep 2025",
    ):
        assert part in text


# the geometry the widget paints


def test_x_for_is_linear_and_monotonic(timeline: NoticeTimeline) -> None:
    plot = timeline.timeline_geometry().plot
    assert timeline.x_for(NOTICE) == pytest.approx(plot.left())
    assert timeline.x_for(date(2027, 3, 1)) == pytest.approx(plot.right())
    assert plot.left() >= 0 and plot.right() <= WIDTH
    days = [NOTICE + timedelta(days=n) for n in range(0, 546, 7)]
    xs = [timeline.x_for(d) for d in days]
    assert all(a < b for a, b in zip(xs, xs[1:], strict=False))
    steps = {round(b - a, 6) for a, b in zip(xs, xs[1:], strict=False)}
    assert max(steps) - min(steps) < 1e-4  # equal days, equal distances
    span = (date(2027, 3, 1) - NOTICE).days
    assert timeline.x_for(NOTICE + timedelta(days=100)) == pytest.approx(plot.left() + 100 / span * plot.width())


def test_bars_span_their_days_with_an_exclusive_end(timeline: NoticeTimeline) -> None:
    bars = timeline.bar_rects()
    assert list(bars) == [INTERIM, FULL, PROTECTED]
    x = timeline.x_for
    assert bars[INTERIM].left() == pytest.approx(x(NOTICE))
    assert bars[INTERIM].right() == pytest.approx(x(date(2025, 10, 11) + ONE_DAY))
    assert bars[FULL].left() == pytest.approx(x(NOTICE))
    assert bars[FULL].right() == pytest.approx(x(date(2026, 2, 28) + ONE_DAY))
    assert bars[PROTECTED].left() == pytest.approx(x(NOTICE))
    assert bars[PROTECTED].right() == pytest.approx(x(date(2027, 2, 28) + ONE_DAY))
    assert bars[INTERIM].width() < bars[FULL].width() < bars[PROTECTED].width()


def test_bars_are_stacked_in_order_without_overlapping(timeline: NoticeTimeline) -> None:
    interim, full, protected = timeline.bar_rects().values()
    assert interim.bottom() <= full.top() and full.bottom() <= protected.top()
    assert interim.height() > 0
    assert full.height() == pytest.approx(interim.height()) and protected.height() == pytest.approx(interim.height())
    geometry = timeline.timeline_geometry()
    assert protected.bottom() <= geometry.axis.y1()
    assert all(bar.top() >= 0 and bar.bottom() <= timeline.height() for bar in (interim, full, protected))


def test_today_line_and_request_marker(timeline: NoticeTimeline) -> None:
    geometry = timeline.timeline_geometry()
    line = geometry.today_line
    assert line is not None
    assert line.x1() == pytest.approx(timeline.x_for(TODAY)) and line.x2() == pytest.approx(timeline.x_for(TODAY))
    bars = list(timeline.bar_rects().values())
    assert line.y1() <= bars[0].top() and line.y2() >= bars[-1].bottom()  # crosses every bar
    assert geometry.today_label.text == "Today, Mon 15 Sep 2025"
    marker = geometry.request_marker
    assert marker is not None
    tip = marker.at(0)
    assert tip.x() == pytest.approx(timeline.x_for(REQUEST))
    assert marker.boundingRect().center().x() == pytest.approx(timeline.x_for(REQUEST))
    assert tip.y() >= geometry.axis.y1()  # hangs below the axis, pointing at it
    assert geometry.request_label.text == "Request received Wed 10 Sep 2025"


def test_labels_name_each_bar_and_do_not_collide(timeline: NoticeTimeline) -> None:
    geometry = timeline.timeline_geometry()
    texts = {code: label.text for code, label in geometry.bar_labels.items()}
    assert texts == {
        INTERIM: "Interim moratorium · ends Sat 11 Oct 2025",
        FULL: "Full moratorium · ends Sat 28 Feb 2026",
        PROTECTED: "Protected period · ends Sun 28 Feb 2027",
    }
    assert geometry.bar_labels[INTERIM].bold  # the period the notice is in today
    assert [x.text for x in geometry.axis_labels][:2] == ["Sun 31 Aug 2025", "Sun 28 Feb 2027"]
    labels = geometry.labels()
    for i, a in enumerate(labels):
        assert a.rect.left() >= 0 and a.rect.right() <= WIDTH, a.text
        for b in labels[i + 1 :]:
            assert not a.rect.intersects(b.rect), (a.text, b.text)


def test_without_a_valid_request_there_is_no_full_bar(qtbot) -> None:
    widget = NoticeTimeline(known(valid=False))
    qtbot.addWidget(widget)
    widget.resize(WIDTH, widget.sizeHint().height())
    assert list(widget.bar_rects()) == [INTERIM, PROTECTED]
    assert widget.timeline_geometry().request_marker is None
    assert widget.bar_rects()[PROTECTED].right() == pytest.approx(widget.x_for(date(2027, 3, 1)))


def test_today_off_the_axis_points_the_way(qtbot) -> None:
    widget = NoticeTimeline(timeline_spans(date(2023, 6, 1), False, None, None, TODAY))
    qtbot.addWidget(widget)
    widget.resize(WIDTH, widget.sizeHint().height())
    geometry = widget.timeline_geometry()
    assert geometry.today_line is None
    assert geometry.today_label.text.endswith("→")
    assert geometry.bar_labels[INTERIM].text == "Interim moratorium · ended Wed 12 Jul 2023"


def test_size_follows_the_font(qtbot) -> None:
    """At 200% the hint doubles in height, so nothing is clipped."""
    normal = NoticeTimeline(known())
    large = NoticeTimeline(known())
    qtbot.addWidget(normal)
    qtbot.addWidget(large)
    font = QFont(normal.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    large.setFont(font)
    assert large.sizeHint().height() >= 1.8 * normal.sizeHint().height()
    assert 100 <= normal.sizeHint().height() <= 200 and normal.sizeHint().width() >= 700
    assert normal.minimumSizeHint().width() < normal.sizeHint().width()
    large.resize(1400, large.sizeHint().height())
    assert large.bar_rects()[INTERIM].height() >= 1.8 * NoticeTimeline(known()).bar_rects()[INTERIM].height()


def test_accessible_name_and_description(timeline: NoticeTimeline) -> None:
    assert timeline.accessibleName() == "Disposal notice timeline"
    assert "Interim moratorium until Sat 11 Oct 2025" in timeline.accessibleDescription()
    assert timeline.focusPolicy() != 0  # reachable with Tab


def _not_blank(image) -> bool:
    colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 3)}
    return len(colours) > 3


def test_renders_to_a_non_blank_image(timeline: NoticeTimeline) -> None:
    image = timeline.grab().toImage()
    assert image.width() >= WIDTH and not image.isNull()
    assert _not_blank(image)
    highlight = timeline.palette().color(QPalette.ColorRole.Highlight).rgb()
    bar = timeline.bar_rects()[INTERIM]
    ratio = image.width() / timeline.width()
    sample = image.pixel(int((bar.left() + 3) * ratio), int(bar.center().y() * ratio))
    assert sample == highlight  # the interim bar is filled with the palette's highlight


def test_renders_with_a_dark_palette(timeline: NoticeTimeline) -> None:
    palette = QPalette(timeline.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(235, 235, 235))
    timeline.setPalette(palette)
    timeline.setAutoFillBackground(True)
    image = timeline.grab().toImage()
    assert _not_blank(image)
    ratio = image.width() / timeline.width()
    label = timeline.timeline_geometry().bar_labels[FULL].rect  # text drawn beside the bar, on the window colour
    light = [
        QColor(image.pixel(int(x * ratio), int(y * ratio))).lightness()
        for x in range(int(label.left()), int(label.right()))
        for y in range(int(label.top()), int(label.bottom()))
    ]
    assert max(light) > 150 and min(light) < 60  # light text on a dark background


def test_no_model_paints_a_placeholder(qtbot) -> None:
    widget = NoticeTimeline()
    qtbot.addWidget(widget)
    widget.resize(WIDTH, widget.sizeHint().height())
    assert widget.bar_rects() == {}
    assert not widget.grab().isNull()
    widget.set_model(known())
    assert list(widget.bar_rects()) == [INTERIM, FULL, PROTECTED]
