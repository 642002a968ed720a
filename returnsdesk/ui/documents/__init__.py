"""Printed documents in the app: preview with print/save, shop details and period dialogs.

Entry points for menus and case actions (each builds the PDF off the GUI thread,
then opens a ``DocumentPreview``): ``open_instructions``, ``open_summary``,
``ask_period_and_open_summary``, ``open_dispute_pack``; ``edit_shop_details``.
"""

from returnsdesk.ui.documents.actions import (
    ask_period_and_open_summary,
    edit_shop_details,
    open_dispute_pack,
    open_instructions,
    open_summary,
)
from returnsdesk.ui.documents.period_dialog import PeriodDialog
from returnsdesk.ui.documents.preview import DocumentPreview
from returnsdesk.ui.documents.shop_details_dialog import ShopDetailsDialog

__all__ = [
    "DocumentPreview",
    "PeriodDialog",
    "ShopDetailsDialog",
    "ask_period_and_open_summary",
    "edit_shop_details",
    "open_dispute_pack",
    "open_instructions",
    "open_summary",
]
