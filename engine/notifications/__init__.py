"""The message centre (消息): what the product tells a person, kept as one row per event and recipient.

Why a package of its own: several features tell people things (a loaded holiday schedule moved a deadline,
later a decision or a 补正). Each calls :func:`notify` in its own transaction; the person reads the messages
on the 消息 page and the header shows the unread count. One row per event and recipient, with a ``kind`` and
a link, is exactly what a later outbox worker (email, SMS) needs to claim and deliver, so adding delivery
adds a worker, not a change here. It imports only the engine's core (organisation, errors, runtime, db).
"""

from .models import Notification
from .service import (
    department_recipients,
    mark_all_read,
    mark_read,
    my_notifications,
    notify,
    unread_count,
)

__all__ = ["Notification", "department_recipients", "mark_all_read", "mark_read", "my_notifications", "notify",
           "unread_count"]
