"""The Evidence area: gallery of case evidence, viewer, drag-and-drop attach, supplier export.

``EvidenceGallery(session, case_id=None)`` is the Evidence page (with filters)
and, with a ``case_id``, the evidence panel of the case workspace.
"""

from returnsdesk.ui.evidence.gallery import EvidenceGallery
from returnsdesk.ui.evidence.viewer import EvidenceViewer

__all__ = ["EvidenceGallery", "EvidenceViewer"]
