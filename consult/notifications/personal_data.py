"""The notifications' part of "my data", and what account deletion removes here."""

from sqlalchemy import delete, select

from consult.db import db
from consult.notifications.models import Digest, Follow, Notification, NotificationPreference


def export_notifications(user, **_kwargs):
    """What the person follows and how they want mail (receiver of ``personal_data_requested``)."""
    follows = db.session.execute(select(Follow.target_type, Follow.target_id).where(Follow.user_id == user.id))
    preferences = db.session.execute(
        select(NotificationPreference.kind, NotificationPreference.delivery).where(
            NotificationPreference.user_id == user.id
        )
    )
    return "notifications", {
        "follows": [{"type": kind.value, "id": target_id} for kind, target_id in follows],
        "mail_preferences": {kind: delivery.value for kind, delivery in preferences},
    }


def forget_notifications(user, **_kwargs):
    """A deleted account follows nothing and is told nothing (receiver of ``account_deleting``)."""
    for model in (Follow, Notification, NotificationPreference, Digest):
        db.session.execute(delete(model).where(model.user_id == user.id))
