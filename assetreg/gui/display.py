"""Display conventions every view shares: model roles, status icons, and sort keys for references."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QStyle

from ..domain.status import AssetStatus, NoticeStatus

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts by
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 2  # the record a row shows

Status = AssetStatus | NoticeStatus

# Every status has an icon as well as its words, so it never rests on colour (or on reading) alone. These are
# the ones Fusion draws visibly on light and dark palettes alike (its SP_DialogCloseButton is black on black).
_SP = QStyle.StandardPixmap
_STATUS_ICONS: dict[Status, QStyle.StandardPixmap] = {
    AssetStatus.NOT_NOMINATED: _SP.SP_FileIcon,
    AssetStatus.DRAFT_NOMINATION: _SP.SP_FileDialogDetailedView,
    AssetStatus.NOMINATED: _SP.SP_MessageBoxQuestion,
    AssetStatus.LISTED: _SP.SP_DialogApplyButton,
    AssetStatus.UNDER_REVIEW: _SP.SP_MessageBoxInformation,
    AssetStatus.UNDER_APPEAL: _SP.SP_MessageBoxInformation,
    AssetStatus.UNSUCCESSFUL: _SP.SP_DialogCancelButton,
    AssetStatus.EXPIRED: _SP.SP_DialogNoButton,
    AssetStatus.REMOVED: _SP.SP_LineEditClearButton,
    NoticeStatus.AWAITING_DATES: _SP.SP_MessageBoxQuestion,
    NoticeStatus.INTERIM_MORATORIUM: _SP.SP_MessageBoxWarning,
    NoticeStatus.FULL_MORATORIUM: _SP.SP_MessageBoxWarning,
    NoticeStatus.MORATORIUM_2026: _SP.SP_MessageBoxWarning,
    NoticeStatus.SUPERSEDED: _SP.SP_DialogNoButton,
    NoticeStatus.PROTECTED: _SP.SP_MessageBoxWarning,
    NoticeStatus.NO_MORATORIUM: _SP.SP_MessageBoxInformation,
    NoticeStatus.LAPSED: _SP.SP_DialogNoButton,
    NoticeStatus.DISPOSED: _SP.SP_DialogCancelButton,
    NoticeStatus.DISPOSED_TO_COMMUNITY_GROUP: _SP.SP_DialogApplyButton,
    NoticeStatus.WITHDRAWN: _SP.SP_LineEditClearButton,
}


@cache
def _standard_icon(pixmap: QStyle.StandardPixmap) -> QIcon:
    return QApplication.style().standardIcon(pixmap)


def status_icon(status: Status) -> QIcon:
    """The icon shown with a status's words (from the style, so it suits the theme)."""
    return _standard_icon(_STATUS_ICONS.get(status, _SP.SP_FileIcon))


def plain(label: QLabel, text: str | None = None) -> QLabel:
    """``label`` shows its text exactly as written (and ``text``, if given): what people type — a name such as
    "<b>Red Lion</b>" — is words, never markup. Every label that shows the register's data is made with this."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    if text is not None:
        label.setText(text)
    return label
