"""Any write to public content makes the cached pages stale, whatever made it.

One receiver for every content model, so that the admin, the importer, the workflow and a
restore all invalidate the same way; the bump waits for the transaction to commit, so that no
server caches what another has not yet committed.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from newsroom.caching.state import content_changed

CONTENT_APPS = {"agencies", "articles", "events"}


def on_content_write(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        transaction.on_commit(content_changed)


post_save.connect(on_content_write, dispatch_uid="newsroom.caching.post_save")
post_delete.connect(on_content_write, dispatch_uid="newsroom.caching.post_delete")
m2m_changed.connect(on_content_write, dispatch_uid="newsroom.caching.m2m_changed")
