"""The Ledger area: the entries table with filters and totals, the per-case money panel.

Wiring (for the main window and the case workspace):

- ``LedgerView(parent)``: the Ledger page. Call ``reload()`` after money was
  posted elsewhere (e.g. connect ``CaseMoneyPanel.changed`` to it).
- ``CaseMoneyPanel(case_id, parent)``: put it in the case workspace; it emits
  ``changed`` after every posting or reversal (refresh the timeline then).
  ``set_case(case_id)`` switches it to another case.
"""

from returnsdesk.ui.ledger.model import LedgerTableModel
from returnsdesk.ui.ledger.money_panel import CaseMoneyPanel
from returnsdesk.ui.ledger.view import LedgerView

__all__ = ["CaseMoneyPanel", "LedgerTableModel", "LedgerView"]
