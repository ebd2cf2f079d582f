"""The demo network and the benchmark's region-scale data: ``manage.py seed_demo`` and ``manage.py run_portal``.

Not part of the product: it is installed only by the development and test settings (``config.settings.dev`` and
``.test``) and left out of the production image. It sits above every app, so it may import them all; no app imports
it. The data are files in ``demo/data/`` (``demo.data.load``); the modules hold what makes rows from them:

- ``members``: organisations, services, conventions, the code of conduct and the demo logins;
- ``people``: the crowd of advisors behind "Find a colleague";
- ``companies`` (its words in ``companies_texts``): companies, their people and three years of contacts;
- ``scale``, ``members_scale``, ``companies_scale``: ``seed_demo --scale small|region`` for CI and the benchmark.
"""
