"""Consultation operations, by sub-topic; import what you need from here."""

from consult.consultation.services.contributions import (
    flag_contribution,
    post_comment,
    propose_amendment,
    set_position,
    support_contribution,
    withdraw_contribution,
    withdraw_support,
)
from consult.consultation.services.drafts import (
    add_section,
    create_draft,
    link_contribution_to_change,
    move_section,
    publish_version,
    remove_section,
    start_new_version,
    unlink_contribution_from_change,
    update_section,
)
from consult.consultation.services.moderation import (
    approve_contribution,
    hide_contribution,
    respond_to_contribution,
    restore_contribution,
)
from consult.consultation.services.offline import (
    Attachment,
    OfflineEntry,
    record_offline_contribution,
    record_offline_meeting,
)

__all__ = [
    "Attachment",
    "OfflineEntry",
    "add_section",
    "approve_contribution",
    "create_draft",
    "flag_contribution",
    "hide_contribution",
    "link_contribution_to_change",
    "move_section",
    "post_comment",
    "propose_amendment",
    "publish_version",
    "record_offline_contribution",
    "record_offline_meeting",
    "remove_section",
    "respond_to_contribution",
    "restore_contribution",
    "set_position",
    "start_new_version",
    "support_contribution",
    "unlink_contribution_from_change",
    "update_section",
    "withdraw_contribution",
    "withdraw_support",
]
