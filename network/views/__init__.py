"""The network's views, by audience: ``public`` (site pages and offices), ``extranet`` (the signed-in home),
``manage`` (network settings, privacy notices, offices) and ``system`` (health, theme, language, error pages)."""
