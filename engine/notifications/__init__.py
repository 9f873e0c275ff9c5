"""办件提醒: the message centre (消息), the outbox that delivers messages by e-mail and SMS, and each person's
choice of channels.

Features and the core publish what happened (``engine.extensions``); ``hooks`` turns it into messages in the
action's transaction (``tell``: what each event means to whom), one per event and recipient (``event_key``),
plus one outbox row per channel the recipient chose (``preferences``). ``approval notifications deliver``
(``worker``, ``outbox``) sends them later through ``channels`` (SMTP, an SMS provider), with retries and a
lease so that a worker that dies loses nothing. Imports only the engine's core and the events of the features.
"""

from .administration import DeliveryLine, OutboxStatus, outbox_status, retry_delivery
from .models import CHANNEL_NAMES, STATUS_NAMES, Delivery, Notification, NotificationPreference
from .preferences import Preferences, my_preferences, save_my_preferences, set_contact_details
from .service import (
    department_recipients,
    mark_all_read,
    mark_read,
    my_notifications,
    notify,
    unread_count,
)
from .tell import KIND_NAMES

__all__ = ["CHANNEL_NAMES", "KIND_NAMES", "STATUS_NAMES", "Delivery", "DeliveryLine", "Notification",
           "NotificationPreference", "OutboxStatus", "Preferences", "department_recipients", "mark_all_read",
           "mark_read", "my_notifications", "my_preferences", "notify", "outbox_status", "retry_delivery",
           "save_my_preferences", "set_contact_details", "unread_count"]
