"""Benchmark-only instrumentation (``bench/``). Nothing here is active unless ``BENCH_QUERY_COUNT`` is set, which
only ``python -m bench.run`` does: production and the test suite run without it."""

from django.db import connection


class QueryCountMiddleware:
    """Adds ``X-Query-Count``: the SQL statements this request ran, session and authentication included (it is the
    first middleware, so it wraps all the others). The benchmark reads it once per page before the load."""

    HEADER = "X-Query-Count"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            response = self.get_response(request)
        response[self.HEADER] = str(count)
        return response
