"""Constant statements (SECURITY.md IN-2: values only as parameters) for the hottest reads, and how they run.

``instances`` turns the rows of such a statement into model instances: the ORM's build and compile of a select cost
two to four times what PostgreSQL takes to answer a lookup by key (issue 7), and ``.raw()`` is not allowed (IN-2).

``prepared`` makes PostgreSQL plan statements once per connection: those whose plan cannot depend on the values.

Planning a short statement costs more than running it: 0.2 to 0.3 ms against 0.02 ms for a lookup by key, and a
signed-in request runs a few of them before its page does anything (issue 7). A prepared statement is planned
once per connection. After five runs, though, PostgreSQL may switch it to a generic plan. For a query over skewed
data (a company's timeline: 5,000 contacts for one company, 3 for most) that plan is far worse than one made for the
values: the busiest timeline went from 6 to 40 ms. So psycopg's automatic preparing stays off (``prepare_threshold``
out of reach, config/settings/base.py). Statements are prepared only inside ``prepared()``: those that read by primary
or unique key, the user-context statement, and those written so that one index gives their rows and order whatever
the values (the timeline's keyset has no ``OR``; the name search takes its candidates from the GIN index through a
CTE the planner cannot look into); the colleague search, which tests its words on every active advisor whatever
they are; and the fast entry's INSERTs, which have no plan to choose. Each was checked with ``EXPLAIN EXECUTE``
after six runs, on the busiest company and on small ones.

Needs server-side binding (``server_side_binding`` in the database options). Without it, for a pooler in
transaction mode, the statements run as any other.
"""

from contextlib import contextmanager, nullcontext

from django.db import connections, router


def _prepare(execute, sql, params, many, context):
    """The innermost execute wrapper: run the statement as a server-side prepared statement. Query logging and
    counting wrappers still see it: they sit outside this one."""
    cursor, database = context["cursor"], context["connection"]
    if many or not database.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        return execute(sql, params, many, context)
    database.validate_no_broken_transaction()
    with database.wrap_database_errors:
        return cursor.cursor.execute(sql, params, prepare=True)


@contextmanager
def prepared(using: str = "default"):
    """Statements run inside, on the ``using`` connection, are prepared: only wrap statements whose plan does not
    depend on their values (a lookup by primary or unique key)."""
    with connections[using].execute_wrapper(_prepare):
        yield


def instances(model, sql: str, params, *, prepare: bool = False) -> list:
    """Instances of ``model`` from the rows of the constant statement ``sql``. Columns named after the model's
    fields (their ``attname``: ``commune_id``) fill those fields, the others are deferred (read if asked for); any
    other column becomes an attribute of the same name (``commune_name``). ``prepare`` only for a statement whose plan
    does not depend on its values."""
    using = router.db_for_read(model)
    with prepared(using) if prepare else nullcontext(), connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        rows = cursor.fetchall()
    columns = {name: position for position, name in enumerate(names)}
    fields = [field.attname for field in model._meta.concrete_fields if field.attname in columns]
    field_positions = [columns[name] for name in fields]
    others = [(position, name) for position, name in enumerate(names) if name not in fields]
    found = []
    for row in rows:
        instance = model.from_db(using, fields, [row[position] for position in field_positions])
        for position, name in others:
            setattr(instance, name, row[position])
        found.append(instance)
    return found
