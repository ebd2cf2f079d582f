"""The session store: Django's database store, reading the session with one constant, prepared statement.

Every signed-in request reads its session before anything else. Through the ORM (``Session.objects.get``) the read
cost about four times what PostgreSQL took to answer it (issue 7: a fifth of a signed-in request that redirects).
Writes, deletes and expiry stay Django's.
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from network.statements import prepared

SESSION_SQL = "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s"


class SessionStore(db.SessionStore):
    def load(self):
        """The session's data; an empty session, and no key, when the key is unknown or the session has expired
        (as Django's store does)."""
        row = None
        if self.session_key is not None:
            using = router.db_for_read(self.model)
            with prepared(using), connections[using].cursor() as cursor:  # a lookup by key: planned once
                cursor.execute(SESSION_SQL, [self.session_key, timezone.now()])
                row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])
